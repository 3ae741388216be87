// Expected streams: printed once by an independent Python re-implementation of the same algorithms
// (cyrb128 + sfc32, and mulberry32 with a Fisher-Yates shuffle from the last position, all written with
// explicit & 0xffffffff masks; python3 3.x, no libraries). The simulator's outputs and the recovery tests
// depend on these exact streams, so a change to either algorithm must fail here first.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createRandom, hashUniform, keyedRandom } from "../../lib/random";

test("keyedRandom is sfc32 keyed by cyrb128 of the parts joined with NUL", () => {
  // python3: sfc32("\0".join(["7", "dialogue", "p1"])), 12 warm-up draws, then five draws
  const random = keyedRandom(7, "dialogue", "p1");
  assert.deepEqual(
    Array.from({ length: 5 }, () => random.next()),
    [0.6896497281268239, 0.4714786906260997, 0.7998659394215792, 0.7400578435044736, 0.0945991741027683],
  );
  assert.equal(hashUniform("a", 1), keyedRandom("uniform", "a", 1).next());
  assert.notEqual(keyedRandom(7, "dialogue", "p2").next(), keyedRandom(7, "dialogue", "p1").next());
});

test("shuffle is Fisher-Yates over the mulberry32 stream and leaves its input alone", () => {
  const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  // python3: mulberry32(2); for i in 9..1: j = int(r() * (i + 1)); swap(i, j)
  assert.deepEqual(createRandom(2).shuffle(items), [0, 9, 4, 1, 6, 5, 3, 8, 2, 7]);
  assert.deepEqual(items, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test("normal draws have mean 0 and variance 1; weighted draws follow their weights", () => {
  const random = keyedRandom("normal-check");
  const draws = Array.from({ length: 20000 }, () => random.normal());
  const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
  const variance = draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (draws.length - 1);
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.04, `variance ${variance}`);
  const counts = [0, 0, 0];
  for (let draw = 0; draw < 30000; draw++) counts[random.weighted([1, 0, 3])]++;
  assert.equal(counts[1], 0);
  assert.ok(Math.abs(counts[2] / counts[0] - 3) < 0.2, `ratio ${counts[2] / counts[0]}`);
});

test("integer needs a positive whole bound; a seed must be finite", () => {
  const random = createRandom(1);
  assert.throws(() => random.integer(0), /positive integer/);
  assert.throws(() => random.integer(2.5), /positive integer/);
  assert.throws(() => createRandom(Number.NaN), /finite/);
  const values = Array.from({ length: 1000 }, () => random.integer(6));
  assert.ok(values.every((value) => Number.isInteger(value) && value >= 0 && value < 6));
  assert.equal(new Set(values).size, 6);
});
