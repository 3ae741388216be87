import { chiSquareSurvival } from "./distributions";

export interface ChiSquareResult {
  statistic: number;
  degreesOfFreedom: number;
  p: number;
  /** Expected counts under independence, same shape as the observed table. */
  expected: number[][];
  /**
   * Adjusted standardized residuals (Haberman 1973): (O - E) / sqrt(E (1 - rowTotal/N) (1 - columnTotal/N)).
   * Approximately standard normal under independence, so |value| > 1.96 marks a cell that departs at 5%.
   */
  adjustedResiduals: number[][];
  /** Pearson residuals (O - E) / sqrt(E). */
  pearsonResiduals: number[][];
  /** Cramér's V = sqrt(chi2 / (N (min(r, c) - 1))). */
  cramersV: number;
  total: number;
}

/**
 * Pearson chi-square test of independence on an r x c table of counts, without Yates' continuity correction
 * (scipy.stats.chi2_contingency(observed, correction=False)). Rows or columns whose total is zero carry no
 * information and must be removed by the caller (an error names them), since they make expected counts zero.
 */
export function chiSquareIndependence(observed: readonly (readonly number[])[]): ChiSquareResult {
  const rowCount = observed.length;
  if (rowCount < 2) throw new Error("a contingency table needs at least 2 rows");
  const columnCount = observed[0].length;
  if (columnCount < 2) throw new Error("a contingency table needs at least 2 columns");
  observed.forEach((row, rowIndex) => {
    if (row.length !== columnCount) throw new Error(`row ${rowIndex} has ${row.length} cells, expected ${columnCount}`);
    row.forEach((count, columnIndex) => {
      if (!Number.isFinite(count) || count < 0) {
        throw new Error(`cell [${rowIndex}][${columnIndex}] must be a non-negative count, got ${count}`);
      }
    });
  });
  const rowTotals = observed.map((row) => row.reduce((total, count) => total + count, 0));
  const columnTotals = Array.from({ length: columnCount }, (_, column) =>
    observed.reduce((total, row) => total + row[column], 0),
  );
  const total = rowTotals.reduce((sum, value) => sum + value, 0);
  rowTotals.forEach((value, index) => {
    if (value === 0) throw new Error(`row ${index} of the contingency table has no counts`);
  });
  columnTotals.forEach((value, index) => {
    if (value === 0) throw new Error(`column ${index} of the contingency table has no counts`);
  });

  let statistic = 0;
  const expected: number[][] = [];
  const adjustedResiduals: number[][] = [];
  const pearsonResiduals: number[][] = [];
  for (let row = 0; row < rowCount; row++) {
    expected.push([]);
    adjustedResiduals.push([]);
    pearsonResiduals.push([]);
    for (let column = 0; column < columnCount; column++) {
      const expectedCount = (rowTotals[row] * columnTotals[column]) / total;
      const difference = observed[row][column] - expectedCount;
      statistic += (difference * difference) / expectedCount;
      expected[row].push(expectedCount);
      pearsonResiduals[row].push(difference / Math.sqrt(expectedCount));
      const scale = Math.sqrt(expectedCount * (1 - rowTotals[row] / total) * (1 - columnTotals[column] / total));
      adjustedResiduals[row].push(difference / scale);
    }
  }
  const degreesOfFreedom = (rowCount - 1) * (columnCount - 1);
  return {
    statistic,
    degreesOfFreedom,
    p: chiSquareSurvival(statistic, degreesOfFreedom),
    expected,
    adjustedResiduals,
    pearsonResiduals,
    cramersV: Math.sqrt(statistic / (total * (Math.min(rowCount, columnCount) - 1))),
    total,
  };
}
