import { STRATEGY_LABELS, type StrategyLabel } from "../data/types";
import { DataError } from "../errors";
import { rowsOf, type Row } from "./rows";

/** One turn of a generated dialogue, as the RQ3 stages emit them. */
export interface TurnRow {
  dialogueId: string;
  condition: string;
  turnIndex: number;
  speaker: "seeker" | "supporter";
  text: string;
  strategy?: StrategyLabel | null;
}

/** The paper's order of conditions in its tables: with traits, without, HEXACO only, CSI only. */
export const CONDITION_ORDER = ["both", "none", "hexaco", "csi"] as const;

/** Column headings of the paper for the pipeline's condition names. */
export const CONDITION_LABELS: Readonly<Record<string, string>> = {
  both: "w/ PT",
  none: "w/o PT",
  hexaco: "HEXACO",
  csi: "CSI",
};

export function conditionLabel(condition: string): string {
  return CONDITION_LABELS[condition] ?? condition;
}

const FILE = "turn rows";

/**
 * Validated turn rows (speaker, strategy label and text checked; each error names the row and field).
 * `strategyField` picks the label column: "strategy" (the generator's own label, default) or e.g.
 * "annotatedStrategy" (the independent annotator's).
 */
export function turnRowsOf(tableOrRows: unknown, strategyField = "strategy"): TurnRow[] {
  return rowsOf<Row>(tableOrRows, FILE).map((row, index) => {
    const record = typeof row.dialogueId === "string" ? `${row.dialogueId}#${String(row.turnIndex)}` : index;
    if (typeof row.dialogueId !== "string" || row.dialogueId.length === 0) {
      throw new DataError("dialogueId must be a non-empty string", { file: FILE, record: index, field: "dialogueId" });
    }
    if (typeof row.condition !== "string" || row.condition.length === 0) {
      throw new DataError("condition must be a non-empty string", { file: FILE, record, field: "condition" });
    }
    if (row.speaker !== "seeker" && row.speaker !== "supporter") {
      throw new DataError(`speaker must be "seeker" or "supporter", got ${JSON.stringify(row.speaker)}`, {
        file: FILE,
        record,
        field: "speaker",
      });
    }
    if (typeof row.text !== "string") throw new DataError("text must be a string", { file: FILE, record, field: "text" });
    const strategy = row[strategyField];
    if (strategy !== undefined && strategy !== null && !(STRATEGY_LABELS as readonly unknown[]).includes(strategy)) {
      throw new DataError(`unknown strategy ${JSON.stringify(strategy)} (expected one of ${STRATEGY_LABELS.join(", ")})`, {
        file: FILE,
        record,
        field: strategyField,
      });
    }
    return {
      dialogueId: row.dialogueId,
      condition: row.condition,
      turnIndex: typeof row.turnIndex === "number" ? row.turnIndex : index,
      speaker: row.speaker,
      text: row.text,
      strategy: (strategy ?? undefined) as StrategyLabel | undefined,
    };
  });
}

/** Conditions present in the rows: the paper's ones in its order first, then any others in order of appearance. */
export function orderedConditions(rows: readonly { condition: string }[]): string[] {
  const present = [...new Set(rows.map((row) => row.condition))];
  const known = CONDITION_ORDER.filter((condition) => present.includes(condition));
  return [...known, ...present.filter((condition) => !(CONDITION_ORDER as readonly string[]).includes(condition))];
}

/** Whitespace-separated words, as the paper's Table 16 counts them. */
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed.length === 0 ? 0 : trimmed.split(/\s+/).length;
}
