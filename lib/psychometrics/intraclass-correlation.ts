import { fQuantile } from "../stats/distributions";

export interface IntraclassCorrelation {
  /** ICC(2,1): two-way random effects, absolute agreement, one sample (Shrout & Fleiss, 1979). */
  single: number;
  singleLow: number;
  singleHigh: number;
  /** ICC(2,K): the same for the mean of the K samples. */
  average: number;
  averageLow: number;
  averageHigh: number;
  /** Targets (personas) with a value in every sample; rows with a missing value are left out, as psych::ICC. */
  n: number;
  /** Samples (the "raters"). */
  k: number;
}

/**
 * ICC(2,1) and ICC(2,K) with 95% intervals of a targets x samples matrix, exactly as psych::ICC(x, lmer = FALSE)
 * (two-way ANOVA mean squares; the interval of ICC(2,1) from the F approximation with Satterthwaite degrees of
 * freedom, and ICC(2,K)'s interval its Spearman-Brown transform). Identical samples (no error variance at all)
 * give 1 with the interval [1, 1].
 */
export function intraclassCorrelation(values: readonly (readonly number[])[], level = 0.95): IntraclassCorrelation {
  const rows = values.filter((row) => row.length > 0 && row.every((value) => Number.isFinite(value)));
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  const empty = { single: Number.NaN, singleLow: Number.NaN, singleHigh: Number.NaN, average: Number.NaN, averageLow: Number.NaN, averageHigh: Number.NaN, n, k };
  if (n < 2 || k < 2) return empty;
  let grand = 0;
  for (const row of rows) for (const value of row) grand += value;
  grand /= n * k;
  const rowMeans = rows.map((row) => row.reduce((sum, value) => sum + value, 0) / k);
  const columnMeans = Array.from({ length: k }, (_, column) => rows.reduce((sum, row) => sum + row[column], 0) / n);
  let total = 0;
  for (const row of rows) for (const value of row) total += (value - grand) ** 2;
  const betweenRows = k * rowMeans.reduce((sum, value) => sum + (value - grand) ** 2, 0);
  const betweenColumns = n * columnMeans.reduce((sum, value) => sum + (value - grand) ** 2, 0);
  const residual = Math.max(0, total - betweenRows - betweenColumns);
  const msb = betweenRows / (n - 1);
  const msj = betweenColumns / (k - 1);
  const mse = residual / ((n - 1) * (k - 1));
  if (mse <= 1e-14 * Math.max(msb, 1e-300)) {
    // Every sample gave the same values (a deterministic provider): perfect agreement, no interval to speak of.
    return msb > 0 ? { single: 1, singleLow: 1, singleHigh: 1, average: 1, averageLow: 1, averageHigh: 1, n, k } : empty;
  }
  const single = (msb - mse) / (msb + (k - 1) * mse + (k * (msj - mse)) / n);
  const average = (msb - mse) / (msb + (msj - mse) / n);
  const tail = 1 - (1 - level) / 2;
  const fj = msj / mse;
  const vn = (k - 1) * (n - 1) * (k * single * fj + n * (1 + (k - 1) * single) - k * single) ** 2;
  const vd = (n - 1) * k ** 2 * single ** 2 * fj ** 2 + (n * (1 + (k - 1) * single) - k * single) ** 2;
  const v = vn / vd;
  const upperF = fQuantile(tail, n - 1, v);
  const lowerF = fQuantile(tail, v, n - 1);
  const singleLow = (n * (msb - upperF * mse)) / (upperF * (k * msj + (k * n - k - n) * mse) + n * msb);
  const singleHigh = (n * (lowerF * msb - mse)) / (k * msj + (k * n - k - n) * mse + n * lowerF * msb);
  const spearmanBrown = (value: number) => (value * k) / (1 + value * (k - 1));
  return { single, singleLow, singleHigh, average, averageLow: spearmanBrown(singleLow), averageHigh: spearmanBrown(singleHigh), n, k };
}
