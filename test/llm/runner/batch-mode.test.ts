import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createOpenAiAdapter } from "../../../lib/llm/adapters/openai-adapter";
import { withCache } from "../../../lib/llm/cache/cached-adapter";
import { openCache } from "../../../lib/llm/cache/response-cache";
import { Ledger } from "../../../lib/llm/runner/ledger";
import { runRequests } from "../../../lib/llm/runner/run-requests";
import type { ProgressSnapshot } from "../../../lib/llm/runner/progress";
import { startOpenAiServer, type ModelCall, type Reply } from "../../support/openai-server";
import { request } from "./fake-model";
// Prices and Batch clients come from the provider modules listed in the registry.
import "../../../lib/providers/registry";

const directory = mkdtempSync(join(tmpdir(), "runner-batch-"));
after(() => rmSync(directory, { recursive: true, force: true }));

function responder(call: ModelCall): Reply {
  const last = call.promptText.split("\n").at(-1) ?? "";
  if (last.includes("fail")) return { fault: "server-error" };
  return { text: `batched: ${last}`, inputTokens: 10, outputTokens: 2 };
}

test("mode batch goes through the Batch API at Batch prices, into the cache; a re-run is all cache hits", async () => {
  const server = await startOpenAiServer({ responder, batchPollsUntilDone: 2 });
  const cache = openCache({ path: join(directory, "batch.sqlite") });
  try {
    const connection = { apiKey: "batch-key-123456", baseURL: server.baseURL };
    const model = withCache(createOpenAiAdapter({ connection }), cache);
    const requests = ["a", "b", "fail me", "c"].map((itemId) => request(itemId, { messages: [{ role: "user", content: itemId }] }));
    const ledger = new Ledger();
    const snapshots: ProgressSnapshot[] = [];
    const { results, summary } = await runRequests(requests, {
      model, mode: "batch", ledger, batch: { pollIntervalMs: 5, connection }, log: () => {},
      progress: { update: (snapshot) => snapshots.push(snapshot), finish: () => {} },
    });
    assert.deepEqual(results.map((result) => result.status), ["paid", "paid", "failed", "paid"]);
    assert.equal(results[0].completion?.text, "batched: a");
    assert.match(results[2].error!.message, /fail|error/i);
    assert.equal(server.requests.filter((received) => received.path === "/v1/chat/completions").length, 0, "no online calls");
    assert.ok(server.calls.every((call) => call.via === "batch"));
    assert.equal(summary.mode, "batch");
    assert.equal(summary.paid, 3);
    assert.equal(summary.failed, 1);
    // gpt-4o-mini Batch price (lib/providers/openai.json): $0.075 in / $0.30 out per 1M: 3 * (10*0.075 + 2*0.30) / 1e6.
    assert.ok(Math.abs(summary.dollars - 3 * 1.35e-6) < 1e-15, String(summary.dollars));
    assert.ok(Math.abs(ledger.totals().paidDollars - summary.dollars) < 1e-15);
    assert.ok(snapshots.length >= 1);

    const callsBefore = server.calls.length;
    const rerun = await runRequests(requests.filter((req) => req.metadata.itemId !== "fail me"), { model, progress: false, log: () => {} });
    assert.equal(rerun.summary.cached, 3);
    assert.equal(server.calls.length, callsBefore);
  } finally {
    cache.close();
    await server.close();
  }
});

test("mode batch needs a cache and a provider with a Batch API", async () => {
  const model = { provider: "openai" as const, complete: async () => { throw new Error("unused"); } };
  await assert.rejects(runRequests([request("a")], { model, mode: "batch", progress: false }), /needs the response cache/);
  const cache = openCache({ path: ":memory:" });
  try {
    await assert.rejects(
      runRequests([request("a", { provider: "local" })], { model: withCache(model, cache), mode: "batch", progress: false }),
      /no Batch API/,
    );
  } finally {
    cache.close();
  }
});
