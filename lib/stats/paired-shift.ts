import { completePairs, mean, standardDeviation } from "./descriptive";
import { tQuantile } from "./distributions";

export interface PairedShift {
  /** Mean of the paired differences (b - a). */
  shift: number;
  /** Confidence interval of the mean difference: shift +- t_{(1+level)/2, n-1} sd / sqrt(n). */
  low: number;
  high: number;
  /** Standard deviation of the differences. */
  sd: number;
  /** Complete pairs used. */
  n: number;
}

/**
 * The mean paired difference b - a with a one-sample t confidence interval of the differences (as
 * scipy.stats.ttest_rel(b, a).confidence_interval(0.95)). Pairs with a missing side are dropped; fewer than 2
 * pairs give NaN bounds.
 */
export function pairedShift(a: readonly (number | null | undefined)[], b: readonly (number | null | undefined)[], confidenceLevel = 0.95): PairedShift {
  const pairs = completePairs(a, b);
  const differences = pairs.x.map((value, index) => pairs.y[index] - value);
  const n = differences.length;
  if (n === 0) return { shift: Number.NaN, low: Number.NaN, high: Number.NaN, sd: Number.NaN, n };
  const shift = mean(differences);
  if (n < 2) return { shift, low: Number.NaN, high: Number.NaN, sd: Number.NaN, n };
  const sd = standardDeviation(differences);
  const half = (tQuantile(1 - (1 - confidenceLevel) / 2, n - 1) * sd) / Math.sqrt(n);
  return { shift, low: shift - half, high: shift + half, sd, n };
}
