import { symmetricEigen } from "./symmetric-eigen";

export interface OneFactorSolution {
  /** Loadings on the single factor (the sign making their sum positive). */
  loadings: number[];
  /** Uniquenesses 1 - loading^2 (psych's u2). */
  uniquenesses: number[];
  iterations: number;
  converged: boolean;
}

// psych bounds each uniqueness below by .005 in its minres optimisation; the same bound keeps a Heywood case finite.
const MINIMUM_UNIQUENESS = 0.005;

/**
 * A one-factor model fitted to a correlation matrix by minimum residuals (unweighted least squares, psych's
 * fa(r, nfactors = 1, fm = "minres")): the loadings minimise the sum of squared off-diagonal residuals. Computed as
 * iterated principal axes run to convergence, whose fixed point (communalities equal to the squared loadings of
 * the first eigenvector of the reduced matrix) is exactly the minres stationarity condition.
 */
export function oneFactorMinres(correlation: readonly (readonly number[])[], options: { tolerance?: number; maxIterations?: number } = {}): OneFactorSolution {
  const size = correlation.length;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 20000;
  // Start: each item's largest absolute correlation with another item, a common principal-axis start.
  let communalities = correlation.map((row, index) => Math.max(0.1, ...row.filter((_, column) => column !== index).map(Math.abs)));
  let loadings = new Array<number>(size).fill(0);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const reduced = correlation.map((row, index) => row.map((value, column) => (index === column ? communalities[index] : value)));
    const { values, vectors } = symmetricEigen(reduced);
    const root = Math.sqrt(Math.max(values[0], 0));
    loadings = vectors.map((row) => row[0] * root);
    const next = loadings.map((loading) => Math.min(loading * loading, 1 - MINIMUM_UNIQUENESS));
    const change = Math.max(...next.map((value, index) => Math.abs(value - communalities[index])));
    communalities = next;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  if (loadings.reduce((sum, value) => sum + value, 0) < 0) loadings = loadings.map((value) => -value);
  return { loadings, uniquenesses: communalities.map((value) => 1 - value), iterations, converged };
}
