import type { FigureSpec } from "../charts/figure-spec";
import type { ChartKind } from "../charts/print-layout";
import { parseScoreColumn } from "../inventory/score-columns";
import type { OutputProvenance } from "../tables/output-readme";
import type { Table } from "../tables/table";
import type { VariantRecord } from "../prompts/prompt-variant";

/** A question id of the registry (lib/questions/registry.ts): "rq1", "rq2", "rq3", "psychometrics", "data", or one registered. */
export type Question = string;

/** A chart spec and the file name (without extension) it is exported under. */
export interface NamedFigure {
  name: string;
  spec: FigureSpec;
}

/**
 * An HTML figure that is not a Plotly chart (the Figure 10 case study, a persona card, a dialogue history): exported
 * as .html, .png and .pdf at its kind's print width.
 */
export interface NamedDocument {
  name: string;
  html: string;
  /** Its figure kind, which sets its print width (PRINT_LAYOUTS); default "caseStudy". */
  kind?: ChartKind;
  /** The caption's title; default the name. */
  title?: string;
}

/** Everything the analyze command writes for one research question, and what a notebook shows. */
export interface AnalysisOutput {
  question: Question;
  simulated: boolean;
  provider: string;
  model: string;
  /** One row per persona and condition, one column per HEXACO-60 and CSI domain (scores.csv). */
  scores: Record<string, unknown>[];
  tables: Table[];
  figures: NamedFigure[];
  documents: NamedDocument[];
  /** The key numbers (summary.json). */
  summary: Record<string, unknown>;
  /** Row files written as `<name>.jsonl` (rq3: dialogues.jsonl with pair ids, judgements.jsonl) for `annotate create`. */
  jsonLines?: { name: string; rows: readonly unknown[] }[];
  /** The prompt variant that made it (name; id, version and hash of every prompt in force); see applyVariant. */
  variant?: VariantRecord;
  /** Seed, N (and what it counts) and the prompts in force: written to summary.json and README.md (runProvenance). */
  provenance?: Pick<OutputProvenance, "seed" | "n" | "nMeaning" | "prompts">;
}

const INVENTORY_ORDER = ["HEXACO-60", "CSI"];
const LEADING_COLUMNS = ["personaId", "condition", "dataset", "derivedPersonaId", "provider", "model", "variant"];
const TRAILING_COLUMNS = ["invalidAnswers", "missingAnswers", "prompts"];

/** The domain score columns present in the rows (`HEXACO-60:...` first, then `CSI:...`, each in first-seen order). */
export function scoreColumnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => parseScoreColumn(key) !== undefined);
  const rank = (column: string) => {
    const index = INVENTORY_ORDER.indexOf(parseScoreColumn(column)!.inventoryName);
    return index === -1 ? INVENTORY_ORDER.length : index;
  };
  return seen.map((column, position) => ({ column, position })).sort((a, b) => rank(a.column) - rank(b.column) || a.position - b.position).map((entry) => entry.column);
}

/**
 * The scores.csv columns for these rows: identifiers (personaId, condition, dataset, ...), the domain scores, then
 * the invalid/missing answer counts. Identifier columns absent from every row are left out.
 */
export function scoreTableColumns(rows: readonly Record<string, unknown>[]): string[] {
  const present = (column: string) => rows.some((row) => row[column] !== undefined);
  return [...LEADING_COLUMNS.filter(present), ...scoreColumnsOf(rows), ...TRAILING_COLUMNS.filter(present)];
}

/** Score rows with a `condition` set where they have none (e.g. "measured" for RQ1, "seeker" for RQ3). */
export function withCondition<Row extends Record<string, unknown>>(rows: readonly Row[], condition: string): Array<Row & { condition: string }> {
  return rows.map((row) => ({ ...row, condition: typeof row.condition === "string" && row.condition ? row.condition : condition }));
}
