import { UsageError } from "../errors";
import { isDataFrameLike } from "../pipeline/table";

// Each stage of a notebook session checks its input before any call: the table must come from one of the stages it
// follows (summary.stage names the stage that made it). The types already say so in the cell; this catches what
// bypasses them (`as any`, plain JavaScript) with one line: what the stage expected, what it was given.

/** What each stage's table is called, and the call that makes it. */
const STAGE_TABLES: Record<string, string> = {
  extractPersonas: "extracted cards (run.extract)",
  filterPersonas: "filter verdicts (run.filter)",
  describeTraits: "trait descriptions (run.describeTraits)",
  answerInventory: "answers (run.answer)",
  expandPersonaHub: "expanded personas (run.expand)",
  generateDialogue: "generated dialogues (run.generate)",
  extractPersonaFromDialogue: "re-extracted personas (run.reextract)",
  continueDialogue: "continued dialogues (run.continue)",
  annotateStrategies: "annotated dialogues (run.annotate)",
};

/** The stage that made a table, from its summary; undefined for anything else. */
export function stageOf(input: unknown): string | undefined {
  const stage = (input as { summary?: { stage?: unknown }; rows?: unknown } | null)?.summary?.stage;
  return typeof stage === "string" && Array.isArray((input as { rows?: unknown }).rows) ? stage : undefined;
}

function tableName(stage: string): string {
  return STAGE_TABLES[stage] ?? `the ${stage} stage's table`;
}

/** What a value is, in the words of the check's message. */
export function describeInput(input: unknown): string {
  const stage = stageOf(input);
  if (stage) return tableName(stage);
  if (input === undefined || input === null) return String(input);
  if (Array.isArray(input)) return `an array of ${input.length} plain rows`;
  if (isDataFrameLike(input)) return "a DataFrame";
  return `a ${typeof input}`;
}

/** The stage named by rows' `stage` column (rows taken out of a stage's table), if they all name one. */
function stageOfRows(rows: readonly unknown[]): string | undefined {
  const stages = new Set(rows.map((row) => (row as { stage?: unknown } | null)?.stage));
  const [only] = [...stages];
  return stages.size === 1 && typeof only === "string" ? only : undefined;
}

/**
 * Throws a UsageError (one line: expected, given) unless `input` is the table of one of `stages`. Called by each
 * session stage before it calls anything. Rows made by hand (an array of objects without a `stage` column, e.g.
 * persona cards from outside) are the caller's explicit choice and pass; rows taken out of another stage's table
 * (their `stage` column names it) do not.
 */
export function checkStageInput(where: string, input: unknown, stages: readonly string[]): void {
  const stage = stageOf(input);
  if (stage && stages.includes(stage)) return;
  if (Array.isArray(input) && input.length > 0 && input.every((row) => typeof row === "object" && row !== null)) {
    const rowsStage = stageOfRows(input);
    if (rowsStage === undefined && !input.some((row) => "stage" in row)) return;
    if (rowsStage && stages.includes(rowsStage)) return;
    throw new UsageError(`${where}: expected ${stages.map(tableName).join(" or ")}, given rows of ${rowsStage ? tableName(rowsStage) : "several stages"}`);
  }
  throw new UsageError(`${where}: expected ${stages.map(tableName).join(" or ")}, given ${describeInput(input)}`);
}

/** For run.continue: ESConv dialogues (run.dialogues()), an array of dialogues with turns. */
export function checkDialogues(where: string, input: unknown): void {
  const dialogues = Array.isArray(input) && input.every((item) => Array.isArray((item as { turns?: unknown } | null)?.turns));
  if (!dialogues || stageOf(input)) throw new UsageError(`${where}: expected ESConv dialogues (run.dialogues()), given ${describeInput(input)}`);
}
