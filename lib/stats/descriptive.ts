// Small descriptive helpers shared by the tests of this folder; all ignore nothing: callers remove missing
// values first, so that every function states its own missing-data policy.

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : sum(values) / values.length;
}

/** Sample variance (denominator n - 1), as numpy's var(ddof=1). */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const center = mean(values);
  let total = 0;
  for (const value of values) total += (value - center) ** 2;
  return total / (values.length - 1);
}

export function standardDeviation(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * The q-quantile with linear interpolation between order statistics ("type 7"), the default of
 * numpy.percentile / numpy.quantile and R's quantile().
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be in [0, 1], got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const fraction = position - lower;
  return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
}

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
