import { correlationMatrix, type CorrelationMatrix } from "../stats/correlation-matrix";
import { isAligned, strongestIndex } from "./aligned";
import type { Correction } from "../stats/adjust";
import { CSI_COLUMNS, HEXACO_COLUMNS, PAIRED_CSI_DOMAIN, domainOf, type HexacoDomain } from "./domains";
import { groupRows, rowsOf, scoreValue, type Row } from "./rows";

export interface Rq1Options {
  /** Multiple-comparison correction over the 36 cells of a matrix; "none" unless given. */
  correction?: Correction;
  /** HEXACO columns (matrix rows); the six HEXACO-60 domains in the paper's order unless given. */
  rowColumns?: readonly string[];
  /** CSI columns (matrix columns); the six CSI domains in the paper's order unless given. */
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
 * RQ1: Pearson correlation of every HEXACO domain with every CSI domain over persona score rows (one row per
 * persona), with two-sided p, 95% Fisher-z interval and n per cell; a persona missing either score is left out
 * of that cell only.
 */
export function rq1Correlations(scoreRows: unknown, options: Rq1Options = {}): CorrelationMatrix {
  const rows = rowsOf<Row>(scoreRows, "score rows");
  const rowColumns = options.rowColumns ?? HEXACO_COLUMNS;
  const columnColumns = options.columnColumns ?? CSI_COLUMNS;
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
      alignment: alignmentCheck(matrix),
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
 * The alignment check of Section 4.1: for each HEXACO domain, is its strongest correlation (by absolute value)
 * with its theoretically paired CSI domain?
 */
export function alignmentCheck(matrix: CorrelationMatrix): AlignmentRow[] {
  return matrix.rowVariables.map((hexacoColumn, rowIndex) => {
    const cells = matrix.cells[rowIndex];
    const hexacoDomain = domainOf(hexacoColumn);
    const pairedDomain = PAIRED_CSI_DOMAIN[hexacoDomain as HexacoDomain];
    const pairedIndex = matrix.columnVariables.findIndex((column) => domainOf(column) === pairedDomain);
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
