import { correlationMatrix, type CorrelationMatrix } from "../stats/correlation-matrix";
import { isAligned, strongestIndex } from "./aligned";
import type { Correction } from "../stats/adjust";
import { pairedDomain, paperPairs, type ExpectedPairs } from "../inventory/expected-pairs";
import { domainOf } from "./domains";
import { groupRows, rowsOf, scoreValue, type Row } from "./rows";

export interface Rq1Options {
  /** Multiple-comparison correction over the 36 cells of a matrix; "none" unless given. */
  correction?: Correction;
  /**
   * The row and column inventories, their display order and expected pairs (expectedPairs(row, column) of
   * lib/inventory); the paper's HEXACO-60 x CSI pairing unless given.
   */
  pairs?: ExpectedPairs;
  /** Row score columns; `pairs.rows.columns` unless given. */
  rowColumns?: readonly string[];
  /** Column score columns; `pairs.columns.columns` unless given. */
  columnColumns?: readonly string[];
  confidenceLevel?: number;
}

function numericRows(rows: readonly Row[], columns: readonly string[]): Record<string, number | null>[] {
  return rows.map((row, index) => {
    const numeric: Record<string, number | null> = {};
    for (const column of columns) numeric[column] = scoreValue(row, column, index);
    return numeric;
  });
}

/**
 * RQ1: Pearson correlation of every row-inventory domain with every column-inventory domain (the paper's HEXACO
 * x CSI unless `pairs` says otherwise) over persona score rows (one row per
 * persona), with two-sided p, 95% Fisher-z interval and n per cell; a persona missing either score is left out
 * of that cell only.
 */
export function rq1Correlations(scoreRows: unknown, options: Rq1Options = {}): CorrelationMatrix {
  const rows = rowsOf<Row>(scoreRows, "score rows");
  const pairs = options.pairs ?? paperPairs();
  const rowColumns = options.rowColumns ?? pairs.rows.columns;
  const columnColumns = options.columnColumns ?? pairs.columns.columns;
  return correlationMatrix(numericRows(rows, [...rowColumns, ...columnColumns]), rowColumns, columnColumns, {
    correction: options.correction,
    confidenceLevel: options.confidenceLevel,
  });
}

export interface Rq1Group {
  /** The grouping values, e.g. { dataset: "esconv", model: "gpt-4o-mini" } ("" when a row lacks the field). */
  group: Record<string, string>;
  /** "esconv / gpt-4o-mini". */
  label: string;
  personas: number;
  matrix: CorrelationMatrix;
  alignment: AlignmentRow[];
}

/** rq1Correlations per dataset and model (or other fields), in order of first appearance. */
export function rq1CorrelationsByGroup(
  scoreRows: unknown,
  options: Rq1Options & { groupBy?: readonly string[] } = {},
): Rq1Group[] {
  const rows = rowsOf<Row>(scoreRows, "score rows");
  // A grouping field that no row has (e.g. model, for a single-model run) would only add "(no model)" labels.
  const fields = (options.groupBy ?? ["dataset", "model"]).filter((field) =>
    rows.some((row) => row[field] !== undefined && row[field] !== null && row[field] !== ""),
  );
  return groupRows(rows, fields).map(({ key, rows: groupRowsList }) => {
    const matrix = rq1Correlations(groupRowsList, options);
    return {
      group: key,
      label: fields.length === 0 ? "all" : fields.map((field) => key[field] || `(no ${field})`).join(" / "),
      personas: groupRowsList.length,
      matrix,
      alignment: alignmentCheck(matrix, options.pairs),
    };
  });
}

export interface AlignmentRow {
  hexacoColumn: string;
  hexacoDomain: string;
  /** The CSI column theory pairs with this HEXACO domain (undefined for an unknown domain). */
  pairedColumn: string | undefined;
  pairedR: number;
  /** The CSI column with the largest |r| in this row (first one on an exact tie). */
  strongestColumn: string | undefined;
  strongestR: number;
  /** isAligned (lib/analysis/aligned.ts): the paired domain's |r| is the largest in the row (ties count as aligned). */
  aligned: boolean;
}

/**
 * The alignment check of Section 4.1: for each row domain (HEXACO), is its strongest correlation (by absolute
 * value) with its theoretically paired column domain (CSI), as the pairing file says?
 */
export function alignmentCheck(matrix: CorrelationMatrix, pairs: ExpectedPairs = paperPairs()): AlignmentRow[] {
  return matrix.rowVariables.map((hexacoColumn, rowIndex) => {
    const cells = matrix.cells[rowIndex];
    const hexacoDomain = domainOf(hexacoColumn);
    const paired = pairedDomain(pairs, hexacoDomain);
    const pairedIndex = paired === undefined ? -1 : matrix.columnVariables.findIndex((column) => domainOf(column) === paired);
    const values = cells.map((cell) => cell.r);
    const strongest = strongestIndex(values);
    const pairedR = pairedIndex >= 0 ? cells[pairedIndex].r : Number.NaN;
    const strongestR = strongest >= 0 ? cells[strongest].r : Number.NaN;
    return {
      hexacoColumn,
      hexacoDomain,
      pairedColumn: pairedIndex >= 0 ? matrix.columnVariables[pairedIndex] : undefined,
      pairedR,
      strongestColumn: strongest >= 0 ? matrix.columnVariables[strongest] : undefined,
      strongestR,
      aligned: isAligned(values, pairedIndex),
    };
  });
}
