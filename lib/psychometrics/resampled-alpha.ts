/**
 * Cronbach's alpha of bootstrap resamples, each given as row indices into one respondents x items matrix: the same
 * value as cronbachAlpha on the resampled rows (covariances with pairwise deletion, as psych::alpha), computed
 * without the full pairwise covariance matrix when few answers are missing.
 *
 * alpha needs only the trace and the sum of the covariance matrix C. Let M be the columns missing in at least one
 * drawn row and P the rest. Every drawn row has all of P, so the P x P block of C is the covariance of complete
 * columns: its sum is the variance of the rows' P-totals, its trace the P columns' variances (O(N k)). Only the
 * entries in an M row or column need their own pairwise counts (O(N k |M|)). With no missing answer this is the
 * complete-data formula; with every column in M it is the full pairwise computation.
 */
export function resampledAlpha(rows: readonly (readonly number[])[]): (indices: readonly number[]) => number {
  const items = rows[0]?.length ?? 0;
  const count = rows.length;
  // Values shifted by each column's first finite value (no cancellation for Likert data); 0 where missing.
  const shift = Array.from({ length: items }, (_, column) => rows.find((row) => Number.isFinite(row[column]))?.[column] ?? 0);
  const values = new Float64Array(count * items);
  const present = new Uint8Array(count * items);
  const complete = new Uint8Array(count);
  const totals = new Float64Array(count);
  rows.forEach((row, index) => {
    let total = 0;
    let all = 1;
    for (let column = 0; column < items; column++) {
      const value = row[column];
      if (Number.isFinite(value)) {
        values[index * items + column] = value - shift[column];
        present[index * items + column] = 1;
        total += value - shift[column];
      } else all = 0;
    }
    totals[index] = total;
    complete[index] = all;
  });
  const missing = new Uint8Array(items);
  const sums = new Float64Array(items);
  const squares = new Float64Array(items);
  const pairs = new Float64Array(items);
  const firstSums = new Float64Array(items);
  const secondSums = new Float64Array(items);
  const crosses = new Float64Array(items);
  return (indices) => {
    const drawn = indices.length;
    if (items < 2 || drawn < 2) return Number.NaN;
    missing.fill(0);
    for (const index of indices) {
      if (complete[index]) continue;
      for (let column = 0; column < items; column++) if (!present[index * items + column]) missing[column] = 1;
    }
    const absent: number[] = [];
    for (let column = 0; column < items; column++) if (missing[column]) absent.push(column);
    // The P x P block: column sums and squares, and the rows' P-totals (their total minus their M values).
    sums.fill(0);
    squares.fill(0);
    let totalSum = 0;
    let totalSquares = 0;
    for (const index of indices) {
      const offset = index * items;
      let total = totals[index];
      for (const column of absent) total -= values[offset + column];
      totalSum += total;
      totalSquares += total * total;
      for (let column = 0; column < items; column++) {
        const value = values[offset + column];
        sums[column] += value;
        squares[column] += value * value;
      }
    }
    let sum = (totalSquares - (totalSum * totalSum) / drawn) / (drawn - 1);
    let trace = 0;
    for (let column = 0; column < items; column++) if (!missing[column]) trace += (squares[column] - (sums[column] * sums[column]) / drawn) / (drawn - 1);
    // Entries in an M row: pairwise over the drawn rows that have both columns (M x P counted twice, C symmetric).
    for (const first of absent) {
      pairs.fill(0);
      firstSums.fill(0);
      secondSums.fill(0);
      crosses.fill(0);
      for (const index of indices) {
        const offset = index * items;
        if (!present[offset + first]) continue;
        const a = values[offset + first];
        const whole = complete[index] === 1;
        for (let second = 0; second < items; second++) {
          if (!whole && !present[offset + second]) continue;
          const b = values[offset + second];
          pairs[second]++;
          firstSums[second] += a;
          secondSums[second] += b;
          crosses[second] += a * b;
        }
      }
      for (let second = 0; second < items; second++) {
        if (pairs[second] < 2) return Number.NaN;
        const covariance = (crosses[second] - (firstSums[second] * secondSums[second]) / pairs[second]) / (pairs[second] - 1);
        sum += missing[second] ? covariance : 2 * covariance;
        if (second === first) trace += covariance;
      }
    }
    if (!Number.isFinite(sum) || sum <= 0) return Number.NaN;
    return (items / (items - 1)) * (1 - trace / sum);
  };
}
