import { quantile } from "./descriptive";
import { createRandom } from "../random";

export interface BootstrapOptions {
  /** Number of resamples; 2000 unless given. */
  resamples?: number;
  /** Seed of the resampling; 1 unless given, so that a report is reproducible. */
  seed?: number | string;
  /** Interval level; 0.95 unless given. */
  confidenceLevel?: number;
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Percentile bootstrap intervals for a vector-valued statistic of clustered data. `clusters` are the units that
 * were sampled independently (for strategy shares: dialogues), and each resample draws clusters with
 * replacement; `statistic` maps a resample to a vector (for example one share per category). Quantiles are
 * type 7 (numpy.percentile's default). The same seed always gives the same intervals.
 */
export function bootstrapPercentile<Cluster>(
  clusters: readonly Cluster[],
  statistic: (resample: readonly Cluster[]) => readonly number[],
  options: BootstrapOptions = {},
): Interval[] {
  const resamples = options.resamples ?? 2000;
  const level = options.confidenceLevel ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new Error(`confidence level must be in (0, 1), got ${level}`);
  if (clusters.length === 0) return statistic([]).map(() => ({ low: Number.NaN, high: Number.NaN }));
  const random = createRandom(options.seed ?? 1);
  const draws: number[][] = [];
  const resample = new Array<Cluster>(clusters.length);
  for (let round = 0; round < resamples; round++) {
    for (let index = 0; index < clusters.length; index++) resample[index] = clusters[random.integer(clusters.length)];
    draws.push([...statistic(resample)]);
  }
  const width = draws[0].length;
  const alpha = (1 - level) / 2;
  const intervals: Interval[] = [];
  for (let component = 0; component < width; component++) {
    // A statistic undefined in a resample (e.g. 0/0) is left out of that component's quantiles.
    const values = draws.map((draw) => draw[component]).filter((value) => Number.isFinite(value));
    intervals.push({ low: quantile(values, alpha), high: quantile(values, 1 - alpha) });
  }
  return intervals;
}

/**
 * Bootstrap intervals of category shares when each cluster contributes counts per category: the share of a
 * category in a resample is its summed count over the summed total (a ratio estimator, like the point share).
 */
export function bootstrapShares(
  clusterCounts: readonly (readonly number[])[],
  options: BootstrapOptions = {},
): Interval[] {
  const width = clusterCounts[0]?.length ?? 0;
  return bootstrapPercentile(
    clusterCounts,
    (resample) => {
      const totals = new Array<number>(width).fill(0);
      for (const counts of resample) for (let index = 0; index < width; index++) totals[index] += counts[index];
      const grand = totals.reduce((sum, value) => sum + value, 0);
      return totals.map((value) => (grand === 0 ? Number.NaN : value / grand));
    },
    options,
  );
}
