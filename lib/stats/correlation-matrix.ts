import { adjustPValues, type Correction } from "./adjust";
import { pearson, type Correlation } from "./pearson";

export interface CorrelationCell extends Correlation {
  rowVariable: string;
  columnVariable: string;
  /** p after the family-wise correction over the whole matrix (absent when no correction was asked). */
  adjustedP?: number;
}

export interface CorrelationMatrix {
  rowVariables: string[];
  columnVariables: string[];
  /** cells[row][column]. */
  cells: CorrelationCell[][];
  correction: Correction;
}

export type NumericRow = Readonly<Record<string, unknown>>;

function numericOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Pearson correlations of every row variable with every column variable, each on its own complete pairs
 * (pairwise deletion across cells; listwise within a cell). A correction, when given, treats all
 * rows x columns cells as one family.
 */
export function correlationMatrix(
  rows: readonly NumericRow[],
  rowVariables: readonly string[],
  columnVariables: readonly string[],
  options: { correction?: Correction; confidenceLevel?: number } = {},
): CorrelationMatrix {
  const correction = options.correction ?? "none";
  const column = (name: string) => rows.map((row) => numericOrNull(row[name]));
  const cells = rowVariables.map((rowVariable) => {
    const x = column(rowVariable);
    return columnVariables.map((columnVariable) => ({
      rowVariable,
      columnVariable,
      ...pearson(x, column(columnVariable), { confidenceLevel: options.confidenceLevel }),
    }));
  });
  if (correction !== "none") {
    const adjusted = adjustPValues(
      cells.flat().map((cell) => cell.p),
      correction,
    );
    let position = 0;
    for (const row of cells) for (const cell of row) (cell as CorrelationCell).adjustedP = adjusted[position++];
  }
  return { rowVariables: [...rowVariables], columnVariables: [...columnVariables], cells, correction };
}
