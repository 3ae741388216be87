// Expected numbers: printed once by test/fixtures/analysis-stats/expected-stats.py (scipy 1.17.1 / numpy 2.4.6);
// the comment next to each value names the exact Python call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cohensKappa } from "../../lib/stats/kappa";
import { bootstrapPercentile, bootstrapShares } from "../../lib/stats/bootstrap";
import { quantile } from "../../lib/stats/descriptive";
import { createRandom } from "../../lib/random";
import { allClose, close } from "./helpers";

test("Cohen's kappa matches (p_o - p_e) / (1 - p_e) computed by hand in numpy", () => {
  const first = ["q", "q", "r", "s", "q", "r", "r", "s", "q", "q", "s", "r"];
  const second = ["q", "r", "r", "s", "q", "r", "q", "s", "q", "s", "s", "r"];
  const result = cohensKappa(first, second);
  close(result.kappa, 0.625);
  close(result.observedAgreement, 0.75);
  close(result.expectedAgreement, 0.3333333333333333);
  assert.equal(cohensKappa(["a", null], ["a", "b"]).n, 1);
});

test("mulberry32 reproduces a Python re-implementation of the same algorithm", () => {
  // python3: 32-bit mulberry32 written with explicit & 0xffffffff masks, seed 42, first five draws
  const random = createRandom(42);
  allClose(
    Array.from({ length: 5 }, () => random.next()),
    [0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693, 0.17481389874592423],
    1e-15,
  );
  const a = createRandom("run-1");
  const b = createRandom("run-1");
  assert.equal(a.next(), b.next());
  assert.notEqual(createRandom(1).next(), createRandom(2).next());
});

test("quantile is numpy.percentile's linear (type 7) interpolation", () => {
  // python3: numpy.percentile(v, [2.5, 50, 97.5, 0, 100])
  const values = [3.2, 1.5, 4.8, 2.2, 9.1, 0.4, 5.5];
  allClose(
    [0.025, 0.5, 0.975, 0, 1].map((q) => quantile(values, q)),
    [0.5650000000000001, 3.2, 8.559999999999999, 0.4, 9.1],
    1e-12,
  );
});

test("bootstrap is reproducible from its seed and brackets the estimate", () => {
  const clusters = Array.from({ length: 40 }, (_, index) => [index % 3, 2, index % 5 === 0 ? 3 : 0]);
  const first = bootstrapShares(clusters, { seed: 7, resamples: 500 });
  const second = bootstrapShares(clusters, { seed: 7, resamples: 500 });
  assert.deepEqual(first, second);
  const other = bootstrapShares(clusters, { seed: 8, resamples: 500 });
  assert.notDeepEqual(first, other);
  const totals = [0, 1, 2].map((column) => clusters.reduce((sum, row) => sum + row[column], 0));
  const grand = totals.reduce((sum, value) => sum + value, 0);
  totals.forEach((total, column) => {
    const share = total / grand;
    assert.ok(first[column].low <= share && share <= first[column].high, `share ${column} inside its interval`);
    assert.ok(first[column].high - first[column].low > 0.01, "a real interval, not a point");
  });
});

test("a statistic that is constant over resamples has a zero-width interval", () => {
  const intervals = bootstrapPercentile([1, 1, 1, 1], (resample) => [resample.length], { resamples: 50 });
  assert.deepEqual(intervals, [{ low: 4, high: 4 }]);
});
