// The @stdlib packages ship CommonJS with `export =` typings; default imports work under tsx (ESM) and under
// tslab (CommonJS with esModuleInterop). Every distribution the statistics use goes through this file.
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

/** P(X > x) for chi-square with `degrees` degrees of freedom. */
export function chiSquareSurvival(x: number, degrees: number): number {
  return 1 - chisquareDistribution.cdf(x, degrees);
}

export function binomialPmf(k: number, n: number, p: number): number {
  return binomialDistribution.pmf(k, n, p);
}

export function binomialCdf(k: number, n: number, p: number): number {
  return binomialDistribution.cdf(k, n, p);
}

/** P(T+ <= x) for the Wilcoxon signed-rank statistic of n untied, non-zero differences. */
export function signrankCdf(x: number, n: number): number {
  return signrankDistribution.cdf(x, n);
}
