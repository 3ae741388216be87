import assert from "node:assert/strict";
import { test } from "node:test";
import { cacheKey } from "../../../lib/llm/cache/cache-key";
import { withCache } from "../../../lib/llm/cache/cached-adapter";
import { openCache } from "../../../lib/llm/cache/response-cache";
import { Ledger, type LedgerEntry } from "../../../lib/llm/runner/ledger";
import type { PriceFunction } from "../../../lib/llm/runner/pricing";
import type { ProgressSnapshot } from "../../../lib/llm/runner/progress";
import { runRequests } from "../../../lib/llm/runner/run-requests";
import type { Usage } from "../../../lib/llm/types";
import { completion, fakeModel, request } from "./fake-model";

// A price that depends on every argument, so a reused price for the wrong usage, model or tier would show.
const usagePrice: PriceFunction = (_provider, model, usage, tier) =>
  model === "unknown-model" ? undefined : ((usage.inputTokens * 3 + usage.outputTokens * 7) * (tier === "batch" ? 0.5 : 1) * (model === "gpt-4o" ? 10 : 1)) / 1e6;

function usageOf(index: number): Usage {
  return { inputTokens: 50 + (index % 7), outputTokens: 1 + (index % 3) };
}

test("the ledger's lines and totals equal per-entry sums, with prices reused only for identical usage", () => {
  let priceCalls = 0;
  const counting: PriceFunction = (...args) => {
    priceCalls += 1;
    return usagePrice(...args);
  };
  const ledger = new Ledger({ pricing: counting });
  const entries: LedgerEntry[] = [];
  for (let index = 0; index < 3000; index++) {
    // Runs of identical usage (as in a replay), interleaved stages, models, tiers and cached/paid.
    const run = Math.floor(index / 10);
    entries.push({
      stage: index % 11 === 0 ? undefined : `stage${run % 2}`,
      provider: "openai",
      model: ["gpt-4o-mini", "gpt-4o", "unknown-model"][run % 3],
      usage: usageOf(run),
      cached: index % 4 !== 0,
      tier: run % 5 === 0 ? "batch" : "list",
    });
  }
  for (const entry of entries) ledger.record(entry);
  ledger.recordFailure("stage0", "openai", "gpt-4o");

  const expected = new Map<string, { calls: number; cachedCalls: number; paidCalls: number; unpricedCalls: number; paidInputTokens: number; cachedOutputTokens: number; paidDollars: number; cachedWouldBeDollars: number }>();
  for (const entry of entries) {
    const key = `${entry.stage ?? "(no stage)"}|${entry.model}`;
    const line = expected.get(key) ?? { calls: 0, cachedCalls: 0, paidCalls: 0, unpricedCalls: 0, paidInputTokens: 0, cachedOutputTokens: 0, paidDollars: 0, cachedWouldBeDollars: 0 };
    const dollars = usagePrice(entry.provider, entry.model, entry.usage, entry.tier ?? "list");
    line.calls += 1;
    if (dollars === undefined) line.unpricedCalls += 1;
    if (entry.cached) {
      line.cachedCalls += 1;
      line.cachedOutputTokens += entry.usage.outputTokens;
      line.cachedWouldBeDollars += dollars ?? 0;
    } else {
      line.paidCalls += 1;
      line.paidInputTokens += entry.usage.inputTokens;
      line.paidDollars += dollars ?? 0;
    }
    expected.set(key, line);
  }
  const rows = ledger.rows();
  assert.equal(rows.length, expected.size);
  for (const row of rows) {
    const line = expected.get(`${row.stage}|${row.model}`);
    assert.ok(line, `unexpected row ${row.stage}|${row.model}`);
    assert.deepEqual(
      { calls: row.calls, cachedCalls: row.cachedCalls, paidCalls: row.paidCalls, unpricedCalls: row.unpricedCalls, paidInputTokens: row.paidInputTokens, cachedOutputTokens: row.cachedOutputTokens, paidDollars: row.paidDollars, cachedWouldBeDollars: row.cachedWouldBeDollars },
      line,
    );
  }
  assert.equal(rows.find((row) => row.stage === "stage0" && row.model === "gpt-4o")?.failedCalls, 1);
  assert.equal(ledger.totals().calls, 3000);
  // Runs of 10 equal usages mostly share one price lookup (a run can span lines, so a few more than 300).
  assert.ok(priceCalls < 600, `${priceCalls} price lookups for 3000 entries`);
  assert.ok(priceCalls >= 300, `${priceCalls} price lookups: every distinct usage needs its own`);
});

