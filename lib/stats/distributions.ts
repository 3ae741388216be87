// The @stdlib packages ship CommonJS with `export =` typings; default imports work under tsx (ESM) and under
// tslab (CommonJS with esModuleInterop). Every distribution the statistics use goes through this file.
// Upper tails are computed directly (incomplete gamma / beta, or a lower tail by symmetry), never as 1 - cdf:
// 1 - cdf rounds every p below ~1e-16 to 0, where scipy's sf reports e.g. 1.8e-73.
import gammainc from "@stdlib/math-base-special-gammainc";
import betainc from "@stdlib/math-base-special-betainc";
import tDistribution from "@stdlib/stats-base-dists-t";
import normalDistribution from "@stdlib/stats-base-dists-normal";
import chisquareDistribution from "@stdlib/stats-base-dists-chisquare";
import binomialDistribution from "@stdlib/stats-base-dists-binomial";
import signrankDistribution from "@stdlib/stats-base-dists-signrank";

/** P(T <= x) for Student's t with `degrees` degrees of freedom. */
export function tCdf(x: number, degrees: number): number {
  return tDistribution.cdf(x, degrees);
}

/** P(Z <= x) for the standard normal. */
export function normalCdf(x: number): number {
  return normalDistribution.cdf(x, 0, 1);
}

/** The standard normal quantile. */
export function normalQuantile(p: number): number {
  return normalDistribution.quantile(p, 0, 1);
}

/** Two-sided P(|T| >= |t|) for Student's t: the regularized incomplete beta I_{df/(df+t^2)}(df/2, 1/2). */
export function tTwoSided(t: number, degrees: number): number {
  return betainc(degrees / (degrees + t * t), degrees / 2, 0.5);
}

/** P(X > x) for chi-square with `degrees` degrees of freedom: the regularized upper incomplete gamma Q(df/2, x/2). */
export function chiSquareSurvival(x: number, degrees: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, degrees / 2, true, true);
}

export function binomialPmf(k: number, n: number, p: number): number {
  return binomialDistribution.pmf(k, n, p);
}

export function binomialCdf(k: number, n: number, p: number): number {
  return binomialDistribution.cdf(k, n, p);
}

/** P(X > k) for X ~ Binomial(n, p): the regularized incomplete beta I_p(k + 1, n - k). */
export function binomialSurvival(k: number, n: number, p: number): number {
  const whole = Math.floor(k);
  if (whole < 0) return 1;
  if (whole >= n) return 0;
  return betainc(p, whole + 1, n - whole);
}

/** P(T+ <= x) for the Wilcoxon signed-rank statistic of n untied, non-zero differences. */
export function signrankCdf(x: number, n: number): number {
  return signrankDistribution.cdf(x, n);
}

/** P(T+ >= x): by the symmetry of T+ about n(n+1)/4 this is the lower tail P(T+ <= n(n+1)/2 - x). */
export function signrankUpperTail(x: number, n: number): number {
  return signrankDistribution.cdf((n * (n + 1)) / 2 - x, n);
}

/**
 * The p-quantile of the F distribution with (d1, d2) degrees of freedom (R's qf; non-integer df allowed): the
 * regularized incomplete beta I_y(d1/2, d2/2) = p is solved for y by bisection, then x = d2 y / (d1 (1 - y)).
 */
export function fQuantile(p: number, d1: number, d2: number): number {
  if (!(p > 0 && p < 1) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2;
    if (middle === low || middle === high) break;
    if (betainc(middle, d1 / 2, d2 / 2) < p) low = middle;
    else high = middle;
  }
  const y = (low + high) / 2;
  return (d2 * y) / (d1 * (1 - y));
}

/** The p-quantile of Student's t with `degrees` degrees of freedom (scipy.stats.t.ppf). */
export function tQuantile(p: number, degrees: number): number {
  return tDistribution.quantile(p, degrees);
}
