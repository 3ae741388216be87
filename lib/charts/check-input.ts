import { DataError } from "../errors";

/** Throws unless `matrix` has `rowCount` rows of `columnCount` numbers each (NaN allowed, non-numbers not). */
export function checkMatrix(matrix: number[][], rowCount: number, columnCount: number, chart: string, field: string): void {
  if (!Array.isArray(matrix) || matrix.length !== rowCount) {
    throw new DataError(`expected ${rowCount} rows, got ${Array.isArray(matrix) ? matrix.length : typeof matrix}`, { record: chart, field });
  }
  matrix.forEach((row, index) => {
    if (!Array.isArray(row) || row.length !== columnCount) {
      throw new DataError(`row ${index} has ${Array.isArray(row) ? row.length : typeof row} values, expected ${columnCount}`, {
        record: chart,
        field: `${field}[${index}]`,
      });
    }
    row.forEach((value, column) => {
      if (typeof value !== "number") {
        throw new DataError(`value is ${typeof value}, expected a number`, { record: chart, field: `${field}[${index}][${column}]` });
      }
    });
  });
}

/** Throws unless the labels are non-empty, distinct strings. */
export function checkLabels(labels: readonly string[], chart: string, field: string): void {
  if (!Array.isArray(labels) || labels.length === 0) {
    throw new DataError("needs at least one label", { record: chart, field });
  }
  const seen = new Set<string>();
  labels.forEach((label, index) => {
    if (typeof label !== "string" || label.trim() === "") {
      throw new DataError("label must be a non-empty string", { record: chart, field: `${field}[${index}]` });
    }
    if (seen.has(label)) throw new DataError(`label "${label}" appears twice`, { record: chart, field: `${field}[${index}]` });
    seen.add(label);
  });
}

/**
 * Checks a grid chart's input: row labels and column labels (each named by its field) and every matrix given, one
 * value per row label and column label.
 */
export function checkGrid(chart: string, rows: readonly [field: string, labels: readonly string[]], columns: readonly [field: string, labels: readonly string[]], matrices: Record<string, number[][] | undefined>): void {
  checkLabels(rows[1], chart, rows[0]);
  checkLabels(columns[1], chart, columns[0]);
  for (const [field, matrix] of Object.entries(matrices)) if (matrix !== undefined) checkMatrix(matrix, rows[1].length, columns[1].length, chart, field);
}
