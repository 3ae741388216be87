import assert from "node:assert/strict";
import { test } from "node:test";
import { cacheKey } from "../../../lib/llm/cache/cache-key";
import { withCache } from "../../../lib/llm/cache/cached-adapter";
import { openCache } from "../../../lib/llm/cache/response-cache";
import { ModelCallError } from "../../../lib/llm/types";
import { runRequests } from "../../../lib/llm/runner/run-requests";
import { Ledger } from "../../../lib/llm/runner/ledger";
import type { ProgressSnapshot } from "../../../lib/llm/runner/progress";
import { completion, delay, fakeModel, request } from "./fake-model";

const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };
const quiet = { progress: false as const, log: () => {} };
const flatPrice = () => 0.01;

test("results come back in input order with completions, and the summary counts them", async () => {
  const model = fakeModel(async (req) => {
    await delay(Number(req.metadata.itemId) % 3 === 0 ? 20 : 1); // later requests overtake earlier ones
    return completion(req);
  });
  const requests = Array.from({ length: 12 }, (_, index) => request(String(index)));
  const { results, summary } = await runRequests(requests, { model, concurrency: 4, pricing: flatPrice, ...quiet });
  assert.deepEqual(results.map((result) => result.request.metadata.itemId), requests.map((req) => req.metadata.itemId));
  assert.ok(results.every((result) => result.status === "paid" && result.completion?.text === `answer to ${result.request.metadata.itemId}`));
  assert.equal(summary.total, 12);
  assert.equal(summary.done, 12);
  assert.equal(summary.paid, 12);
  assert.equal(summary.failed, 0);
  assert.equal(summary.paidInputTokens, 1200);
  assert.equal(summary.paidOutputTokens, 120);
  assert.ok(Math.abs(summary.dollars - 0.12) < 1e-12);
  assert.equal(summary.interrupted, false);
});

test("retryable failures are retried with backoff until success", async () => {
  const model = fakeModel((req, attempt) => {
    if (req.metadata.itemId === "flaky" && attempt < 4) {
      throw new ModelCallError(`server error ${attempt}`, { status: 503, retryable: true });
    }
    return completion(req);
  });
  const { results, summary } = await runRequests([request("flaky"), request("fine")], { model, retry: fastRetry, ...quiet });
  assert.equal(results[0].status, "paid");
  assert.equal(model.attemptsOf("flaky"), 4);
  assert.equal(model.attemptsOf("fine"), 1);
  assert.equal(summary.retries, 3);
  assert.equal(summary.failed, 0);
});

test("Retry-After is honoured: the retry does not start sooner", async () => {
  const model = fakeModel((req, attempt) => {
    if (attempt === 1) throw new ModelCallError("slow down", { status: 429, retryable: true, retryAfterMs: 150 });
    return completion(req);
  });
  await runRequests([request("a")], { model, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...quiet });
  const [first, second] = model.calls;
  assert.equal(second.attempt, 2);
  assert.ok(second.startedAt - first.startedAt >= 149, `retried after ${second.startedAt - first.startedAt} ms`);
});

test("a call still failing after maxAttempts becomes a failure row with its reason; the run goes on", async () => {
  const model = fakeModel((req) => {
    if (req.metadata.itemId === "doomed") throw new ModelCallError("upstream 502", { status: 502, retryable: true });
    if (req.metadata.itemId === "bad") throw new ModelCallError("invalid model", { status: 400, retryable: false });
    return completion(req);
  });
  const ledger = new Ledger({ pricing: flatPrice });
  const requests = [request("doomed"), request("ok1"), request("bad"), request("ok2")];
  const { results, summary } = await runRequests(requests, { model, concurrency: 1, ledger, retry: { ...fastRetry, maxAttempts: 3 }, ...quiet });
  assert.deepEqual(results.map((result) => result.status), ["failed", "paid", "failed", "paid"]);
  assert.deepEqual(results[0].error, { message: "upstream 502", status: 502, attempts: 3 });
  assert.deepEqual(results[2].error, { message: "invalid model", status: 400, attempts: 1 }); // not retryable
  assert.equal(model.attemptsOf("doomed"), 3);
  assert.equal(summary.failed, 2);
  assert.equal(summary.done, 2);
  assert.equal(ledger.totals().failedCalls, 2);
});

