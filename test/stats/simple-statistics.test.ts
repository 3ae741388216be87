// The hand-written statistics replaced by simple-statistics (issue 17), each checked against the numpy/scipy values
// the other tests already use, unchanged. Reference (numpy 2.4.6, scipy 1.17.1):
//   x = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 1.2, 4.1, 2.6]
//   np.sum(x), np.mean(x), np.var(x, ddof=1), np.std(x, ddof=1), np.median(x), np.median(x[:11])
//   np.percentile([3.2, 1.5, 4.8, 2.2, 9.1, 0.4, 5.5], [2.5, 50, 97.5, 0, 100])   (test/stats/kappa-bootstrap.test.ts)
//   scipy.stats.pearsonr(x, y).statistic                                           (test/stats/pearson.test.ts)
//   scipy.stats.rankdata([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])                        (averageRanks stays hand-written)
import { test } from "node:test";
import assert from "node:assert/strict";
import { averageRanks, mean, median, quantile, standardDeviation, sum, variance } from "../../lib/stats/descriptive";
import { pearson } from "../../lib/stats/pearson";
import { allClose, close } from "./helpers";

const x = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 1.2, 4.1, 2.6];
const y = [1.8, 3.9, 2.5, 4.9, 4.8, 2.7, 3.1, 5.2, 3.0, 1.9, 3.6, 2.2];

test("sum, mean (simple-statistics sum and mean) match numpy; empty input: 0 and NaN", () => {
  close(sum(x), 40.00000000000001, 1e-12);
  close(mean(x), 3.333333333333334, 1e-12);
  assert.equal(sum([]), 0);
  assert.ok(Number.isNaN(mean([])), "the project's convention: NaN, where simple-statistics throws");
});

test("variance and standardDeviation are the SAMPLE ones (simple-statistics sampleVariance, sampleStandardDeviation)", () => {
  close(variance(x), 1.6733333333333333, 1e-12);
  close(standardDeviation(x), 1.2935738607954836, 1e-12);
  assert.ok(Number.isNaN(variance([1])) && Number.isNaN(standardDeviation([])));
});

test("median and quantile (simple-statistics median and quantile: numpy's linear, type 7) match numpy", () => {
  close(median(x), 3.3499999999999996, 1e-12);
  close(median(x.slice(0, 11)), 3.4, 1e-12);
  allClose([0.025, 0.5, 0.975, 0, 1].map((q) => quantile([3.2, 1.5, 4.8, 2.2, 9.1, 0.4, 5.5], q)), [0.5650000000000001, 3.2, 8.559999999999999, 0.4, 9.1], 1e-12);
  assert.ok(Number.isNaN(median([])) && Number.isNaN(quantile([], 0.5)));
  assert.throws(() => quantile(x, 1.5), /quantile must be in \[0, 1\]/);
});

test("pearson's r (simple-statistics sampleCorrelation) matches scipy.stats.pearsonr; constant input is NaN", () => {
  close(pearson(x, y).r, 0.9069714023969453, 1e-12);
  assert.ok(Number.isNaN(pearson([1, 1, 1, 1], [1, 2, 3, 4]).r));
});

test("averageRanks (hand-written: simple-statistics keeps its midranks private) matches scipy.stats.rankdata", () => {
  const { ranks, tieGroups } = averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
  assert.deepEqual(ranks, [4.5, 1.5, 6.0, 1.5, 8.0, 11.0, 3.0, 10.0, 8.0, 4.5, 8.0]);
  assert.deepEqual(tieGroups, [2, 1, 2, 1, 3, 1, 1]);
});
