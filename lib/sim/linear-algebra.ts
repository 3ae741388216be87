import { UsageError } from "../errors";

/** Lower-triangular L with L L^T = matrix; throws UsageError when the matrix is not positive definite. */
export function cholesky(matrix: number[][]): number[][] {
  const size = matrix.length;
  const lower = matrix.map(() => new Array<number>(size).fill(0));
  for (let row = 0; row < size; row++) {
    if (matrix[row].length !== size) throw new UsageError("the correlation matrix must be square");
    for (let column = 0; column <= row; column++) {
      let sum = matrix[row][column];
      for (let k = 0; k < column; k++) sum -= lower[row][k] * lower[column][k];
      if (row === column) {
        if (sum <= 1e-10) throw new UsageError("the trait correlation matrix is not positive definite");
        lower[row][column] = Math.sqrt(sum);
      } else lower[row][column] = sum / lower[column][column];
    }
  }
  return lower;
}

export function multiplyLower(lower: number[][], vector: number[]): number[] {
  return lower.map((row, index) => {
    let sum = 0;
    for (let k = 0; k <= index; k++) sum += row[k] * vector[k];
    return sum;
  });
}

/** Pearson correlation matrix of the columns of `rows` (rows x variables). */
export function correlationOfColumns(rows: number[][]): number[][] {
  const count = rows.length;
  const width = rows[0]?.length ?? 0;
  const means = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j++) means[j] += row[j] / count;
  const cross = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  for (const row of rows) {
    for (let i = 0; i < width; i++) {
      const di = row[i] - means[i];
      for (let j = i; j < width; j++) cross[i][j] += di * (row[j] - means[j]);
    }
  }
  const result = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  for (let i = 0; i < width; i++) {
    for (let j = i; j < width; j++) {
      const value = cross[i][j] / Math.sqrt(cross[i][i] * cross[j][j]);
      result[i][j] = result[j][i] = i === j ? 1 : value;
    }
  }
  return result;
}
