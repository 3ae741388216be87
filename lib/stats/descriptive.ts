import * as simple from "simple-statistics";

// Descriptive statistics from simple-statistics, wrapped for the project's conventions: missing input gives NaN
// (simple-statistics throws on empty input), and "variance" means the sample variance (its `variance` is the
// population one). Callers remove missing values first, so every function states its own missing-data policy.

/** Sum (simple-statistics' compensated summation); 0 for no values. */
export function sum(values: readonly number[]): number {
  return simple.sum([...values]);
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : simple.mean([...values]);
}

/** Sample variance (denominator n - 1), as numpy's var(ddof=1); NaN below 2 values. */
export function variance(values: readonly number[]): number {
  return values.length < 2 ? Number.NaN : simple.sampleVariance([...values]);
}

/** Sample standard deviation (denominator n - 1), as numpy's std(ddof=1); NaN below 2 values. */
export function standardDeviation(values: readonly number[]): number {
  return values.length < 2 ? Number.NaN : simple.sampleStandardDeviation([...values]);
}

/** Median (the type 7 quantile at 0.5: the mean of the two middle values for even n); NaN for no values. */
export function median(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : simple.median([...values]);
}

/**
 * The q-quantile with linear interpolation between order statistics ("type 7"), the default of
 * numpy.percentile / numpy.quantile and R's quantile(); simple-statistics' quantile uses the same method.
 */
export function quantile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be in [0, 1], got ${q}`);
  return values.length === 0 ? Number.NaN : simple.quantile([...values], q);
}

// Hand-written: simple-statistics ranks ties by average only privately (inside sampleRankCorrelation), and the
// tie-group sizes are needed for the Wilcoxon tie correction.
/**
 * Ranks 1..n with ties given their average rank (scipy.stats.rankdata(method="average")), plus the size of
 * every tie group (for tie corrections).
 */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  const tieGroups: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
    const rank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position++) ranks[order[position].index] = rank;
    tieGroups.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieGroups };
}

/** Pairs of finite numbers only (listwise deletion): a pair with a null, undefined or NaN side is dropped. */
export function completePairs(
  x: readonly (number | null | undefined)[],
  y: readonly (number | null | undefined)[],
): { x: number[]; y: number[]; dropped: number } {
  if (x.length !== y.length) throw new Error(`paired samples differ in length: ${x.length} vs ${y.length}`);
  const keptX: number[] = [];
  const keptY: number[] = [];
  for (let index = 0; index < x.length; index++) {
    const a = x[index];
    const b = y[index];
    if (typeof a === "number" && typeof b === "number" && Number.isFinite(a) && Number.isFinite(b)) {
      keptX.push(a);
      keptY.push(b);
    }
  }
  return { x: keptX, y: keptY, dropped: x.length - keptX.length };
}
