import type { Speaker, Turn } from "../data/types";
import { extractJson } from "./extract-json";
import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";
import { normalizeStrategyLabel } from "./parse-strategy-label";

export interface ParsedDialogue {
  turns: Turn[];
  /** Supporter turns whose strategy label is not one of the 8 (the turn keeps no strategy). */
  unknownStrategies: Array<{ index: number; label: string }>;
  /** Indexes of supporter turns that carry no strategy at all. */
  unlabelledSupporterTurns: number[];
}

export function speakerOf(value: unknown): Speaker | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (/^(seeker|usr|user|help[- ]?seeker|client|patient)$/.test(text)) return "seeker";
  if (/^(supporter|sys|system|assistant|helper|counsel+or|therapist)$/.test(text)) return "supporter";
  return undefined;
}

const WRAPPERS = ["dialogue", "dialog", "conversation", "turns", "messages", "utterances", "new conversation", "follow-up conversation", "followup"];

function turnsFromJson(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) {
    const inner = pick(value, ...WRAPPERS);
    if (Array.isArray(inner)) return inner;
  }
  return undefined;
}

function turnsFromTranscript(text: string): Array<{ speaker: string; strategy?: string; content: string }> {
  const turns: Array<{ speaker: string; strategy?: string; content: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s*\**\s*(Seeker|Supporter)\s*(?:\(([^)]*)\)|\[([^\]]*)\])?\s*\**\s*:\s*\**\s*(?:\[([^\]]+)\]\s*)?(.+)$/i);
    if (match) turns.push({ speaker: match[1], strategy: match[2] ?? match[3] ?? match[4], content: match[5].trim() });
    else if (turns.length && line.trim()) turns[turns.length - 1].content += " " + line.trim();
  }
  return turns;
}

/**
 * A dialogue from the answer to generate-dialogue / continue-with-traits / continue-without-traits: a JSON list
 * of {speaker, strategy?, content} (also wrapped as {"dialogue": [...]}, the history shape with
 * annotation.strategy, "text"/"utterance" for content, "role" for speaker), or "Supporter (Question): ..." lines.
 * Strategy labels are normalized; unknown ones are reported, never guessed.
 */
export function parseDialogueTurns(raw: string): ParseResult<ParsedDialogue> {
  const json = extractJson(raw, "array");
  let entries: unknown[] | undefined = json.ok ? turnsFromJson(json.value) : undefined;
  if (!entries) {
    const transcript = turnsFromTranscript(raw);
    if (transcript.length >= 2) entries = transcript;
  }
  if (!entries) return failed(raw, json.ok ? "JSON is not a list of turns" : json.reason);
  if (entries.length === 0) return failed(raw, "the dialogue has no turns");

  const turns: Turn[] = [];
  const unknownStrategies: ParsedDialogue["unknownStrategies"] = [];
  const unlabelledSupporterTurns: number[] = [];
  for (const [position, entry] of entries.entries()) {
    if (!isRecord(entry)) return failed(raw, `turn ${position} is not an object`);
    const speaker = speakerOf(pick(entry, "speaker", "role", "name", "from"));
    if (!speaker) return failed(raw, `turn ${position} has no Seeker/Supporter speaker`);
    const content = pick(entry, "content", "text", "utterance", "message");
    if (typeof content !== "string" || !content.trim()) return failed(raw, `turn ${position} has no content`);
    const turn: Turn = { speaker, text: content.trim() };
    if (speaker === "supporter") {
      const annotation = pick(entry, "annotation");
      const label = pick(entry, "strategy", "strategies") ?? (isRecord(annotation) ? pick(annotation, "strategy") : undefined);
      const labelText = Array.isArray(label) ? label[0] : label;
      if (typeof labelText === "string" && labelText.trim()) {
        const strategy = normalizeStrategyLabel(labelText);
        if (strategy) turn.strategy = strategy;
        else unknownStrategies.push({ index: turns.length, label: labelText });
      } else unlabelledSupporterTurns.push(turns.length);
    }
    turns.push(turn);
  }
  return parsed({ turns, unknownStrategies, unlabelledSupporterTurns });
}
