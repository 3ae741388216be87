import { inspect } from "node:util";
import type { DataFrame } from "danfojs-node";
import { alignmentCheck, type AlignmentRow } from "../analysis/rq1-correlations";
import { domainOf } from "../analysis/domains";
import { paperPairs, type ExpectedPairs } from "../inventory/expected-pairs";
import { correlationHeatmap } from "../charts/correlation-heatmap";
import type { FigureSpec } from "../charts/figure-spec";
import { rejectUnknownKeys } from "../check-options";
import { UsageError } from "../errors";
import type { AnswerInventoryResult, PersonaScoreRow } from "../pipeline/stages/answer-inventory";
import { correlationMatrix, type CorrelationMatrix } from "../stats/correlation-matrix";
import { correlationTable } from "../tables/correlation-tables";
import { frameProvenance, isDataFrame, toDataFrame, withProvenance } from "../tables/data-frame";
import { correlationFrame, numericColumns } from "../tables/frame-statistics";
import type { Table } from "../tables/table";
import type { Scores } from "./stage-types";

// The exploring verbs of a notebook: scores of an answer stage as a DataFrame, and a correlation matrix of score
// columns with p-values, a table and a heatmap.

const PROVENANCE_COLUMNS = new Set(["simulated", "provider", "model", "personaId", "variant"]);

/**
 * One row per persona (the index is the persona id), one column per domain (`HEXACO-60:<domain>`, `CSI:<domain>`),
 * then the invalid and missing answer counts and any grouping columns (dataset, condition). Provider, model, the
 * prompt variant and the simulated flag travel with the frame (shown by `show`, the variant also in corr's titles), not as columns, so describe/groupMean/corr see numbers only.
 */
export function score(answers: AnswerInventoryResult | readonly PersonaScoreRow[] | readonly Record<string, unknown>[] | DataFrame): Scores {
  if (answers === undefined || answers === null) {
    throw new UsageError(`score: got ${answers}; pass the result of run.answer(...) (or its .scores rows)`);
  }
  if (isDataFrame(answers)) return answers;
  const rows = (Array.isArray(answers) ? answers : (answers as AnswerInventoryResult).scores) as readonly PersonaScoreRow[];
  if (!Array.isArray(rows)) throw new UsageError("score: expected the result of run.answer(...) or an array of score rows (personaId, HEXACO-60:<domain>, CSI:<domain>, ...)");
  const first = rows[0];
  const columns = first ? Object.keys(first).filter((key) => !PROVENANCE_COLUMNS.has(key)) : [];
  const frame = toDataFrame(rows, { index: "personaId", columns: first ? ["personaId", ...columns] : undefined });
  const variant = (first as { variant?: unknown } | undefined)?.variant;
  return withProvenance(frame, first ? { simulated: first.simulated, provider: first.provider, model: first.model, title: "scores", ...(typeof variant === "string" ? { variant } : {}) } : undefined) as Scores;
}

/** Which columns `pt.corr` correlates (prefixes or names) and the multiple-comparison correction. */
export interface CorrOptions {
  /** Matrix rows: a column-name prefix ("HEXACO-60") or the columns; default every numeric column. */
  rows?: string | readonly string[];
  /** Matrix columns: a prefix ("CSI") or the columns; default the same as rows. */
  columns?: string | readonly string[];
  /** Default "none"; "holm", "bonferroni" or "fdr" over the cells. */
  correction?: CorrelationMatrix["correction"];
  title?: string;
  /**
   * Expected pairs (pt's expectedPairs(rowInventory, columnInventory)): when rows and columns are that pairing's
   * inventories, the result has the alignment check. Default: the paper's HEXACO-60 x CSI pairing.
   */
  pairs?: ExpectedPairs;
}

