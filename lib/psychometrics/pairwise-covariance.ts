/**
 * The sample covariance matrix (denominator n - 1) with pairwise deletion, as R's cov(x, use = "pairwise"): each
 * entry uses the respondents with finite values in both columns, centred on those respondents' means. psych's
 * alpha() and omega() start from this matrix, so missing answers are treated the same way here.
 */
export function pairwiseCovariance(values: readonly (readonly number[])[]): number[][] {
  const width = values[0]?.length ?? 0;
  const matrix: number[][] = Array.from({ length: width }, () => new Array<number>(width).fill(Number.NaN));
  // One pass per pair on values shifted by each column's first finite value (no cancellation for Likert data).
  const rows = values.length;
  const columns = Array.from({ length: width }, (_, column) => {
    const shift = values.find((row) => Number.isFinite(row[column]))?.[column] ?? 0;
    const data = new Float64Array(rows);
    for (let index = 0; index < rows; index++) data[index] = values[index][column] - shift;
    return data;
  });
  for (let first = 0; first < width; first++) {
    const x = columns[first];
    for (let second = first; second < width; second++) {
      const y = columns[second];
      let count = 0;
      let sumFirst = 0;
      let sumSecond = 0;
      let cross = 0;
      for (let index = 0; index < rows; index++) {
        const a = x[index];
        const b = y[index];
        // NaN fails every comparison: a missing answer drops only this pair.
        if (a === a && b === b) {
          count++;
          sumFirst += a;
          sumSecond += b;
          cross += a * b;
        }
      }
      if (count < 2) continue;
      matrix[first][second] = matrix[second][first] = (cross - (sumFirst * sumSecond) / count) / (count - 1);
    }
  }
  return matrix;
}

/**
 * The correlation matrix with pairwise deletion, as R's cor(x, use = "pairwise"): each entry is the Pearson r of the
 * respondents with both values (its own means and SDs), which is not cov2cor of the pairwise covariances when
 * answers are missing. psych's omega() starts from this matrix.
 */
export function pairwiseCorrelation(values: readonly (readonly number[])[]): number[][] {
  const width = values[0]?.length ?? 0;
  const matrix: number[][] = Array.from({ length: width }, (_, index) => Array.from({ length: width }, (__, other) => (index === other ? 1 : Number.NaN)));
  for (let first = 0; first < width; first++) {
    for (let second = first + 1; second < width; second++) {
      const pairs = values.filter((row) => Number.isFinite(row[first]) && Number.isFinite(row[second])).map((row) => [row[first], row[second]]);
      const covariance = pairwiseCovariance(pairs);
      matrix[first][second] = matrix[second][first] = covariance[0][1] / Math.sqrt(covariance[0][0] * covariance[1][1]);
    }
  }
  return matrix;
}

/** The sum of every entry of a square matrix. */
export function matrixSum(matrix: readonly (readonly number[])[]): number {
  let total = 0;
  for (const row of matrix) for (const value of row) total += value;
  return total;
}
