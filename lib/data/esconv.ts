import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { z } from "zod";
import { DataError } from "../errors";
import { normalizeStrategy, type UnknownStrategy } from "./normalize-strategy";
import { requireDataFile } from "./require-data";
import type { Dialogue, Speaker, Turn } from "./types";
import { asText, jsonLines, parseJson, validateRecord } from "./validate";

export const ESCONV_SPLITS = ["train", "valid", "test"] as const;
export type EsconvSplit = (typeof ESCONV_SPLITS)[number];

/** A turn as loaded: `rawStrategy` keeps a source label that is not one of the 8, so nothing is dropped silently. */
export interface EsconvTurn extends Turn {
  rawStrategy?: string;
}

/** A dialogue as loaded: the normalized Dialogue plus the free-text questionnaire answers of the source. */
export interface EsconvDialogue extends Dialogue {
  turns: EsconvTurn[];
  /** seeker_question1, seeker_question2, supporter_question1, supporter_question2 when present. */
  questionnaire: Record<string, string>;
}

/** Collects what a parse could not map; pass one in to see the unknown strategy labels. */
export interface EsconvReport {
  unknownStrategies: UnknownStrategy[];
  /** Supporter turns whose source gives no strategy at all. */
  supporterTurnsWithoutStrategy: number;
}

export function emptyEsconvReport(): EsconvReport {
  return { unknownStrategies: [], supporterTurnsWithoutStrategy: 0 };
}

// Scores are strings ("3") in both published shapes; numbers are accepted too.
const score = z.union([z.string(), z.number()]);
const survey = z.record(z.string(), z.record(z.string(), score)).optional();
const optionalText = z.string().nullish();

const sharedFields = {
  experience_type: optionalText,
  emotion_type: optionalText,
  problem_type: optionalText,
  situation: optionalText,
  survey_score: survey,
  seeker_question1: optionalText,
  seeker_question2: optionalText,
  supporter_question1: optionalText,
  supporter_question2: optionalText,
};

const splitTurn = z.object({
  speaker: z.enum(["usr", "sys"]),
  text: z.string(),
  strategy: z.string().nullish(),
});
const splitRecord = z.object({ ...sharedFields, dialog: z.array(splitTurn) });

// ESConv.json names the roles seeker/supporter; FailedESConv.json of the same repository says speaker/listener.
const originalTurn = z.object({
  speaker: z.enum(["seeker", "supporter", "speaker", "listener"]),
  content: z.string(),
  annotation: z
    .object({ strategy: z.string().nullish(), feedback: score.nullish() })
    .nullish(),
});
const originalRecord = z.object({ ...sharedFields, dialog: z.array(originalTurn) });

const QUESTION_FIELDS = ["seeker_question1", "seeker_question2", "supporter_question1", "supporter_question2"] as const;

function toNumber(value: string | number, file: string, record: number, field: string): number {
  const number = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(number)) {
    throw new DataError(`expected a number, got ${JSON.stringify(value)}`, { file, record, field });
  }
  return number;
}

function surveyScores(
  raw: Record<string, Record<string, string | number>> | undefined,
  file: string,
  record: number,
): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const [role, fields] of Object.entries(raw ?? {})) {
    for (const [name, value] of Object.entries(fields)) {
      scores[`${role}.${name}`] = toNumber(value, file, record, `survey_score.${role}.${name}`);
    }
  }
  return scores;
}

function strategyOf(
  raw: string | null | undefined,
  speaker: Speaker,
  dialogueId: string,
  turn: number,
  report: EsconvReport,
): Pick<EsconvTurn, "strategy" | "rawStrategy"> {
  if (speaker !== "supporter") return {};
  if (raw === null || raw === undefined || raw.trim() === "") {
    report.supporterTurnsWithoutStrategy += 1;
    return {};
  }
  const strategy = normalizeStrategy(raw);
  if (strategy) return { strategy };
  report.unknownStrategies.push({ dialogueId, turn, raw });
  return { rawStrategy: raw };
}

const sharedSchema = z.object(sharedFields);
type SharedFields = z.infer<typeof sharedSchema>;

function dialogueShell(
  record: SharedFields,
  id: string,
  split: EsconvSplit | undefined,
  file: string,
  recordNumber: number,
): Omit<EsconvDialogue, "turns"> {
  const questionnaire: Record<string, string> = {};
  for (const field of QUESTION_FIELDS) {
    const value = record[field];
    if (typeof value === "string") questionnaire[field] = value;
  }
  const dialogue: Omit<EsconvDialogue, "turns"> = {
    id,
    survey: surveyScores(record.survey_score, file, recordNumber),
    questionnaire,
  };
  if (split) dialogue.split = split;
  if (record.experience_type) dialogue.experienceType = record.experience_type;
  if (record.emotion_type) dialogue.emotionType = record.emotion_type;
  if (record.problem_type) dialogue.problemType = record.problem_type;
  if (record.situation) dialogue.situation = record.situation;
  return dialogue;
}

