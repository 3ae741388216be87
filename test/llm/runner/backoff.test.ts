import assert from "node:assert/strict";
import { test } from "node:test";
import { ModelCallError } from "../../../lib/llm/types";
import { DEFAULT_RETRY_POLICY, backoffDelay, isRetryable, retryAfterOf, retryPolicy } from "../../../lib/llm/runner/backoff";
import { createRandom } from "../../../lib/random";

const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };

test("defaults: 6 attempts", () => {
  assert.equal(DEFAULT_RETRY_POLICY.maxAttempts, 6);
  assert.deepEqual(retryPolicy({ maxAttempts: 3, baseDelayMs: undefined }), { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 });
  assert.throws(() => retryPolicy({ maxAttempts: 0 }), RangeError);
});

test("full jitter: the delay is random * min(max, base * 2^(n-1))", () => {
  const half = () => 0.5;
  assert.equal(backoffDelay(1, policy, half), 50);
  assert.equal(backoffDelay(2, policy, half), 100);
  assert.equal(backoffDelay(3, policy, half), 200);
  assert.equal(backoffDelay(4, policy, half), 400);
  assert.equal(backoffDelay(5, policy, half), 500); // capped at maxDelayMs 1000
  assert.equal(backoffDelay(9, policy, () => 0.999), 999);
});

test("Retry-After is a floor: never sooner than the server asked, even above maxDelayMs", () => {
  assert.equal(backoffDelay(1, policy, () => 0.5, 2000), 2000);
  assert.equal(backoffDelay(1, policy, () => 0, 30), 30);
  // A jittered delay longer than Retry-After is kept (spreads the retries).
  assert.equal(backoffDelay(4, policy, () => 0.5, 30), 400);
  for (let attempt = 1; attempt < 10; attempt++) {
    const random = createRandom(attempt).next;
    for (let draw = 0; draw < 100; draw++) assert.ok(backoffDelay(attempt, policy, random, 700) >= 700);
  }
});

test("the seeded jitter is reproducible and spread over [0, ceiling)", () => {
  const first = Array.from({ length: 5 }, ((random) => () => backoffDelay(3, policy, random))(createRandom(42).next));
  const second = Array.from({ length: 5 }, ((random) => () => backoffDelay(3, policy, random))(createRandom(42).next));
  assert.deepEqual(first, second);
  const random = createRandom(7).next;
  const draws = Array.from({ length: 2000 }, () => backoffDelay(3, policy, random));
  assert.ok(draws.every((value) => value >= 0 && value < 400));
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  assert.ok(Math.abs(mean - 200) < 15, `mean ${mean}`);
});

test("only retryable ModelCallErrors are retried", () => {
  assert.equal(isRetryable(new ModelCallError("rate limited", { status: 429, retryable: true, retryAfterMs: 1200 })), true);
  assert.equal(isRetryable(new ModelCallError("bad request", { status: 400, retryable: false })), false);
  assert.equal(isRetryable(new TypeError("bug")), false);
  assert.equal(retryAfterOf(new ModelCallError("x", { retryable: true, retryAfterMs: 1200 })), 1200);
  assert.equal(retryAfterOf(new Error("x")), undefined);
});