/** A correlation matrix ready to look at: r as a DataFrame, the full cells (p, CI, n), a table and a heatmap. */
export interface Correlations {
  matrix: CorrelationMatrix;
  /** r only, one row per row variable. */
  r: DataFrame;
  table: Table;
  heatmap: FigureSpec;
  /** HEXACO x CSI only: for each HEXACO domain, whether its paper partner has the largest |r| in the row. */
  alignment: AlignmentRow[] | null;
}

function resolveColumns(frame: DataFrame, spec: string | readonly string[] | undefined, what: string): string[] {
  if (spec === undefined) return numericColumns(frame);
  if (typeof spec !== "string") return [...spec];
  const found = numericColumns(frame, spec);
  if (!found.length) throw new UsageError(`corr: no numeric column starts with "${spec}" (${what}); numeric columns: ${numericColumns(frame).join(", ")}`);
  return found;
}

/**
 * Pearson correlations of score columns, e.g. `corr(scores, { rows: "HEXACO-60", columns: "CSI" })` (the RQ1
 * matrix): r, two-sided p, 95% CI and n per cell (pairwise complete), with a table and a heatmap.
 */
export function corr(scores: DataFrame | AnswerInventoryResult | readonly PersonaScoreRow[] | readonly Record<string, unknown>[], options: CorrOptions = {}): Correlations {
  rejectUnknownKeys(options, ["rows", "columns", "correction", "title", "pairs"], "corr");
  const frame = score(scores);
  const rowColumns = resolveColumns(frame, options.rows, "rows");
  const columnColumns = options.columns === undefined ? rowColumns : resolveColumns(frame, options.columns, "columns");
  const records = frame.values.map((cells) => Object.fromEntries(frame.columns.map((column, index) => [column, (cells as unknown[])[index]])));
  const matrix = correlationMatrix(records, rowColumns, columnColumns, { correction: options.correction });
  const simulated = frameProvenance(frame)?.simulated ?? false;
  const pairs = options.pairs ?? paperPairs();
  // The alignment check applies when the matrix is the pairing's rows x columns (all domains of both inventories).
  const paired =
    pairs.pairs.length > 0 &&
    rowColumns.every((column) => column.startsWith(`${pairs.rows.name}:`)) &&
    columnColumns.every((column) => column.startsWith(`${pairs.columns.name}:`)) &&
    rowColumns.length === pairs.rows.domains.length &&
    columnColumns.length === pairs.columns.domains.length;
  const alignment = paired ? alignmentCheck(matrix, pairs) : null;
  const variant = frameProvenance(frame)?.variant;
  const title = options.title ?? `Pearson correlations, n = ${frame.shape[0]}${variant ? `, prompt variant ${variant}` : ""}`;
  const result: Correlations = {
    matrix,
    r: correlationFrame(frame, rowColumns, columnColumns),
    table: correlationTable(matrix, { title, simulated, ...(alignment ? { alignment, labels: { rows: pairs.rows.label, columns: pairs.columns.label } } : {}) }),
    heatmap: correlationHeatmap({
      rows: rowColumns.map(domainOf),
      columns: columnColumns.map(domainOf),
      values: matrix.cells.map((row) => row.map((cell) => cell.r)),
      pValues: matrix.cells.map((row) => row.map((cell) => cell.p)),
      title,
      simulated,
    }),
    alignment,
  };
  Object.defineProperty(result, inspect.custom, {
    enumerable: false,
    value: () => `Correlations ${rowColumns.length} x ${columnColumns.length}, n = ${frame.shape[0]}${simulated ? " SIMULATED" : ""} (.r, .matrix, .table, .heatmap${alignment ? ", .alignment" : ""}; pt.show(it) draws the table and heatmap)`,
  });
  return result;
}

export function isCorrelations(value: unknown): value is Correlations {
  const candidate = value as Correlations | null;
  return typeof candidate === "object" && candidate !== null && typeof candidate.matrix === "object" && typeof candidate.heatmap === "object" && typeof candidate.table === "object";
}
