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

// scipy's automatic choice at its exact/normal boundary: exact up to 50 pairs (no ties, no zeros), normal above.
// numpy.random.default_rng(28): round(normal(0.3, 1, n), 4) for n = 49, 50, 51 in turn; all |x| distinct and non-zero.
// Printed by test/fixtures/analysis-stats/wilcoxon-auto-boundary.py (scipy 1.17.1, numpy 2.4.6), which also names the
// method auto used by comparing with method="exact" and method="asymptotic".
const boundary: Record<number, number[]> = {
  49: [
  -0.9068, 0.4314, 0.069, -0.2242, 0.5913, 1.2284, 0.2892, -0.8808, 0.7094, -0.1605, 1.2961, -0.036, 1.0051, -0.8624,
  2.0114, -0.5048, -0.2744, 0.6532, 2.6407, 0.2345, 0.5159, -1.9414, 1.2165, -0.0094, 0.9869, 2.0398, -1.3624,
  -0.0371, 1.5162, 1.7013, 0.675, -0.6894, -0.5118, -0.4492, 0.5184, 0.7933, 0.4769, 0.4522, 0.6581, -0.4895, 0.3301,
  -1.7089, -0.5438, 1.0593, 0.7877, 1.5817, -1.2987, 1.0714, -0.7515,
  ],
  50: [
  0.9795, -1.7268, -0.465, -0.0698, -1.3843, -0.7496, 2.2405, 1.3225, 0.6595, -0.1194, -0.1937, -0.1859, 2.8238,
  0.7803, 1.0471, -0.1078, 0.4038, 0.8809, -0.0149, 0.4876, 0.226, 0.1839, -0.2804, 0.9177, 0.3459, 1.2848, 0.6822,
  -0.5602, 0.7051, 0.6804, 1.4624, 0.5828, 0.7964, 1.6995, 1.3944, 0.1698, 1.9507, 0.0872, 0.2113, 1.3541, 0.3413,
  -1.2695, 0.3213, 0.5008, 1.859, -0.1318, -0.8129, 1.5912, 0.6395, 1.366,
  ],
  51: [
  0.3746, 0.4356, 0.4641, 0.3369, -0.2937, 0.9702, -0.5217, -0.7792, 0.1468, 2.3083, -2.3946, -0.8119, -1.8955,
  0.5252, -0.2953, -1.4717, 1.0589, -0.9434, 2.5105, 0.8089, 0.9318, -0.0027, 1.1376, 0.5705, -1.0682, -0.1277,
  -0.6474, -0.0488, -0.2819, -0.091, 0.1844, -0.7117, 1.1624, -1.7261, -0.6819, -1.4863, 0.8339, -0.2798, 0.4186,
  -0.6532, 0.6122, 0.5892, 0.518, 1.3991, 1.2805, -0.2864, -1.5786, -1.0935, 0.9814, -0.2431, 0.8054,
  ],
};

test("method auto at n = 49, 50 and 51 makes scipy's choice: exact through 50 pairs, normal from 51", () => {
  // python3: scipy.stats.wilcoxon(x, np.zeros(n), method="auto", correction=...), x = boundary[n]
  //   n = 49 -> statistic 422.0, pvalue 0.05830547159412802 either way (exact; asymptotic would give
  //            0.058759835311800235 corrected, 0.05809775069378956 uncorrected)
  //   n = 50 -> statistic 271.0, pvalue 0.0002624791416003802 either way (exact; asymptotic would give
  //            0.0004107170935262469 corrected, 0.0004032820954100997 uncorrected)
  //   n = 51 -> statistic 638.0, pvalue 0.8183637986446093 with correction=True, 0.8147236184718414 with scipy's
  //            default correction=False (asymptotic; exact would give 0.8199032214073005)
  const expected = [
    { n: 49, method: "exact", statistic: 422, corrected: 0.05830547159412802, uncorrected: 0.05830547159412802 },
    { n: 50, method: "exact", statistic: 271, corrected: 0.0002624791416003802, uncorrected: 0.0002624791416003802 },
    { n: 51, method: "asymptotic", statistic: 638, corrected: 0.8183637986446093, uncorrected: 0.8147236184718414 },
  ] as const;
  const agrees = (actual: number, reference: number, what: string) => assert.ok(Math.abs(actual - reference) <= 1e-9 * reference, `${what}: p ${actual} vs scipy ${reference}`);
  for (const { n, method, statistic, corrected, uncorrected } of expected) {
    const x = boundary[n];
    assert.equal(x.length, n);
    const result = wilcoxonSignedRank(x, x.map(() => 0));
    assert.equal(result.method, method, `n = ${n}: scipy's auto used ${method}`);
    assert.equal(result.statistic, statistic, `n = ${n}: statistic`);
    agrees(result.p, corrected, `n = ${n}, correction=True`);
    const plain = wilcoxonSignedRank(x, x.map(() => 0), { correction: false });
    assert.equal(plain.method, method);
    agrees(plain.p, uncorrected, `n = ${n}, correction=False`);
  }
});
