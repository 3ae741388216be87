import assert from "node:assert/strict";
import { mock, test } from "node:test";
import { RateLimiter } from "../../../lib/llm/runner/rate-limiter";

// The limiter's order and pacing under contention on a fake clock (node:test's mock.timers for setTimeout and Date,
// the limiter's injected clock reading Date.now()): no wall-clock bounds, so a loaded machine cannot pass or fail
// these tests, and the grant times are exact.

const real = { setImmediate };

/** Lets every promise continuation run (the limiter's loop resumes in microtasks after a timer fires). */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise<void>((resolve) => real.setImmediate(resolve));
}

/** Advances the fake clock 1 ms at a time up to `ms`, letting the limiter react after each step. */
async function advance(ms: number): Promise<void> {
  for (let step = 0; step < ms; step++) {
    mock.timers.tick(1);
    await settle();
  }
}

function withFakeClock(body: (limiterClock: { now(): number }) => Promise<void>): () => Promise<void> {
  return async () => {
    mock.timers.enable({ apis: ["setTimeout", "Date"], now: 0 });
    try {
      await body({ now: () => Date.now() });
    } finally {
      mock.timers.reset();
    }
  };
}

interface Grant {
  name: string;
  at: number;
}

test("equal waiters are granted first in, first out, exactly at the configured rate (fake clock)", withFakeClock(async (clock) => {
  const limiter = new RateLimiter({ "*": { requestsPerMinute: 1200, burstRequests: 1 } }, { clock }); // one per 50 ms
  const grants: Grant[] = [];
  for (let index = 0; index < 6; index++) {
    void limiter.acquire("openai", "m", 1).then((permit) => {
      grants.push({ name: `w${index}`, at: Date.now() });
      permit.settle(1);
    });
  }
  await settle();
  await advance(300);
  assert.deepEqual(grants, [0, 50, 100, 150, 200, 250].map((at, index) => ({ name: `w${index}`, at })));
}));

test("a big request queued before small ones is served first, not starved by them (tokens/min, fake clock)", withFakeClock(async (clock) => {
  // 600 tokens/min = 10 per second, bucket of 10. The bucket starts drained; then a 10-token request waits for a full
  // bucket (1 s) while 1-token requests queue behind it, and more keep arriving every 50 ms. Without first-in,
  // first-out order every small request would take the first token that refills and the big one would wait for ever.
  const limiter = new RateLimiter({ "*": { tokensPerMinute: 600, burstTokens: 10 } }, { clock });
  (await limiter.acquire("openai", "m", 10)).settle(10);
  const grants: Grant[] = [];
  const request = (name: string, tokens: number) =>
    void limiter.acquire("openai", "m", tokens).then((permit) => {
      grants.push({ name, at: Date.now() });
      permit.settle(tokens);
    });
  request("big", 10);
  for (let index = 0; index < 3; index++) request(`small${index}`, 1);
  await settle();
  for (let index = 3; index < 23; index++) {
    request(`small${index}`, 1); // a steady stream, faster than the refill
    await advance(50);
  }
  await advance(2500); // to t = 3500, past the last grant at 3300
  assert.equal(grants.length, 24);
  assert.deepEqual(grants[0], { name: "big", at: 1000 }, "the big request is served once the bucket is full again");
  assert.deepEqual(grants.map((grant) => grant.name), ["big", ...Array.from({ length: 23 }, (_, index) => `small${index}`)], "served in arrival order");
  // After the big one, one small request per refilled token: every 100 ms.
  assert.deepEqual(grants.slice(1).map((grant) => grant.at), Array.from({ length: 23 }, (_, index) => 1100 + 100 * index));
}));

test("a request over the bucket's capacity goes first once the bucket is full, and its debt delays the next (fake clock)", withFakeClock(async (clock) => {
  const limiter = new RateLimiter({ "*": { tokensPerMinute: 600, burstTokens: 10 } }, { clock });
  const grants: Grant[] = [];
  const request = (name: string, tokens: number) =>
    void limiter.acquire("openai", "m", tokens).then((permit) => {
      grants.push({ name, at: Date.now() });
      permit.settle(tokens);
    });
  request("huge", 25); // full bucket at t = 0: let through, level -15
  request("next", 1); // needs level 1: 16 tokens of refill = 1.6 s
  await settle();
  await advance(2000);
  assert.deepEqual(grants, [{ name: "huge", at: 0 }, { name: "next", at: 1600 }]);
}));

test("a permit settled above its estimate charges the difference; below it gives tokens back (fake clock)", withFakeClock(async (clock) => {
  const limiter = new RateLimiter({ "*": { tokensPerMinute: 600, burstTokens: 10 } }, { clock });
  const times: number[] = [];
  (await limiter.acquire("openai", "m", 5)).settle(10); // used 10, estimated 5: the bucket is empty, not half full
  void limiter.acquire("openai", "m", 5).then((permit) => {
    times.push(Date.now());
    permit.settle(1); // used 1 of 5: 4 tokens come back at once
  });
  await settle();
  await advance(600);
  assert.deepEqual(times, [500], "5 tokens refill in 500 ms from an empty bucket");
  void limiter.acquire("openai", "m", 4).then(() => times.push(Date.now()));
  await settle();
  assert.deepEqual(times, [500, 600], "the 4 tokens given back (plus 100 ms of refill) serve the next request at once");
}));
