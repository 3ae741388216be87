// Expected numbers: printed once by test/fixtures/analysis-stats/expected-stats.py (scipy 1.17.1 / numpy 2.4.6);
// the comment next to each value names the exact Python call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { wilcoxonSignedRank } from "../../lib/stats/wilcoxon";
import { close } from "./helpers";

// Expected values: scipy 1.17.1, scipy.stats.wilcoxon(x, y, zero_method="wilcox", correction=..., method=...).
const xa = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const ya = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

test("small sample without ties: exact signed-rank p (scipy method='auto' -> exact)", () => {
  // python3: scipy.stats.wilcoxon(xa, ya) -> statistic 5.0, pvalue 0.0390625
  const result = wilcoxonSignedRank(xa, ya);
  assert.equal(result.method, "exact");
  assert.equal(result.statistic, 5);
  close(result.p, 0.0390625);
  close(wilcoxonSignedRank(xa, ya, { method: "exact" }).p, 0.0390625);
});

test("normal approximation with and without continuity correction", () => {
  // python3: scipy.stats.wilcoxon(xa, ya, method='asymptotic', correction=False / True)
  close(wilcoxonSignedRank(xa, ya, { method: "asymptotic", correction: false }).p, 0.038151710173415135);
  close(wilcoxonSignedRank(xa, ya, { method: "asymptotic", correction: true }).p, 0.04401098401295143);
});

const db = [1, 2, 2, 0, -3, 4, 0, 5, -1, 6];
const zeros = db.map(() => 0);

test("n <= 13 with ties and zeros: exact permutation p (scipy method='auto' -> PermutationMethod)", () => {
  // python3: scipy.stats.wilcoxon(db, zero_method='wilcox', correction=True) -> 6.5, 0.125
  const result = wilcoxonSignedRank(db, zeros);
  assert.equal(result.method, "permutation");
  assert.equal(result.statistic, 6.5);
  assert.equal(result.zeros, 2);
  assert.equal(result.ranked, 8);
  close(result.p, 0.125);
  // python3: scipy.stats.wilcoxon(db, method='asymptotic', correction=True) -> 0.12256476432546977
  close(wilcoxonSignedRank(db, zeros, { method: "asymptotic" }).p, 0.12256476432546977);
});

// numpy.random.default_rng(1): round(normal(0.3, 1, 30) * 2) / 2 -> many ties and 8 zero differences.
const dc = [0.5, 1, 0.5, -1, 1, 0.5, 0, 1, 0.5, 0.5, 0.5, 1, -0.5, 0, 0, 1, 0.5, 0, -0.5, 0, 0.5, 0, 1.5, 1.5, -2.5, -1.5, 0, 0, 0.5, 0.5];

test("n = 30 with ties and zeros: tie-corrected normal approximation", () => {
  // python3: scipy.stats.wilcoxon(dc, correction=True) -> 70.5, 0.06551825029214364
  const corrected = wilcoxonSignedRank(dc, dc.map(() => 0));
  assert.equal(corrected.method, "asymptotic");
  assert.equal(corrected.statistic, 70.5);
  close(corrected.p, 0.06551825029214364);
  // python3: scipy.stats.wilcoxon(dc, correction=False) -> 0.06312679776201552
  close(wilcoxonSignedRank(dc, dc.map(() => 0), { correction: false }).p, 0.06312679776201552);
  // By hand in numpy: rank-biserial (R+ - R-)/(R+ + R-) over non-zero d with scipy.stats.rankdata(|d|)
  close(corrected.rankBiserial, 0.4426877470355731);
  close(corrected.meanDifference, 0.23333333333333334);
  close(corrected.medianDifference, 0.5);
});

// numpy.random.default_rng(1) continued: round(normal(0.2, 1, 60), 3), all |d| distinct.
const dd = [
  2.318, -0.912, -0.178, 2.243, 0.847, 0.863, -0.314, -1.448, 0.367, 0.309, -1.027, -0.483, 0.128, -0.745, 0.102, 0.295,
  0.236, -0.306, 0.794, 1.091, 0.521, -0.618, 0.932, -0.301, 1.079, -0.872, 1.114, 0.18, -1.049, -0.114, 0.254, 0.473,
  -0.782, -0.907, 0.4, -0.267, 0.436, 0.96, -1.449, 0.454, 1.425, -0.098, -0.611, 0.952, 0.453, 1.096, -0.145, -1.282,
  0.09, -0.246, 0.975, 0.394, -1.431, -0.995, 1.084, 0.88, -0.44, 0.199, 0.646, 0.668,
];

test("n > 50: normal approximation even without ties", () => {
  // python3: scipy.stats.wilcoxon(dd, correction=True) -> 753.0, 0.23447945905798362
  const result = wilcoxonSignedRank(dd, dd.map(() => 0));
  assert.equal(result.method, "asymptotic");
  assert.equal(result.statistic, 753);
  close(result.p, 0.23447945905798362);
});

test("the direction of the effect follows x - y", () => {
  const up = wilcoxonSignedRank(xa, ya);
  const down = wilcoxonSignedRank(ya, xa);
  assert.ok(up.rankBiserial > 0 && down.rankBiserial < 0);
  close(up.rankBiserial, -down.rankBiserial, 1e-12);
  close(up.p, down.p, 1e-12);
});

test("all differences zero gives NaN p, and missing pairs are dropped", () => {
  assert.ok(Number.isNaN(wilcoxonSignedRank([1, 2, 3], [1, 2, 3]).p));
  const result = wilcoxonSignedRank([...xa, null], [...ya, 1]);
  assert.equal(result.n, 9);
  close(result.p, 0.0390625);
});

// numpy.random.default_rng(7): round(normal(0.35, 1, 45), 4), all |d| distinct and non-zero.
const de = [
  0.3512, 0.6487, 0.0759, -0.5406, -0.1047, -0.6416, 0.4101, 1.6902, -0.1422, -0.2705, 0.8398, 0.7069, 0.4554, -0.5805, 0.3207,
  1.0453, -0.9942, -0.1076, -1.5512, -0.9395, -1.4917, 0.1149, -0.9174, 0.6213, 0.5068, 0.1631, -2.1668, -0.1887, 0.3015, 0.4633,
  -1.1801, -0.1278, -0.6285, -0.4588, 1.4109, -0.4575, 0.3175, 1.2344, -0.2336, 0.2383, 0.4605, 0.4138, -0.8751, 0.4261, 1.7088,
];

test("n = 45 without ties: exact distribution at the upper end of scipy's exact range", () => {
  // python3: scipy.stats.wilcoxon(de) -> 497.0, 0.8231113822151315 (method "auto" -> exact since n <= 50)
  const result = wilcoxonSignedRank(de, de.map(() => 0));
  assert.equal(result.method, "exact");
  assert.equal(result.statistic, 497);
  close(result.p, 0.8231113822151315);
});
