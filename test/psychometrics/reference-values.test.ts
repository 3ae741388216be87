// Reference values: R 4.x with psych 2.2.9 (Debian r-cran-psych) and GPArotation 2022.10, printed once by the R
// script below (options(digits = 12); format(..., digits = 15)) and pasted here.
//
//   library(psych)
//   X <- matrix(c(<the rows of X below>), ncol = 6, byrow = TRUE)
//   alpha(X)$total$raw_alpha; alpha(X)$item.stats$r.drop
//   Xm <- X; Xm[3, 2] <- NA; Xm[11, 5] <- NA            # missing answers: psych uses pairwise covariances
//   alpha(Xm)$total$raw_alpha; alpha(Xm)$item.stats$r.drop
//   Xr <- X; Xr[, 5] <- 6 - Xr[, 5]                      # a mis-keyed item
//   ar <- alpha(Xr, check.keys = FALSE); ar$total$raw_alpha; ar$item.stats$r.drop
//   omega(X, nfactors = 1, fm = "minres", plot = FALSE)$omega.tot
//   as.vector(fa(X, nfactors = 1, fm = "minres")$loadings)
//   omega(Xm, nfactors = 1, fm = "minres", plot = FALSE)$omega.tot
//   omega(X, nfactors = 1, fm = "ml", plot = FALSE)$omega.tot   # 0.743691873511054: ML differs from minres by 2e-5
//   Y <- matrix(c(<the rows of Y below>), ncol = 3, byrow = TRUE)
//   ICC(Y, lmer = FALSE)$results[c("Single_random_raters", "Average_random_raters"), c("ICC", "lower bound", "upper bound")]
import { test } from "node:test";
import assert from "node:assert/strict";
import { cronbachAlpha } from "../../lib/psychometrics/cronbach-alpha";
import { correctedItemTotals, itemTotalTable } from "../../lib/psychometrics/item-total";
import { mcdonaldOmega } from "../../lib/psychometrics/mcdonald-omega";
import { intraclassCorrelation } from "../../lib/psychometrics/intraclass-correlation";
import { fQuantile } from "../../lib/stats/distributions";

const X = [
  [1, 3, 2, 3, 3, 3], [1, 3, 3, 3, 2, 3], [2, 2, 4, 2, 3, 4], [2, 2, 3, 2, 2, 2], [4, 1, 4, 3, 2, 4],
  [3, 1, 2, 2, 2, 3], [3, 4, 4, 2, 3, 3], [4, 3, 3, 4, 4, 5], [1, 2, 3, 1, 2, 2], [4, 3, 2, 2, 3, 4],
  [3, 3, 4, 3, 3, 2], [3, 3, 4, 4, 3, 4], [3, 4, 3, 4, 2, 3], [1, 1, 2, 1, 3, 4], [2, 2, 3, 3, 3, 3],
  [4, 4, 2, 4, 3, 3], [2, 1, 3, 2, 3, 1], [2, 1, 2, 3, 1, 3], [1, 2, 1, 1, 2, 1], [3, 3, 2, 1, 2, 1],
];
const withMissing = X.map((row, index) => row.map((value, column) => ((index === 2 && column === 1) || (index === 10 && column === 4) ? Number.NaN : value)));
const misKeyed = X.map((row) => row.map((value, column) => (column === 4 ? 6 - value : value)));
const Y = [
  [3.45, 3.76, 3.39], [2.68, 2.76, 2.48], [2.56, 2.93, 3.37], [2.32, 2.41, 2.53], [3.05, 2.39, 2.46],
  [2.04, 1.91, 2.35], [3.75, 3.98, 3.43], [3.04, 2.95, 2.76], [3.25, 3.41, 3.88], [2.86, 3.3, 2.9],
];

