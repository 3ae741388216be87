import assert from "node:assert/strict";
import { test } from "node:test";
import { TokenBucket } from "../../../lib/llm/runner/token-bucket";

function fakeClock(start = 1000) {
  const clock = { time: start, now: () => clock.time, advance: (ms: number) => void (clock.time += ms) };
  return clock;
}

test("default capacity is one second's worth of the per-minute rate, at least 1", () => {
  assert.equal(new TokenBucket({ perMinute: 6000 }).capacity, 100);
  assert.equal(new TokenBucket({ perMinute: 30 }).capacity, 1);
});

test("a full bucket serves its capacity at once, then refills at perMinute/60000 per ms", () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ perMinute: 600, capacity: 5, clock }); // 10 per second = 1 per 100 ms
  for (let index = 0; index < 5; index++) assert.equal(bucket.tryTake(1), true, `take ${index}`);
  assert.equal(bucket.tryTake(1), false);
  assert.equal(bucket.waitTime(1), 100);
  clock.advance(50);
  assert.equal(bucket.waitTime(1), 50);
  assert.equal(bucket.tryTake(1), false);
  clock.advance(50);
  assert.equal(bucket.tryTake(1), true);
  // A long idle period refills only up to capacity.
  clock.advance(60_000);
  assert.equal(bucket.level(), 5);
});

test("over one simulated minute a drained bucket admits perMinute + capacity requests", () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ perMinute: 120, capacity: 2, clock });
  let admitted = 0;
  for (let ms = 0; ms < 60_000; ms += 10) {
    while (bucket.tryTake(1)) admitted += 1;
    clock.advance(10);
  }
  // 2 at t=0 from the full bucket, then one every 500 ms for t in [500, 59_500]: 2 + 119 = 121.
  assert.equal(admitted, 121);
});

test("a request above capacity waits for a full bucket, then leaves a debt that delays the next", () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ perMinute: 60_000, capacity: 1000, initial: 0, clock }); // 1000 tokens/s
  assert.equal(bucket.waitTime(5000), 1000); // needs a full bucket (1000), not 5000
  clock.advance(1000);
  assert.equal(bucket.tryTake(5000), true);
  assert.equal(bucket.level(), -4000);
  assert.equal(bucket.waitTime(100), 4100);
});

test("adjust reconciles estimates: refunds are capped at capacity, extra usage deepens the debt", () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ perMinute: 6000, capacity: 100, clock });
  assert.equal(bucket.tryTake(80), true);
  bucket.adjust(30); // used 50, not 80
  assert.equal(bucket.level(), 50);
  bucket.adjust(500);
  assert.equal(bucket.level(), 100);
  bucket.adjust(-150);
  assert.equal(bucket.level(), -50);
  assert.equal(bucket.waitTime(1), 510); // 51 tokens at 100 tokens/s
});

test("pauseUntil blocks takes until the given time even with tokens in the bucket", () => {
  const clock = fakeClock(0);
  const bucket = new TokenBucket({ perMinute: 6000, clock });
  bucket.pauseUntil(2500);
  assert.equal(bucket.waitTime(1), 2500);
  assert.equal(bucket.tryTake(1), false);
  clock.advance(2500);
  assert.equal(bucket.tryTake(1), true);
});

test("rejects a non-positive rate", () => {
  assert.throws(() => new TokenBucket({ perMinute: 0 }), RangeError);
});