test("non-ModelCallError exceptions fail the item without retries", async () => {
  const model = fakeModel(() => {
    throw new TypeError("bug in adapter");
  });
  const { results } = await runRequests([request("x")], { model, retry: fastRetry, ...quiet });
  assert.equal(results[0].status, "failed");
  assert.equal(results[0].error?.message, "bug in adapter");
  assert.equal(model.attemptsOf("x"), 1);
});

test("the concurrency cap is respected", async () => {
  const model = fakeModel(async (req) => {
    await delay(5);
    return completion(req);
  });
  const requests = Array.from({ length: 40 }, (_, index) => request(String(index)));
  await runRequests(requests, { model, concurrency: 3, ...quiet });
  assert.equal(model.maxInFlight, 3);
  assert.equal(model.calls.length, 40);
});

test("requests/min limit paces the calls", async () => {
  const model = fakeModel((req) => completion(req));
  const requests = Array.from({ length: 31 }, (_, index) => request(String(index)));
  const started = performance.now();
  // 6000/min = 100/s with a burst of 1: 31 calls need >= 300 ms.
  await runRequests(requests, { model, concurrency: 8, limits: { "openai:gpt-4o-mini": { requestsPerMinute: 6000, burstRequests: 1 } }, ...quiet });
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 295, `took ${elapsed} ms`);
  assert.ok(elapsed < 5000, `took ${elapsed} ms`); // generous: a loaded CI machine
});

test("tokens/min limit is charged by estimate and reconciled with usage", async () => {
  // Each request reserves ceil(10 chars/4)+4 = 7 input + maxTokens 10 = 17 tokens; usage reports 100+10 = 110.
  // 60,000 tokens/min = 1 token/ms with a 220-token burst. Charged by the estimate only, 5 calls (85 tokens)
  // would pass at once; reconciled, calls 1-2 empty the bucket and calls 3-5 wait about 17 + 110 + 110 ms.
  const model = fakeModel((req) => completion(req));
  const requests = Array.from({ length: 5 }, (_, index) => request(String(index)));
  const started = performance.now();
  await runRequests(requests, { model, concurrency: 1, limits: { openai: { tokensPerMinute: 60_000, burstTokens: 220 } }, ...quiet });
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 230, `took ${elapsed} ms`);
  assert.ok(elapsed < 5000, `took ${elapsed} ms`);
});

test("cached completions are counted, cost nothing, and do not use up the rate limit", async () => {
  const model = fakeModel((req) => completion(req, { cached: Number(req.metadata.itemId) < 50 }));
  const requests = Array.from({ length: 52 }, (_, index) => request(String(index)));
  const ledger = new Ledger({ pricing: flatPrice });
  const started = performance.now();
  const { summary } = await runRequests(requests, {
    model, ledger, concurrency: 1, limits: { "*": { requestsPerMinute: 600, burstRequests: 1 } }, pricing: flatPrice, ...quiet,
  });
  const elapsed = performance.now() - started;
  assert.equal(summary.cached, 50);
  assert.equal(summary.paid, 2);
  assert.ok(Math.abs(summary.dollars - 0.02) < 1e-12);
  assert.ok(Math.abs(summary.savedDollars - 0.5) < 1e-12);
  // At 10/s, 52 paid calls would take > 5 s; 50 refunded cache hits plus 2 paid take ~100 ms.
  assert.ok(elapsed < 3000, `took ${elapsed} ms`);
});

test("abort stops scheduling, lets calls in flight finish, and reports the rest as skipped", async () => {
  const controller = new AbortController();
  const model = fakeModel(async (req) => {
    if (req.metadata.itemId === "3") controller.abort();
    await delay(30);
    return completion(req);
  });
  const requests = Array.from({ length: 20 }, (_, index) => request(String(index)));
  const { results, summary } = await runRequests(requests, { model, concurrency: 2, signal: controller.signal, ...quiet });
  assert.equal(summary.interrupted, true);
  // Items 0..3 were started (concurrency 2: 2 and 3 were in flight when 3 aborted) and all finished.
  assert.deepEqual(results.slice(0, 4).map((result) => result.status), ["paid", "paid", "paid", "paid"]);
  assert.ok(results.slice(4).every((result) => result.status === "skipped" && result.error?.attempts === 0));
  assert.equal(model.calls.length, 4);
  assert.equal(summary.skipped, 16);
});

