import { bootstrapPercentile, type BootstrapOptions } from "../stats/bootstrap";
import { matrixSum, pairwiseCovariance } from "./pairwise-covariance";
import { resampledAlpha } from "./resampled-alpha";

/**
 * Cronbach's alpha (raw, from covariances) of a covariance matrix: k / (k - 1) * (1 - tr(C) / sum(C)), as psych's
 * alpha()$total$raw_alpha. NaN with fewer than two items or a non-finite entry.
 */
export function alphaFromCovariance(covariance: readonly (readonly number[])[]): number {
  const items = covariance.length;
  if (items < 2) return Number.NaN;
  let trace = 0;
  for (let index = 0; index < items; index++) trace += covariance[index][index];
  const total = matrixSum(covariance);
  if (!Number.isFinite(total) || total <= 0) return Number.NaN;
  return (items / (items - 1)) * (1 - trace / total);
}

/**
 * Cronbach's alpha of a respondents x items matrix of keyed answers (NaN = missing): covariances with pairwise
 * deletion, as psych::alpha(x) (use = "pairwise", check.keys = FALSE). Reference: Cronbach (1951).
 */
export function cronbachAlpha(values: readonly (readonly number[])[]): number {
  if (values.every((row) => row.every((value) => Number.isFinite(value)))) return completeAlpha(values);
  return alphaFromCovariance(pairwiseCovariance(values));
}

/** Without missing answers alpha needs only the item variances and the variance of the total: O(n k), not O(n k^2). */
function completeAlpha(values: readonly (readonly number[])[]): number {
  const rows = values.length;
  const items = values[0]?.length ?? 0;
  if (items < 2 || rows < 2) return Number.NaN;
  let itemVariances = 0;
  for (let column = 0; column < items; column++) {
    let sum = 0;
    let squares = 0;
    for (const row of values) {
      const value = row[column] - values[0][column];
      sum += value;
      squares += value * value;
    }
    itemVariances += (squares - (sum * sum) / rows) / (rows - 1);
  }
  let sum = 0;
  let squares = 0;
  const origin = values[0].reduce((total, value) => total + value, 0);
  for (const row of values) {
    let total = -origin;
    for (const value of row) total += value;
    sum += total;
    squares += total * total;
  }
  const totalVariance = (squares - (sum * sum) / rows) / (rows - 1);
  if (!(totalVariance > 0)) return Number.NaN;
  return (items / (items - 1)) * (1 - itemVariances / totalVariance);
}

export interface AlphaWithInterval {
  alpha: number;
  /** Percentile bootstrap 95% interval over respondents (resampled with replacement; seeded). */
  low: number;
  high: number;
  /** Respondents with at least one answer. */
  n: number;
  items: number;
}

/**
 * Alpha with a percentile bootstrap interval: respondents are resampled with replacement (default 2,000 times,
 * seed 1, level 0.95; lib/stats bootstrapPercentile with lib/random), alpha recomputed on each resample.
 */
/** alphaWithInterval's shape without the bootstrap (low and high NaN): for reports that show alpha beside other results. */
export function alphaWithoutInterval(values: readonly (readonly number[])[]): AlphaWithInterval {
  const rows = values.filter((row) => row.some((value) => Number.isFinite(value)));
  return { alpha: cronbachAlpha(rows), low: Number.NaN, high: Number.NaN, n: rows.length, items: values[0]?.length ?? 0 };
}

export function alphaWithInterval(values: readonly (readonly number[])[], options: BootstrapOptions = {}): AlphaWithInterval {
  const rows = values.filter((row) => row.some((value) => Number.isFinite(value)));
  const alpha = cronbachAlpha(rows);
  // Resamples are row indices (the same draws as resampling the rows): resampledAlpha gives cronbachAlpha of the
  // resampled rows without a full pairwise covariance matrix per resample.
  const alphaOf = resampledAlpha(rows);
  const [interval] = bootstrapPercentile(
    rows.map((_, index) => index),
    (indices) => [alphaOf(indices)],
    { resamples: 2000, ...options },
  );
  return { alpha, low: interval.low, high: interval.high, n: rows.length, items: values[0]?.length ?? 0 };
}
