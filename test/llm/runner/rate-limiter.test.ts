import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimiter, limitsFor } from "../../../lib/llm/runner/rate-limiter";

test("limits are looked up by provider:model, then provider, then *", () => {
  const table = { "openai:gpt-4o-mini": { requestsPerMinute: 1 }, openai: { requestsPerMinute: 2 }, "*": { requestsPerMinute: 3 } };
  assert.equal(limitsFor(table, "openai", "gpt-4o-mini")?.requestsPerMinute, 1);
  assert.equal(limitsFor(table, "openai", "gpt-4o")?.requestsPerMinute, 2);
  assert.equal(limitsFor(table, "local", "meta-llama/Llama-3.1-8B-Instruct")?.requestsPerMinute, 3);
  assert.equal(limitsFor({}, "openai", "x"), undefined);
});

test("waiters are served first in, first out, at the configured rate", async () => {
  const limiter = new RateLimiter({ "*": { requestsPerMinute: 1200, burstRequests: 1 } }); // one per 50 ms
  const order: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 6 }, (_, index) => limiter.acquire("openai", "m", 1).then((permit) => {
      order.push(index);
      permit.settle(1);
    })),
  );
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  assert.ok(performance.now() - started >= 245, `took ${performance.now() - started} ms`);
});

test("a refunded permit gives its request back at once; a pause holds everyone on that lane", async () => {
  const limiter = new RateLimiter({ "*": { requestsPerMinute: 60, burstRequests: 1 } }); // one per second
  (await limiter.acquire("openai", "m", 1)).refund();
  const quick = performance.now();
  await limiter.acquire("openai", "m", 1); // the refunded token: no wait
  assert.ok(performance.now() - quick < 500);

  const other = new RateLimiter();
  other.pause("openai", "m", 200);
  const paused = performance.now();
  await other.acquire("openai", "m", 1);
  assert.ok(performance.now() - paused >= 195, `waited ${performance.now() - paused} ms`);
  const unaffected = performance.now();
  await other.acquire("anthropic", "m", 1); // another lane is not paused
  assert.ok(performance.now() - unaffected < 500);
});

test("an aborted wait rejects and does not block the waiters behind it", async () => {
  const limiter = new RateLimiter({ "*": { requestsPerMinute: 600, burstRequests: 1 } }); // one per 100 ms
  await limiter.acquire("openai", "m", 1);
  const controller = new AbortController();
  const aborted = limiter.acquire("openai", "m", 1, controller.signal);
  const next = limiter.acquire("openai", "m", 1);
  controller.abort();
  await assert.rejects(aborted);
  await next; // gets the token the aborted waiter never took
});