test("abortInFlight cancels calls in flight; they are skipped, not failed", async () => {
  const controller = new AbortController();
  const model = fakeModel(async (req, _attempt, options) => {
    await delay(req.metadata.itemId === "0" ? 1 : 30_000, options?.signal);
    return completion(req);
  });
  setTimeout(() => controller.abort(), 50);
  const started = performance.now();
  const { results, summary } = await runRequests([request("0"), request("1"), request("2")], {
    model, concurrency: 3, signal: controller.signal, abortInFlight: true, ...quiet,
  });
  assert.ok(performance.now() - started < 10_000);
  assert.deepEqual(results.map((result) => result.status), ["paid", "skipped", "skipped"]);
  assert.equal(summary.failed, 0);
});

test("abort during a backoff wait ends the run promptly", async () => {
  const controller = new AbortController();
  const model = fakeModel(() => {
    throw new ModelCallError("busy", { status: 429, retryable: true, retryAfterMs: 30_000 });
  });
  setTimeout(() => controller.abort(), 50);
  const started = performance.now();
  const { results } = await runRequests([request("a")], { model, signal: controller.signal, ...quiet });
  assert.ok(performance.now() - started < 10_000);
  assert.equal(results[0].status, "skipped");
  assert.match(results[0].error!.message, /interrupted.*busy/);
  assert.equal(results[0].error!.status, 429);
});

test("progress gets a snapshot per finished call and a final one", async () => {
  const snapshots: ProgressSnapshot[] = [];
  let final: ProgressSnapshot | undefined;
  const model = fakeModel((req) => completion(req, { cached: req.metadata.itemId === "1" }));
  await runRequests([request("0"), request("1"), request("2")], {
    model, pricing: flatPrice, stage: "answers", log: () => {},
    progress: { update: (snapshot) => snapshots.push(snapshot), finish: (snapshot) => (final = snapshot) },
  });
  assert.equal(snapshots.length, 3);
  assert.deepEqual(
    { done: final!.done, cached: final!.cached, failed: final!.failed, total: final!.total, label: final!.label, etaMs: final!.etaMs },
    { done: 3, cached: 1, failed: 0, total: 3, label: "answers", etaMs: 0 },
  );
  assert.ok(Math.abs(final!.spendDollars - 0.02) < 1e-12);
});

test("bad options are usage errors", async () => {
  const model = fakeModel((req) => completion(req));
  await assert.rejects(runRequests([request("a")], { model, concurrency: 0, ...quiet }), /concurrency/);
});

test("requests already in a withCache adapter's cache are answered in bulk, without calls or rate-limit waits", async () => {
  const cache = openCache({ path: ":memory:" });
  try {
    const inner = fakeModel((req) => completion(req));
    const model = withCache(inner, cache);
    const requests = Array.from({ length: 30 }, (_, index) => request(String(index)));
    for (const req of requests.slice(0, 25)) cache.put(cacheKey(req), req, completion(req, { text: `stored ${req.metadata.itemId}` }));
    const started = performance.now();
    // 60/min with a burst of 5: 30 calls through the limiter would take 25 s; the 5 misses take none.
    const { results, summary } = await runRequests(requests, {
      model, concurrency: 1, limits: { "*": { requestsPerMinute: 60, burstRequests: 5 } }, pricing: flatPrice, ...quiet,
    });
    assert.ok(performance.now() - started < 10_000);
    assert.deepEqual(inner.calls.map((call) => call.itemId), ["25", "26", "27", "28", "29"]);
    assert.equal(results[3].status, "cached");
    assert.equal(results[3].completion?.text, "stored 3");
    assert.equal(results[27].status, "paid");
    assert.equal(summary.cached, 25);
    assert.equal(summary.paid, 5);
    assert.ok(Math.abs(summary.savedDollars - 0.25) < 1e-12);
  } finally {
    cache.close();
  }
});

test("each call gets its own abort signal (SDKs that never remove their listeners do not leak across a run)", async () => {
  const signals = new Set<AbortSignal>();
  const model = fakeModel((req, _attempt, options) => {
    signals.add(options!.signal!);
    options!.signal!.addEventListener("abort", () => {});
    return completion(req);
  });
  await runRequests(Array.from({ length: 20 }, (_, index) => request(String(index))), { model, concurrency: 4, ...quiet });
  assert.equal(signals.size, 20);
});
