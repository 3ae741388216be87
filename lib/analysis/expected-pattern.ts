import type { ExpectedConvergence, ExpectedPairs } from "../inventory/expected-pairs";
import type { CorrelationMatrix } from "../stats/correlation-matrix";

/** One expected convergence of the human pattern, checked against a model's correlation. */
export interface ExpectedPatternRow extends ExpectedConvergence {
  r: number | null;
  low: number | null;
  high: number | null;
  n: number;
  /** The column domain with the largest |r| in the row. */
  strongest: string | null;
  /** True when the expectation holds (see `expectationHolds`); null when r could not be computed. */
  holds: boolean | null;
  /** Why it does not hold ("" when it holds). */
  reason: string;
}

/**
 * Whether an expectation holds for a model's correlation: the 95% interval lies entirely on the expected side of 0
 * (so the sign is the expected one and not compatible with no relation), and, when the source expects the column
 * to be the row's strongest correlate, |r| is the largest of the row. The strength words are not tested (the
 * sources give no numeric values to test against).
 */
export function expectationHolds(expectation: Pick<ExpectedConvergence, "sign" | "largestInRow">, cell: { low: number; high: number }, isStrongest: boolean): { holds: boolean; reason: string } {
  const sideOk = expectation.sign === "positive" ? cell.low > 0 : cell.high < 0;
  if (!sideOk) return { holds: false, reason: `95% CI does not lie ${expectation.sign === "positive" ? "above" : "below"} 0` };
  if (expectation.largestInRow && !isStrongest) return { holds: false, reason: "not the strongest correlate of its row" };
  return { holds: true, reason: "" };
}

/** The pairing's expected human pattern checked against a correlation matrix of its rows x columns (pure). */
export function checkExpectedPattern(matrix: CorrelationMatrix, pairs: ExpectedPairs): ExpectedPatternRow[] {
  return (pairs.expected ?? []).map((expectation) => {
    const rowIndex = pairs.rows.domains.indexOf(expectation.row);
    const columnIndex = pairs.columns.domains.indexOf(expectation.column);
    const rowCells = matrix.cells[matrix.rowVariables.indexOf(pairs.rows.columns[rowIndex])] ?? [];
    const cell = rowCells[matrix.columnVariables.indexOf(pairs.columns.columns[columnIndex])];
    const finite = rowCells.filter((candidate) => Number.isFinite(candidate.r));
    const strongestCell = finite.reduce<(typeof finite)[number] | undefined>((best, candidate) => (!best || Math.abs(candidate.r) > Math.abs(best.r) ? candidate : best), undefined);
    const strongest = strongestCell ? pairs.columns.domains[pairs.columns.columns.indexOf(strongestCell.columnVariable)] : null;
    if (!cell || !Number.isFinite(cell.r) || !Number.isFinite(cell.low) || !Number.isFinite(cell.high)) {
      return { ...expectation, r: null, low: null, high: null, n: cell?.n ?? 0, strongest, holds: null, reason: "r not computable" };
    }
    const verdict = expectationHolds(expectation, cell, strongest === expectation.column);
    return { ...expectation, r: cell.r, low: cell.low, high: cell.high, n: cell.n, strongest, ...verdict };
  });
}
