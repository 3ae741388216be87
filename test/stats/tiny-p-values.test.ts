// Upper tails far below 1e-16, where 1 - cdf rounds to 0. Expected numbers: computed once on the dev machine
// with python3, scipy 1.17.1 / numpy 2.4.6, by the exact call in the comment next to each value; compared to a
// relative tolerance, because the absolute 1e-6 of the other tests would accept 0.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chiSquareIndependence } from "../../lib/stats/chi-square";
import { binomialSurvival, chiSquareSurvival, signrankUpperTail, tTwoSided } from "../../lib/stats/distributions";
import { pearson } from "../../lib/stats/pearson";
import { binomialTest } from "../../lib/stats/sign-test";
import { wilcoxonSignedRank } from "../../lib/stats/wilcoxon";
import { close, closeRelative } from "./helpers";

test("chi-square upper tail is the upper incomplete gamma, not 1 - cdf", () => {
  closeRelative(chiSquareSurvival(358.6, 7), 1.7759780661014175e-73, 1e-9); // scipy.stats.chi2.sf(358.6, 7)
  closeRelative(chiSquareSurvival(70.82278450420391, 7), 1.0073121033652459e-12, 1e-9); // scipy.stats.chi2.sf(70.82278450420391, 7)
  assert.equal(chiSquareSurvival(0, 3), 1);
  // scipy.stats.chi2_contingency(np.array([[200,10,30],[10,200,25]]), correction=False): statistic, dof, pvalue
  const result = chiSquareIndependence([
    [200, 10, 30],
    [10, 200, 25],
  ]);
  close(result.statistic, 344.24958168309234);
  assert.equal(result.degreesOfFreedom, 2);
  closeRelative(result.p, 1.7666606619840621e-75, 1e-9);
});

test("Pearson's p is the incomplete beta of 1 - r^2, precise for r near 1", () => {
  closeRelative(tTwoSided(40, 100), 2.462107602140071e-63, 1e-9); // 2 * scipy.stats.t.sf(40, 100)
  assert.equal(tTwoSided(0, 5), 1);
  // x = np.arange(1, 201.); y = x + 5*np.sin(np.arange(200)*1.3); scipy.stats.pearsonr(x, y)
  const x = Array.from({ length: 200 }, (_, index) => index + 1);
  const y = x.map((value, index) => value + 5 * Math.sin(index * 1.3));
  const wide = pearson(x, y);
  close(wide.r, 0.9981319771969626);
  closeRelative(wide.p, 2.4126316364584126e-242, 1e-8);
  // x = np.arange(1, 31.); y = x + 0.001*np.sin(np.arange(30)*1.7); scipy.stats.pearsonr(x, y). Here 1 - r is
  // 3.3e-9, so the last digits of r (summation order differs from numpy) move p in its 7th digit.
  const xs = x.slice(0, 30);
  const near = pearson(xs, xs.map((value, index) => value + 0.001 * Math.sin(index * 1.7)));
  closeRelative(near.p, 3.873279050717119e-116, 1e-5);
});

test("binomial (sign) test upper tails are incomplete betas", () => {
  closeRelative(binomialTest(95, 100), 1.252324512538536e-22, 1e-9); // scipy.stats.binomtest(95, 100).pvalue
  closeRelative(binomialTest(3, 100), 2.630866896130179e-25, 1e-9); // scipy.stats.binomtest(3, 100).pvalue
  closeRelative(binomialTest(0, 200), 1.2446030555722283e-60, 1e-9); // scipy.stats.binomtest(0, 200).pvalue
  closeRelative(binomialTest(190, 200), 2.9477076042968534e-44, 1e-9); // scipy.stats.binomtest(190, 200, 0.5).pvalue
  closeRelative(binomialSurvival(89, 100, 0.5), 1.5316450877189923e-17, 1e-9); // scipy.stats.binom.sf(89, 100, 0.5)
  assert.equal(binomialSurvival(-1, 5, 0.3), 1);
  assert.equal(binomialSurvival(5, 5, 0.3), 0);
});

test("exact Wilcoxon upper tail comes from the lower tail by symmetry", () => {
  // d = np.arange(1, 51.); scipy.stats.wilcoxon(d, method="exact").pvalue  (= 2 / 2**50)
  const differences = Array.from({ length: 50 }, (_, index) => index + 1);
  const zeros = differences.map(() => 0);
  const result = wilcoxonSignedRank(differences, zeros, { method: "exact" });
  closeRelative(result.p, 1.7763568394002505e-15, 1e-9);
  // P(T+ >= 1275) for n = 50 is the single all-positive outcome, 2**-50
  closeRelative(signrankUpperTail(1275, 50), 2 ** -50, 1e-9);
  assert.equal(signrankUpperTail(0, 5), 1);
});
