import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { emptyEsconvReport, parseEsconv } from "../data/esconv";
import { normalizeStrategy } from "../data/normalize-strategy";
import type { Speaker, StrategyLabel } from "../data/types";
import { jsonLines, parseJson } from "../data/validate";
import { DataError } from "../errors";

/** A dialogue to label: its turns with the label the file gave each supporter turn (if any). */
export interface DialogueToLabel {
  id: string;
  turns: Array<{ speaker: Speaker; text: string; strategy?: StrategyLabel; givenStrategy?: string }>;
}

export interface ReadDialoguesResult {
  /** Which of the shapes the file has (for messages). */
  shape: "esconv" | "run-output" | "dialogue-rows" | "turn-rows";
  dialogues: DialogueToLabel[];
  /** Supporter-turn labels that are not one of the 8 strategies in any known spelling, with counts. */
  unknownStrategies: Record<string, number>;
}

const SEEKER = new Set(["seeker", "usr", "user", "speaker", "client", "help-seeker", "helpseeker"]);
const SUPPORTER = new Set(["supporter", "sys", "system", "listener", "assistant", "counselor", "therapist"]);

function speakerOf(value: unknown, file: string, record: string | number): Speaker {
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (SEEKER.has(text)) return "seeker";
  if (SUPPORTER.has(text)) return "supporter";
  throw new DataError(`unknown speaker ${JSON.stringify(value)} (expected seeker/supporter, usr/sys or speaker/listener)`, { file, record, field: "speaker" });
}

function textOf(turn: Record<string, unknown>): string {
  for (const key of ["text", "content", "utterance"]) if (typeof turn[key] === "string") return turn[key] as string;
  return "";
}

function labelOf(turn: Record<string, unknown>): string | undefined {
  const annotation = turn.annotation as Record<string, unknown> | undefined;
  const raw = turn.strategy ?? annotation?.strategy;
  return typeof raw === "string" && raw.trim() ? raw : undefined;
}

/** Turns of one project dialogue row (run generate/continue output, rq3 dialogues.jsonl). */
function rowDialogue(row: Record<string, unknown>, file: string, record: number, unknown: Record<string, number>): DialogueToLabel {
  if (!Array.isArray(row.turns)) throw new DataError("expected a turns array", { file, record, field: "turns" });
  const id = String(row.dialogueId ?? row.id ?? `record:${record}`);
  const turns = (row.turns as Array<Record<string, unknown>>).map((turn, index) => {
    const speaker = speakerOf(turn.speaker, file, `${record} turn ${index}`);
    return { speaker, text: textOf(turn), ...given(speaker, labelOf(turn), unknown) };
  });
  return { id, turns };
}

function given(speaker: Speaker, raw: string | undefined, unknown: Record<string, number>): { strategy?: StrategyLabel; givenStrategy?: string } {
  if (speaker !== "supporter" || raw === undefined) return {};
  const strategy = normalizeStrategy(raw);
  if (!strategy) unknown[raw] = (unknown[raw] ?? 0) + 1;
  return strategy ? { strategy, givenStrategy: raw } : { givenStrategy: raw };
}

/** Turn rows (one per turn: dialogueId, turnIndex, speaker, text, strategy), grouped into dialogues in file order. */
function turnRowDialogues(rows: Array<Record<string, unknown>>, file: string, unknown: Record<string, number>): DialogueToLabel[] {
  const byId = new Map<string, DialogueToLabel & { order: number[] }>();
  rows.forEach((row, index) => {
    const id = String(row.dialogueId);
    const speaker = speakerOf(row.speaker, file, index + 1);
    const dialogue = byId.get(id) ?? { id, turns: [], order: [] };
    dialogue.turns.push({ speaker, text: textOf(row), ...given(speaker, labelOf(row), unknown) });
    dialogue.order.push(Number(row.turnIndex ?? dialogue.order.length));
    byId.set(id, dialogue);
  });
  return [...byId.values()].map(({ id, turns, order }) => {
    const sorted = turns.map((turn, index) => ({ turn, at: order[index] })).sort((a, b) => a.at - b.at);
    return { id, turns: sorted.map((item) => item.turn) };
  });
}