const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs R ${expected} (tolerance ${tolerance})`);

test("Cronbach's alpha equals psych::alpha raw_alpha to 1e-6 (complete, missing, mis-keyed)", () => {
  near(cronbachAlpha(X), 0.734938101788171, 1e-6, "alpha");
  near(cronbachAlpha(withMissing), 0.739506274741565, 1e-6, "alpha with NA");
  near(cronbachAlpha(misKeyed), 0.540292682926829, 1e-6, "alpha mis-keyed");
});

test("corrected item-total correlations equal psych::alpha r.drop to 1e-6", () => {
  const expected = [0.53080091785865, 0.376167936053224, 0.37448744793577, 0.633581138418203, 0.463833659595142, 0.483866941752063];
  correctedItemTotals(X).forEach((value, index) => near(value, expected[index], 1e-6, `r.drop item ${index + 1}`));
  const expectedMissing = [0.525476689778626, 0.398528914249074, 0.374267997717211, 0.627748341164269, 0.467277751047945, 0.499618778714393];
  correctedItemTotals(withMissing).forEach((value, index) => near(value, expectedMissing[index], 1e-6, `r.drop NA item ${index + 1}`));
  const expectedMisKeyed = [0.51040380771144, 0.28830187128691, 0.322204835188348, 0.662923308044504, -0.463833659595142, 0.368852430343957];
  correctedItemTotals(misKeyed).forEach((value, index) => near(value, expectedMisKeyed[index], 1e-6, `r.drop mis-keyed item ${index + 1}`));
});

test("the mis-keyed item is flagged as negative with its id and key direction", () => {
  const items = X[0].map((_, index) => ({ inventory: "T", domain: "D", itemId: index + 1, reversed: index === 4 }));
  const table = itemTotalTable({ values: misKeyed, respondents: misKeyed.map((_, index) => `p${index}`), items });
  const flagged = table.filter((item) => item.flagged);
  assert.deepEqual(flagged.map((item) => [item.itemId, item.reversed, item.reason]), [[5, true, "negative"]]);
});

test("McDonald's omega total (one-factor minres) equals psych::omega(nfactors = 1, fm = 'minres') to 1e-4", () => {
  const result = mcdonaldOmega(X);
  assert.ok(result.converged);
  near(result.omega, 0.743709650218643, 1e-4, "omega");
  // the tolerance the statistics are actually good to: both converge to the same minres solution
  near(result.omega, 0.743709650218643, 1e-6, "omega (tight)");
  const loadings = [0.625354238573447, 0.460409370046284, 0.444195070834005, 0.748884298457314, 0.519458080928296, 0.608060794730385];
  result.loadings.forEach((value, index) => near(value, loadings[index], 1e-4, `loading ${index + 1}`));
  near(mcdonaldOmega(withMissing).omega, 0.745579951800413, 1e-4, "omega with NA");
});

test("ICC(2,1) and ICC(2,k) with intervals equal psych::ICC(lmer = FALSE)", () => {
  const icc = intraclassCorrelation(Y);
  near(icc.single, 0.784635264869268, 1e-9, "ICC2");
  near(icc.singleLow, 0.505788837914026, 1e-7, "ICC2 lower");
  near(icc.singleHigh, 0.935093249267149, 1e-7, "ICC2 upper");
  near(icc.average, 0.91617669971381, 1e-9, "ICC2k");
  near(icc.averageLow, 0.754316640105615, 1e-7, "ICC2k lower");
  near(icc.averageHigh, 0.977385876922633, 1e-7, "ICC2k upper");
  assert.deepEqual([icc.n, icc.k], [10, 3]);
});

test("identical samples give ICC 1 with the interval [1, 1]", () => {
  const icc = intraclassCorrelation(Y.map((row) => [row[0], row[0], row[0]]));
  assert.deepEqual([icc.single, icc.singleLow, icc.average, icc.averageHigh], [1, 1, 1, 1]);
});

test("fQuantile equals R's qf, also for non-integer degrees of freedom", () => {
  // R: qf(0.975, 9, 12.5); qf(0.975, 3, 40); qf(0.5, 1, 1)
  near(fQuantile(0.975, 9, 12.5), 3.37092095894975, 1e-9, "qf(.975, 9, 12.5)");
  near(fQuantile(0.975, 3, 40), 3.46325965953485, 1e-9, "qf(.975, 3, 40)");
  near(fQuantile(0.5, 1, 1), 1, 1e-9, "qf(.5, 1, 1)");
});

test("omega flips a negatively loading item as psych::omega(flip = TRUE): a mis-keyed item leaves omega unchanged", () => {
  // Reversing item 5 (6 - x) flips the sign of its correlations and of its minres loading; psych::omega flips it back
  // (flip = TRUE, its default), so omega(Xr, nfactors = 1, fm = "minres")$omega.tot equals omega(X)'s value above
  // exactly: the flipped correlation matrix is X's. Without the flip omega falls (a check that can fail).
  const result = mcdonaldOmega(misKeyed);
  near(result.omega, 0.743709650218643, 1e-6, "omega of the mis-keyed items");
  near(result.loadings[4], -0.519458080928296, 1e-4, "loading of the reversed item 5");
});
