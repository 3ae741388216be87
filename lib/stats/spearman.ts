import { averageRanks, completePairs, variance } from "./descriptive";
import { normalQuantile } from "./distributions";
import { pearson } from "./pearson";

export interface RankCorrelation {
  /** Spearman's rho (Pearson's r of the average ranks); NaN with fewer than 3 pairs or a constant variable. */
  rho: number;
  /**
   * Confidence interval by Fisher's z with the Fieller, Hartley & Pearson (1957) variance 1.06 / (n - 3):
   * tanh(atanh(rho) +- z_{(1+level)/2} sqrt(1.06 / (n - 3))); NaN for n <= 3.
   */
  low: number;
  high: number;
  n: number;
}

/** Spearman's rank correlation (scipy.stats.spearmanr) with its Fisher-z interval; missing values drop the pair. */
export function spearman(x: readonly (number | null | undefined)[], y: readonly (number | null | undefined)[], confidenceLevel = 0.95): RankCorrelation {
  const pairs = completePairs(x, y);
  const n = pairs.x.length;
  const none = { rho: Number.NaN, low: Number.NaN, high: Number.NaN, n };
  if (n < 3 || variance(pairs.x) === 0 || variance(pairs.y) === 0) return none;
  const rho = pearson(averageRanks(pairs.x).ranks, averageRanks(pairs.y).ranks).r;
  if (n <= 3 || Math.abs(rho) === 1) return { rho, low: Math.abs(rho) === 1 ? rho : Number.NaN, high: Math.abs(rho) === 1 ? rho : Number.NaN, n };
  const half = normalQuantile(1 - (1 - confidenceLevel) / 2) * Math.sqrt(1.06 / (n - 3));
  const z = Math.atanh(rho);
  return { rho, low: Math.tanh(z - half), high: Math.tanh(z + half), n };
}