function isTurnRow(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && "dialogueId" in value && "speaker" in value && !("turns" in value);
}

/**
 * Dialogues in every shape the project writes or reads: ESConv's (JSON lines splits, ESConv.json), the JSON
 * printed by `run generate|continue --json` ({ dialogues: [...] }), dialogue rows (JSON lines or a JSON array with
 * dialogueId and turns, e.g. rq3 dialogues.jsonl), and turn rows (JSON lines or CSV with dialogueId, speaker, text,
 * strategy). Labels are read in every spelling normalizeStrategy knows; others are counted in unknownStrategies.
 */
export function readDialoguesToLabel(text: string, file: string): ReadDialoguesResult {
  const body = text.replace(/^\uFEFF/, "");
  const unknown: Record<string, number> = {};
  const first = body.trimStart()[0];
  if (extname(file).toLowerCase() === ".csv" || (first !== "{" && first !== "[")) {
    const rows = parse(body, { columns: true, skip_empty_lines: true }) as Array<Record<string, unknown>>;
    if (!rows.length || !isTurnRow(rows[0])) throw new DataError("expected a CSV of turn rows with dialogueId, speaker and text columns", { file });
    return { shape: "turn-rows", dialogues: turnRowDialogues(rows, file, unknown), unknownStrategies: unknown };
  }
  let records: unknown[];
  if (first === "[") {
    const data = parseJson(body, file);
    records = Array.isArray(data) ? data : [data];
  } else {
    const lines = jsonLines(body);
    // One JSON document over several lines (e.g. `run continue --json`, pretty-printed) or JSON lines.
    records = lines.length > 1 && !/^\s*\{.*\}\s*$/.test(lines[0].text) ? [parseJson(body, file)] : lines.map(({ line, text: content }) => parseJson(content, file, line));
  }
  if (records.length === 1 && records[0] && typeof records[0] === "object" && Array.isArray((records[0] as Record<string, unknown>).dialogues)) {
    const rows = (records[0] as { dialogues: Array<Record<string, unknown>> }).dialogues;
    return { shape: "run-output", dialogues: rows.map((row, index) => rowDialogue(row, file, index + 1, unknown)), unknownStrategies: unknown };
  }
  const sample = records[0] as Record<string, unknown> | undefined;
  if (sample && typeof sample === "object" && Array.isArray(sample.dialog)) {
    const report = emptyEsconvReport();
    const dialogues = parseEsconv(body, file, report).map((dialogue) => ({
      id: dialogue.id,
      turns: dialogue.turns.map((turn) => ({ speaker: turn.speaker, text: turn.text, ...(turn.strategy ? { strategy: turn.strategy, givenStrategy: turn.strategy } : {}), ...(turn.rawStrategy ? { givenStrategy: turn.rawStrategy } : {}) })),
    }));
    for (const item of report.unknownStrategies) unknown[item.raw] = (unknown[item.raw] ?? 0) + 1;
    return { shape: "esconv", dialogues, unknownStrategies: unknown };
  }
  if (sample && typeof sample === "object" && Array.isArray(sample.turns)) {
    return { shape: "dialogue-rows", dialogues: (records as Array<Record<string, unknown>>).map((row, index) => rowDialogue(row, file, index + 1, unknown)), unknownStrategies: unknown };
  }
  if (isTurnRow(sample)) return { shape: "turn-rows", dialogues: turnRowDialogues(records as Array<Record<string, unknown>>, file, unknown), unknownStrategies: unknown };
  throw new DataError("no dialogues found: expected ESConv records (dialog), run output ({ dialogues }), dialogue rows (dialogueId, turns) or turn rows (dialogueId, speaker, text)", { file, record: 1 });
}
