import { sampleCorrelation } from "simple-statistics";
import { completePairs, variance } from "./descriptive";
import { normalQuantile, tTwoSided } from "./distributions";

export interface Correlation {
  /** Pearson's r; NaN when fewer than 3 complete pairs or a constant variable. */
  r: number;
  /** Two-sided p of H0: rho = 0, from t = r sqrt((n-2)/(1-r^2)) with n-2 degrees of freedom. */
  p: number;
  /** Confidence interval by Fisher's z: tanh(atanh(r) +- z_{(1+level)/2} / sqrt(n-3)). */
  low: number;
  high: number;
  /** Complete pairs used (pairs with a missing side are dropped listwise). */
  n: number;
}

export interface PearsonOptions {
  /** Confidence level of the interval; 0.95 unless given. */
  confidenceLevel?: number;
}

// r from simple-statistics (sampleCorrelation); p and the interval by hand, as scipy computes them (t and Fisher z
// with @stdlib distributions), because no package gives scipy's conventions for both.
/**
 * Pearson correlation with the same p-value and interval as scipy.stats.pearsonr(x, y) and its
 * .confidence_interval(0.95) (Fisher transform). Missing values (null, undefined, NaN) drop the pair.
 */
export function pearson(
  x: readonly (number | null | undefined)[],
  y: readonly (number | null | undefined)[],
  options: PearsonOptions = {},
): Correlation {
  const level = options.confidenceLevel ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`confidence level must be in (0, 1), got ${level}`);
  const pairs = completePairs(x, y);
  const n = pairs.x.length;
  const undefinedResult = { r: Number.NaN, p: Number.NaN, low: Number.NaN, high: Number.NaN, n };
  if (n < 3) return undefinedResult;

  // A constant variable has no correlation (simple-statistics would divide 0 by 0).
  if (variance(pairs.x) === 0 || variance(pairs.y) === 0) return undefinedResult;
  const r = Math.max(-1, Math.min(1, sampleCorrelation(pairs.x, pairs.y)));

  const degrees = n - 2;
  let p: number;
  if (Math.abs(r) === 1) p = 0;
  else {
    // 1 - r^2 as (1 - |r|)(1 + |r|) keeps its digits when |r| is near 1, where the tiny p-values are.
    const t = Math.abs(r) * Math.sqrt(degrees / ((1 - Math.abs(r)) * (1 + Math.abs(r))));
    p = Math.min(1, tTwoSided(t, degrees));
  }

  let low = Number.NaN;
  let high = Number.NaN;
  if (n > 3) {
    const z = Math.atanh(r);
    const halfWidth = normalQuantile(1 - (1 - level) / 2) / Math.sqrt(n - 3);
    low = Math.tanh(z - halfWidth);
    high = Math.tanh(z + halfWidth);
  }
  return { r, p, low, high, n };
}