test("bulk cache hits: results in order, ledger equal to per-result sums, one progress update per chunk", async () => {
  const total = 12_000;
  const stored = 11_000;
  const cache = openCache({ path: ":memory:" });
  try {
    const requests = Array.from({ length: total }, (_, index) => request(String(index)));
    cache.putMany(
      requests.slice(0, stored).map((req, index) => ({ key: cacheKey(req), request: req, completion: completion(req, { text: `stored ${index}`, usage: usageOf(index) }) })),
    );
    const inner = fakeModel((req) => completion(req, { usage: usageOf(Number(req.metadata.itemId)) }));
    const ledger = new Ledger({ pricing: usagePrice });
    const updates: ProgressSnapshot[] = [];
    const { results, summary } = await runRequests(requests, {
      model: withCache(inner, cache),
      pricing: usagePrice,
      ledger,
      concurrency: 4,
      progress: { update: (snapshot) => updates.push(snapshot), finish: () => {} },
      log: () => {},
    });

    assert.equal(inner.calls.length, total - stored);
    assert.deepEqual(results.map((result) => result.request.metadata.itemId), requests.map((req) => req.metadata.itemId));
    results.forEach((result, index) => {
      assert.equal(result.status, index < stored ? "cached" : "paid");
      assert.equal(result.completion?.text, index < stored ? `stored ${index}` : `answer to ${index}`);
    });

    // The cache answers in chunks of 5,000: 11,000 hits are 3 progress updates, then one per paid call.
    const bulkUpdates = updates.slice(0, 3);
    assert.deepEqual(bulkUpdates.map((snapshot) => snapshot.cached), [5000, 10_000, 11_000]);
    assert.deepEqual(bulkUpdates.map((snapshot) => snapshot.done), [5000, 10_000, 11_000]);
    assert.equal(updates.length, 3 + (total - stored));
    assert.equal(updates.at(-1)?.done, total);

    let cachedInput = 0;
    let cachedOutput = 0;
    let wouldBe = 0;
    let paidDollars = 0;
    for (const result of results) {
      const usage = result.completion!.usage;
      const dollars = usagePrice(result.request.provider, result.request.model, usage, "list")!;
      if (result.status === "cached") {
        cachedInput += usage.inputTokens;
        cachedOutput += usage.outputTokens;
        wouldBe += dollars;
      } else paidDollars += dollars;
    }
    for (const totals of [ledger.totals(), ledger.rows()[0]]) {
      assert.equal(totals.cachedCalls, stored);
      assert.equal(totals.paidCalls, total - stored);
      assert.equal(totals.cachedInputTokens, cachedInput);
      assert.equal(totals.cachedOutputTokens, cachedOutput);
      assert.ok(Math.abs(totals.cachedWouldBeDollars - wouldBe) < 1e-12, `${totals.cachedWouldBeDollars} vs ${wouldBe}`);
      assert.ok(Math.abs(totals.paidDollars - paidDollars) < 1e-12, `${totals.paidDollars} vs ${paidDollars}`);
    }
    assert.equal(summary.cached, stored);
    assert.ok(Math.abs(summary.savedDollars - wouldBe) < 1e-12);
    assert.ok(Math.abs(summary.dollars - paidDollars) < 1e-12);
  } finally {
    cache.close();
  }
});
