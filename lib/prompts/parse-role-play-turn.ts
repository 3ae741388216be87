import type { StrategyLabel } from "../data/types";
import { extractJson } from "./extract-json";
import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";
import { normalizeStrategyLabel } from "./parse-strategy-label";

/** One agent's turn in role-play mode. */
export interface RolePlayTurn {
  text: string;
  /** Supporter turns: the label, when it is one of the 8 strategies. */
  strategy?: StrategyLabel;
  /** Supporter turns: the label as written when it is none of the 8 (the turn keeps no strategy). */
  unknownStrategy?: string;
  /** Seeker turns: the seeker says the conversation is over. */
  end: boolean;
}

function endFlag(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return /^(true|yes|1)$/i.test(value.trim());
  return false;
}

/**
 * A role-play agent's answer: the JSON object the prompt asks for ({"content", "end"} for the seeker,
 * {"strategy", "content"} for the supporter), also inside prose or a code fence, and a bare "[Strategy] text"
 * line as models sometimes write it. An answer without any text cannot be read.
 */
export function parseRolePlayTurn(raw: string, speaker: "seeker" | "supporter"): ParseResult<RolePlayTurn> {
  const json = extractJson(raw, "object");
  let content: unknown;
  let label: unknown;
  let end: unknown;
  if (json.ok && isRecord(json.value)) {
    content = pick(json.value, "content", "utterance", "text", "reply", "message");
    label = pick(json.value, "strategy", "annotation");
    if (isRecord(label)) label = pick(label, "strategy");
    end = pick(json.value, "end", "done", "finished");
  } else {
    const match = raw.trim().match(/^(?:(?:seeker|supporter)\s*:\s*)?(?:\[([^\]]+)\]\s*)?([\s\S]+)$/i);
    content = match?.[2];
    label = match?.[1];
  }
  if (typeof content !== "string" || !content.trim()) return failed(raw, `no ${speaker} utterance ("content") in the answer`);
  const turn: RolePlayTurn = { text: content.trim(), end: speaker === "seeker" && endFlag(end) };
  if (speaker === "supporter") {
    if (typeof label === "string" && label.trim()) {
      const strategy = normalizeStrategyLabel(label);
      if (strategy) turn.strategy = strategy;
      else turn.unknownStrategy = label.trim();
    }
  }
  return parsed(turn);
}
