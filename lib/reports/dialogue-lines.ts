import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { DataError, MissingDataError } from "../errors";
import type { DialogueRow } from "../pipeline/dialogue-rows";
import type { DialoguePair, JudgementRow } from "../pipeline/stages/judge-pair";
import { readTextFile } from "../files/read-text-file";

// `analyze rq3` writes its continued dialogues as dialogues.jsonl (one dialogue a line, with the id of the
// with/without pair it belongs to) and the LLM judge's verdicts as judgements.jsonl; `annotate create` reads both.

const turnSchema = z.object({
  speaker: z.string(),
  text: z.string(),
  strategy: z.string().nullable().optional(),
});

export const dialogueLineSchema = z.object({
  dialogueId: z.string().min(1),
  condition: z.string().min(1),
  /** The with/without pair this dialogue belongs to (null when it is in none, e.g. hexaco or csi only). */
  pairId: z.string().nullable(),
  /** "first" is the with-persona side of its pair (outcomes are reported from it), "second" the other. */
  side: z.enum(["first", "second"]).nullable(),
  sourceDialogueId: z.string().nullable(),
  personaId: z.string(),
  status: z.enum(["ok", "failed"]),
  provider: z.string(),
  model: z.string(),
  promptId: z.string(),
  promptHash: z.string(),
  simulated: z.boolean(),
  turns: z.array(turnSchema),
});
export type DialogueLine = z.infer<typeof dialogueLineSchema>;

export const judgementLineSchema = z.object({
  pairId: z.string().min(1),
  criterion: z.enum(["Suggestion", "Consistency", "Comforting", "Identification", "Overall"]),
  outcome: z.enum(["win", "tie", "loss"]),
  judge: z.string(),
});
export type JudgementLine = z.infer<typeof judgementLineSchema>;

/** One line per continued dialogue, with its pair id and side when it is in a with/without pair. */
export function dialogueLines(dialogues: readonly DialogueRow[], pairs: readonly DialoguePair[]): DialogueLine[] {
  const sideOf = new Map<string, { pairId: string; side: "first" | "second" }>();
  for (const pair of pairs) {
    sideOf.set(pair.first.dialogueId, { pairId: pair.pairId, side: "first" });
    sideOf.set(pair.second.dialogueId, { pairId: pair.pairId, side: "second" });
  }
  return dialogues.map((row) => ({
    dialogueId: row.dialogueId,
    condition: row.condition,
    pairId: sideOf.get(row.dialogueId)?.pairId ?? null,
    side: sideOf.get(row.dialogueId)?.side ?? null,
    sourceDialogueId: row.sourceDialogueId,
    personaId: row.personaId,
    status: row.status,
    provider: row.provider,
    model: row.model,
    promptId: row.promptId,
    promptHash: row.promptHash,
    simulated: row.simulated,
    turns: row.turns.map((turn) => ({ speaker: turn.speaker, text: turn.text, strategy: turn.strategy ?? null })),
  }));
}

/** JSON Lines text of any rows (one JSON object a line, a final newline). */
export function toJsonLines(rows: readonly unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join("\n") + (rows.length ? "\n" : "");
}

function parseLines<Schema extends z.ZodType>(text: string, schema: Schema, file: string): z.infer<Schema>[] {
  const rows: z.infer<Schema>[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new DataError(`not JSON: ${(error as Error).message}`, { file, record: index + 1 });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DataError(issue.message, { file, record: index + 1, field: issue.path.join(".") });
    }
    rows.push(parsed.data);
  });
  return rows;
}

export function parseDialogueLines(text: string, file = "dialogues.jsonl"): DialogueLine[] {
  return parseLines(text, dialogueLineSchema, file);
}

export function parseJudgementLines(text: string, file = "judgements.jsonl"): JudgementLine[] {
  return parseLines(text, judgementLineSchema, file);
}

export function loadDialogueLines(path: string): DialogueLine[] {
  if (!existsSync(path)) throw new MissingDataError(path, "not found: run `persona-talks analyze rq3 --out DIR` first (it writes dialogues.jsonl)");
  return parseDialogueLines(readTextFile(path, "dialogues file"), path);
}

/** The LLM judge's rows of an rq3 output; an absent file is no judgements (rq3 run without the judge). */
export function loadJudgementLines(path: string): JudgementLine[] {
  return existsSync(path) ? parseJudgementLines(readFileSync(path, "utf8"), path) : [];
}

/** Judgement rows of the rq3 judge as lines (the shape lib/pipeline's JudgementRow already has). */
export function judgementLines(rows: readonly JudgementRow[]): JudgementLine[] {
  return rows.map((row) => ({ pairId: row.pairId, criterion: row.criterion, outcome: row.outcome, judge: row.judge }));
}