function splitFromFile(file: string): EsconvSplit | undefined {
  const stem = basename(file, extname(file));
  return (ESCONV_SPLITS as readonly string[]).includes(stem) ? (stem as EsconvSplit) : undefined;
}

function idPrefix(file: string, split: EsconvSplit | undefined): string {
  return split ?? basename(file, extname(file));
}

/**
 * The JSON-lines splits (train/valid/test, published by the ESConv authors as thu-coai/esconv): one dialogue
 * per line, `speaker` usr/sys, `strategy`, `text`. Records are numbered by line (1-based); ids are
 * "<split>:<0-based index>".
 */
export function parseEsconvJsonl(
  input: string | Uint8Array,
  file: string,
  split: EsconvSplit | undefined = splitFromFile(file),
  report: EsconvReport = emptyEsconvReport(),
): EsconvDialogue[] {
  const prefix = idPrefix(file, split);
  return jsonLines(asText(input)).map(({ line, text: content }, index) => {
    const record = validateRecord(splitRecord, parseJson(content, file, line), file, line);
    const id = `${prefix}:${index}`;
    const turns = record.dialog.map((turn, turnIndex): EsconvTurn => {
      const speaker: Speaker = turn.speaker === "usr" ? "seeker" : "supporter";
      return { speaker, text: turn.text, ...strategyOf(turn.strategy, speaker, id, turnIndex, report) };
    });
    return { ...dialogueShell(record, id, split, file, line), turns };
  });
}

/**
 * The original ESConv.json: a JSON array of dialogues with `speaker` seeker/supporter, `content`,
 * `annotation.strategy` (supporter) and `annotation.feedback` (seeker). Records are numbered by 0-based array
 * index, which is also the id suffix ("ESConv:12").
 */
export function parseEsconvOriginal(
  input: string | Uint8Array,
  file: string,
  report: EsconvReport = emptyEsconvReport(),
): EsconvDialogue[] {
  const data = parseJson(asText(input), file);
  if (!Array.isArray(data)) throw new DataError("expected a JSON array of dialogues", { file });
  const prefix = idPrefix(file, undefined);
  return data.map((raw, index) => {
    const record = validateRecord(originalRecord, raw, file, index);
    const id = `${prefix}:${index}`;
    const turns = record.dialog.map((turn, turnIndex): EsconvTurn => {
      const speaker: Speaker = turn.speaker === "seeker" || turn.speaker === "speaker" ? "seeker" : "supporter";
      const result: EsconvTurn = {
        speaker,
        text: turn.content.trim(),
        ...strategyOf(turn.annotation?.strategy, speaker, id, turnIndex, report),
      };
      const feedback = turn.annotation?.feedback;
      if (feedback !== null && feedback !== undefined && feedback !== "") {
        result.feedback = toNumber(feedback, file, index, `dialog.${turnIndex}.annotation.feedback`);
      }
      return result;
    });
    return { ...dialogueShell(record, id, undefined, file, index), turns };
  });
}

/** Either shape, told apart by the first non-blank character: "[" is ESConv.json, "{" is JSON lines. */
export function parseEsconv(
  input: string | Uint8Array,
  file: string,
  report: EsconvReport = emptyEsconvReport(),
): EsconvDialogue[] {
  const text = asText(input);
  const first = text.trimStart()[0];
  if (first === "[") return parseEsconvOriginal(text, file, report);
  if (first === "{") return parseEsconvJsonl(text, file, splitFromFile(file), report);
  if (first === undefined) return [];
  throw new DataError("not ESConv: expected a JSON array (ESConv.json) or JSON lines", { file, record: 1 });
}

export interface LoadEsconvOptions {
  /** One split or several; default all three. Ignored when `path` is given. */
  split?: EsconvSplit | EsconvSplit[];
  /** Read this file instead (either shape, e.g. the original ESConv.json). */
  path?: string;
  /** Data folder; default dataDirectory(). */
  directory?: string;
  /** Filled with unknown strategy labels and supporter turns without one. */
  report?: EsconvReport;
}

/** ESConv dialogues from the data folder (all splits by default, in train, valid, test order). */
export function loadEsconv(options: LoadEsconvOptions = {}): EsconvDialogue[] {
  const report = options.report ?? emptyEsconvReport();
  if (options.path) return parseEsconv(readFileSync(options.path, "utf8"), options.path, report);
  const splits = options.split === undefined ? [...ESCONV_SPLITS] : [options.split].flat();
  return splits.flatMap((split) => {
    const path = requireDataFile(`esconv/${split}.jsonl`, options.directory);
    return parseEsconvJsonl(readFileSync(path, "utf8"), path, split, report);
  });
}

/** The strategy list file shipped with ESConv (strategy.json: bracketed labels), normalized. */
export function parseEsconvStrategyList(text: string, file: string) {
  const list = validateRecord(z.array(z.string()), parseJson(text, file), file, 0);
  return list.map((raw, index) => {
    const label = normalizeStrategy(raw);
    if (!label) throw new DataError(`unknown strategy ${JSON.stringify(raw)}`, { file, record: index });
    return label;
  });
}
