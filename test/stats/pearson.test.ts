// Expected numbers: printed once by test/fixtures/analysis-stats/expected-stats.py (scipy 1.17.1 / numpy 2.4.6);
// the comment next to each value names the exact Python call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pearson } from "../../lib/stats/pearson";
import { correlationMatrix } from "../../lib/stats/correlation-matrix";
import { close } from "./helpers";

const x = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 1.2, 4.1, 2.6];
const y = [1.8, 3.9, 2.5, 4.9, 4.8, 2.7, 3.1, 5.2, 3.0, 1.9, 3.6, 2.2];

test("pearson matches scipy.stats.pearsonr (r, p, 95% CI)", () => {
  // python3: res = scipy.stats.pearsonr(x, y); res.statistic, res.pvalue, res.confidence_interval(0.95)
  const result = pearson(x, y);
  close(result.r, 0.9069714023969453);
  close(result.p, 4.685743505029206e-5);
  close(result.low, 0.6946368450886783);
  close(result.high, 0.9739302775836195);
  assert.equal(result.n, 12);
});

test("pearson interval at another level matches scipy confidence_interval(0.90)", () => {
  // python3: scipy.stats.pearsonr(x, y).confidence_interval(0.90)
  const result = pearson(x, y, { confidenceLevel: 0.9 });
  close(result.low, 0.7451221847688653);
  close(result.high, 0.9679336997922275);
});

test("pearson on a tiny negative sample matches scipy", () => {
  // python3: scipy.stats.pearsonr([1,2,3,4,5], [5,3,4,1,2]) and its confidence_interval()
  const result = pearson([1, 2, 3, 4, 5], [5, 3, 4, 1, 2]);
  close(result.r, -0.8);
  close(result.p, 0.10408803866182782);
  close(result.low, -0.9861961933012714);
  close(result.high, 0.279640041969355);
});

test("pairs with a missing side are dropped listwise", () => {
  const withGaps = pearson([...x, null, 3.0, Number.NaN], [...y, 2.0, undefined, 1.0]);
  const clean = pearson(x, y);
  assert.equal(withGaps.n, 12);
  close(withGaps.r, clean.r, 1e-12);
  close(withGaps.p, clean.p, 1e-12);
});

test("undefined correlations are NaN, not numbers", () => {
  assert.ok(Number.isNaN(pearson([1, 2], [2, 1]).r), "n < 3");
  assert.ok(Number.isNaN(pearson([1, 1, 1, 1], [1, 2, 3, 4]).r), "constant variable");
  assert.equal(pearson([1, 2, 3], [1, 2, 3]).p, 0);
});

test("correlationMatrix lays out rows x columns and adjusts over all cells", () => {
  const rows = x.map((value, index) => ({ a: value, b: y[index], c: index % 3 === 0 ? null : y[index] * 2 - value }));
  const matrix = correlationMatrix(rows, ["a"], ["b", "c"], { correction: "holm" });
  assert.equal(matrix.cells.length, 1);
  assert.equal(matrix.cells[0].length, 2);
  close(matrix.cells[0][0].r, 0.9069714023969453);
  assert.equal(matrix.cells[0][1].n, 8);
  const [first, second] = matrix.cells[0];
  const smaller = Math.min(first.p, second.p);
  const adjustedSmaller = first.p < second.p ? first.adjustedP! : second.adjustedP!;
  close(adjustedSmaller, Math.min(1, 2 * smaller), 1e-12);
});
