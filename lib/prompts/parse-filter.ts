import { extractJson } from "./extract-json";
import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";

export interface FilterVerdict {
  keep: boolean;
  reason: string;
}

function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (/^(true|yes|keep|kept|pass|passed|accept|accepted|meets?)\b/.test(text)) return true;
  if (/^(false|no|reject|rejected|drop|discard|fail|failed)\b/.test(text)) return false;
  return undefined;
}

/** The filter-persona verdict: {"keep": true, "reason": ...} (also "yes"/"no" values, other key names, or a plain-text verdict). */
export function parseFilterVerdict(raw: string): ParseResult<FilterVerdict> {
  const json = extractJson(raw, "object");
  if (json.ok && isRecord(json.value)) {
    const keep = booleanOf(pick(json.value, "keep", "meets criteria", "meets_criteria", "pass", "valid", "decision", "verdict", "result"));
    const reasonValue = pick(json.value, "reason", "explanation", "rationale", "justification");
    if (keep === undefined) return failed(raw, "no keep/decision field with a yes/no value");
    return parsed({ keep, reason: typeof reasonValue === "string" ? reasonValue.trim() : "" });
  }
  // A JSON answer that does not parse (cut off, malformed) is no verdict: its first key ("keep") must not read as a
  // plain-text "keep" (docs: a cut-off JSON answer is always rejected, and kept as invalid with its raw text).
  if (/^\s*(```[a-z]*\s*)?\{/i.test(raw)) return failed(raw, "a JSON answer that does not parse (cut off?)");
  const text = raw.trim().toLowerCase();
  const negative = /\b(does not|doesn't|do not|don't|fails? to|not)\s+(fully\s+)?(meet|satisfy)/.test(text) || /^\W*(no|reject)\b/.test(text);
  const positive = /\b(meets|meet|satisf(y|ies))\s+(all\s+)?(the\s+|your\s+|my\s+)?criteria\b/.test(text) || /^\W*(yes|keep)\b/.test(text);
  if (negative && !/^\W*yes\b/.test(text)) return parsed({ keep: false, reason: raw.trim() });
  if (positive) return parsed({ keep: true, reason: raw.trim() });
  return failed(raw, json.ok ? "JSON is not an object" : "no keep/reject verdict found");
}
