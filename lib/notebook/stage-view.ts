import type { StageResult, StageRowBase } from "../pipeline/types";
import { displayValue } from "../tables/frame-table";
import type { CellValue, Table } from "../tables/table";

// How a stage's result is shown in a notebook cell: a title with the counts, the first rows with the columns
// that matter for that stage, and the failures (and the filter's rejections) with their reasons.

type Row = StageRowBase & Record<string, unknown>;

function turnSummary(row: Row): string {
  const turns = (row.turns as Array<{ speaker: string; strategy?: string | null }> | undefined) ?? [];
  return `${turns.length} turns`;
}

function strategyCounts(row: Row): string {
  const counts = new Map<string, number>();
  for (const turn of (row.turns as Array<{ speaker: string; strategy?: string | null }> | undefined) ?? []) {
    if (turn.speaker === "supporter") counts.set(turn.strategy ?? "(none)", (counts.get(turn.strategy ?? "(none)") ?? 0) + 1);
  }
  return [...counts.entries()].map(([strategy, count]) => `${strategy} ${count}`).join(", ");
}

function firstTurns(row: Row): string {
  const turns = (row.turns as Array<{ speaker: string; text: string; strategy?: string | null }> | undefined) ?? [];
  return turns
    .slice(0, 3)
    .map((turn) => `${turn.speaker}${turn.strategy ? ` [${turn.strategy}]` : ""}: ${turn.text}`)
    .join(" | ");
}

/** The parse status of one inventory answer: ok, invalid (unreadable text, kept in raw) or failed (no answer). */
export function parseStatus(row: Row): "ok" | "invalid" | "failed" {
  if (row.answer !== null && row.answer !== undefined) return "ok";
  return row.raw === null || row.raw === undefined ? "failed" : "invalid";
}

type Column = [key: string, value?: (row: Row) => unknown];

/** The columns shown per stage; a stage not listed shows every column but the common stage columns. */
const STAGE_COLUMNS: Record<string, Column[]> = {
  extractPersonas: [["id"], ["status"], ["age"], ["gender"], ["occupation"], ["description"], ["problem"]],
  filterPersonas: [["id"], ["kept"], ["reason"], ["description"], ["problem"]],
  describeTraits: [["id"], ["status"], ["traitDescription"]],
  answerInventory: [["personaId"], ["inventory"], ["itemId"], ["domain"], ["reversed"], ["parse", parseStatus], ["answer"], ["raw"]],
  expandPersonaHub: [["id"], ["status"], ["persona"], ["age"], ["gender"], ["occupation"], ["traitDescription"]],
  generateDialogue: [["dialogueId"], ["personaId"], ["condition"], ["status"], ["length", turnSummary], ["strategies", strategyCounts], ["start", firstTurns]],
  extractPersonaFromDialogue: [["id"], ["derivedFrom"], ["condition"], ["status"], ["age"], ["gender"], ["occupation"], ["description"]],
  continueDialogue: [["dialogueId"], ["personaId"], ["condition"], ["status"], ["length", turnSummary], ["strategies", strategyCounts], ["start", firstTurns]],
  annotateStrategies: [["dialogueId"], ["condition"], ["status"], ["strategies", strategyCounts], ["start", firstTurns]],
};

const BASE_COLUMNS = new Set(["stage", "error", "raw", "promptId", "promptVersion", "promptHash", "provider", "model", "repaired", "cached", "simulated"]);

function columnsFor(stage: string, rows: readonly Row[]): Column[] {
  const known = STAGE_COLUMNS[stage];
  if (known) return known;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => !BASE_COLUMNS.has(key));
  return keys.map((key) => [key]);
}

function tableOf(title: string, columns: Column[], rows: readonly Row[], simulated: boolean, maxText: number): Table {
  return {
    title,
    columns: columns.map(([key]) => ({ key, label: key, align: "left" as const })),
    rows: rows.map((row) => Object.fromEntries(columns.map(([key, value]) => [key, displayValue(value ? value(row) : row[key], 2, maxText)])) as Record<string, CellValue>),
    notes: [],
    simulated,
  };
}

/** The counts line of a stage: rows, ok, failed, plus the filter's kept/rejected or the answers' invalid. */
export function stageCounts(result: StageResult<StageRowBase>): string {
  const rows = result.rows as Row[];
  const failed = rows.filter((row) => row.status === "failed").length;
  const parts = [`${rows.length} rows`, `${rows.length - failed} ok`, `${failed} failed`];
  const stage = result.summary.stage;
  if (stage === "filterPersonas") {
    parts.push(`${rows.filter((row) => row.kept === true).length} kept`, `${rows.filter((row) => row.kept === false).length} rejected`);
  }
  if (stage === "answerInventory") parts.push(`${rows.filter((row) => parseStatus(row) === "invalid").length} unreadable (kept as invalid with their text)`);
  const cached = rows.filter((row) => row.cached).length;
  parts.push(`${cached} from the cache`);
  const variant = (result.summary as { variant?: unknown }).variant;
  return `${stage}: ${parts.join(", ")} · ${result.summary.provider}:${result.summary.model}${typeof variant === "string" ? ` · variant ${variant}` : ""}`;
}

export interface StageViewOptions {
  /** Rows shown; default 5. */
  limit?: number;
  /** Longer text is cut; default 140 characters. */
  maxText?: number;
}

/**
 * The tables a notebook shows for a stage result: the first rows (with the stage's own columns and the counts in
 * the title), then the failures with their errors, and for the filter the rejected cards with the model's reasons.
 */
export function stageTables(result: StageResult<StageRowBase>, options: StageViewOptions = {}): Table[] {
  const rows = result.rows as Row[];
  const limit = options.limit ?? 5;
  const maxText = options.maxText ?? 140;
  const stage = result.summary.stage;
  const columns = columnsFor(stage, rows);
  const tables = [tableOf(`${stageCounts(result)}${rows.length > limit ? ` (first ${limit} shown)` : ""}`, columns, rows.slice(0, limit), result.simulated, maxText)];
  const idColumn = columns[0];
  if (stage === "filterPersonas") {
    const rejected = rows.filter((row) => row.kept === false);
    if (rejected.length) tables.push(tableOf(`${rejected.length} rejected by the filter, with the model's reasons`, [["id"], ["reason"], ["description"]], rejected.slice(0, 10), result.simulated, maxText));
  }
  if (stage === "answerInventory") {
    const invalid = rows.filter((row) => parseStatus(row) === "invalid");
    if (invalid.length) tables.push(tableOf(`${invalid.length} unreadable answers (counted as invalid, never imputed)`, [["personaId"], ["inventory"], ["itemId"], ["raw"]], invalid.slice(0, 10), result.simulated, maxText));
  }
  // Unreadable answers are failed rows too, already listed above with their text.
  const failures = rows.filter((row) => row.status === "failed" && (stage !== "answerInventory" || parseStatus(row) === "failed"));
  if (failures.length) {
    tables.push(tableOf(`${failures.length} failed, with the reason`, [idColumn, ["error"], ["raw"]], failures.slice(0, 10), result.simulated, maxText));
  }
  return tables;
}

/** True for a stage result (rows plus a summary naming the stage). */
export function isStageResult(value: unknown): value is StageResult<StageRowBase> {
  const candidate = value as StageResult<StageRowBase> | null;
  return typeof candidate === "object" && candidate !== null && Array.isArray(candidate.rows) && typeof candidate.summary?.stage === "string";
}
