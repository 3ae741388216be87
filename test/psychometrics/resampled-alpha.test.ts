import { test } from "node:test";
import assert from "node:assert/strict";
import { alphaWithInterval, cronbachAlpha } from "../../lib/psychometrics/cronbach-alpha";
import { resampledAlpha } from "../../lib/psychometrics/resampled-alpha";
import { bootstrapPercentile } from "../../lib/stats/bootstrap";
import { createRandom } from "../../lib/random";

// resampledAlpha is a faster route to cronbachAlpha (psych::alpha, checked against R in reference-values.test.ts)
// of resampled rows: it must give the same number for every resample, with and without missing answers.

function matrix(rows: number, items: number, missingShare: number, seed: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: rows }, () => {
    const trait = random.normal();
    return Array.from({ length: items }, () =>
      random.next() < missingShare ? Number.NaN : Math.min(5, Math.max(1, Math.round(3 + 0.8 * trait + random.normal()))),
    );
  });
}

test("resampledAlpha equals cronbachAlpha of the resampled rows (complete, a few missing, many missing, degenerate)", () => {
  for (const [rows, items, missingShare, seed] of [
    [40, 10, 0, 1],
    [40, 16, 0.01, 2],
    [25, 6, 0.2, 3],
    [3, 4, 0.3, 4],
  ] as const) {
    const values = matrix(rows, items, missingShare, seed);
    const alphaOf = resampledAlpha(values);
    const random = createRandom(`check:${seed}`);
    for (let round = 0; round < 200; round++) {
      const indices = Array.from({ length: rows }, () => random.integer(rows));
      const expected = cronbachAlpha(indices.map((index) => values[index]));
      const actual = alphaOf(indices);
      if (Number.isNaN(expected)) assert.ok(Number.isNaN(actual), `resample ${round} of matrix ${seed}: ${actual} vs NaN`);
      else assert.ok(Math.abs(actual - expected) < 1e-9, `resample ${round} of matrix ${seed}: ${actual} vs ${expected}`);
    }
    // The identity resample is the point estimate.
    const all = values.map((_, index) => index);
    const point = cronbachAlpha(values);
    assert.ok(Number.isNaN(point) ? Number.isNaN(alphaOf(all)) : Math.abs(alphaOf(all) - point) < 1e-9);
  }
});

test("alphaWithInterval draws the same resamples as bootstrapping the rows themselves", () => {
  const values = matrix(30, 8, 0.02, 9);
  const fast = alphaWithInterval(values, { seed: "same", resamples: 300 });
  const [slow] = bootstrapPercentile(values, (resample) => [cronbachAlpha(resample)], { seed: "same", resamples: 300 });
  assert.ok(Math.abs(fast.low - slow.low) < 1e-9 && Math.abs(fast.high - slow.high) < 1e-9, `${fast.low}-${fast.high} vs ${slow.low}-${slow.high}`);
});
