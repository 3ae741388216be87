import { oneFactorMinres } from "./one-factor-minres";
import { matrixSum, pairwiseCorrelation } from "./pairwise-covariance";

/** The estimator behind omega, named wherever omega is reported. */
export const OMEGA_ESTIMATOR = "one-factor minres (psych::omega(x, nfactors = 1, fm = \"minres\"))";

export interface OmegaResult {
  omega: number;
  loadings: number[];
  converged: boolean;
}

/**
 * McDonald's omega total of a respondents x items matrix (NaN = missing) under a one-factor model, as psych's
 * omega(x, nfactors = 1, fm = "minres")$omega.tot: on the pairwise correlation matrix R (items whose loading is
 * negative flipped, as psych's flip = TRUE), omega = (sum(R) - sum(u2)) / sum(R), u2 the minres uniquenesses.
 * Domains only: many HEXACO-60 facets have two items, too few to identify a factor.
 */
export function mcdonaldOmega(values: readonly (readonly number[])[]): OmegaResult {
  const width = values[0]?.length ?? 0;
  if (width < 3) return { omega: Number.NaN, loadings: [], converged: false };
  const correlation = pairwiseCorrelation(values);
  if (correlation.some((row) => row.some((value) => !Number.isFinite(value)))) return { omega: Number.NaN, loadings: [], converged: false };
  const solution = oneFactorMinres(correlation);
  const signs = solution.loadings.map((loading) => (loading < 0 ? -1 : 1));
  const flipped = correlation.map((row, first) => row.map((value, second) => value * signs[first] * signs[second]));
  const total = matrixSum(flipped);
  const unique = solution.uniquenesses.reduce((sum, value) => sum + value, 0);
  return { omega: (total - unique) / total, loadings: solution.loadings, converged: solution.converged };
}
