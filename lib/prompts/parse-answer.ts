import { extractJson } from "./extract-json";
import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";

/** An inventory answer on the paper's 1-5 scale (5 = strongly agree). */
export type LikertAnswer = 1 | 2 | 3 | 4 | 5;

// Longest phrases first, so "strongly disagree" is not read as "disagree" or "agree".
const WORDS: Array<[RegExp, LikertAnswer]> = [
  [/\bneither\s+agree\s+nor\s+disagree\b/, 3],
  [/\bstrongly\s+disagree\b/, 1],
  [/\bstrongly\s+agree\b/, 5],
  [/\bdisagree\b/, 2],
  [/\bagree\b/, 4],
  [/\bneutral\b/, 3],
];

function fromWords(text: string): LikertAnswer | "ambiguous" | undefined {
  let rest = text.toLowerCase();
  const found = new Set<LikertAnswer>();
  for (const [pattern, value] of WORDS) {
    if (pattern.test(rest)) {
      found.add(value);
      rest = rest.replace(new RegExp(pattern.source, "g"), " ");
    }
  }
  if (found.size === 1) return [...found][0];
  return found.size > 1 ? "ambiguous" : undefined;
}

function checkNumber(raw: string, value: number): ParseResult<LikertAnswer> {
  if (!Number.isInteger(value)) return failed(raw, `answer ${value} is not a whole number on the 1-5 scale`);
  if (value < 1 || value > 5) return failed(raw, `answer ${value} is outside the 1-5 scale`);
  return parsed(value as LikertAnswer);
}

/** Removes a recited scale ("5=strongly agree, 4=agree, ...", "1-5", "on a scale of 1 to 5") before looking for the answer. */
function withoutScaleRecital(text: string): string {
  return text
    .replace(/\b[1-5]\s*=\s*(strongly\s+)?(agree|disagree|neutral)\b/gi, " ")
    .replace(/\b(on\s+)?(a|the)\s+scale\s+(of|from)\s+1\s*(-|to|–)\s*5\b/gi, " ")
    .replace(/\b1\s*(-|–|to)\s*5\b/g, " ")
    .replace(/\bout\s+of\s+5\b|\/\s*5\b/gi, " ");
}

/**
 * Reads a 1-5 answer from: "4", "Answer: 4", "4 - agree", "**4**", "I would say 4.", "agree", "Strongly disagree",
 * {"answer": 4}, {"score": "4"}. An explicit number wins over a word. Anything else, including out-of-range or
 * fractional numbers, several different numbers, or conflicting words, is returned as a failure with its raw text.
 */
export function parseInventoryAnswer(raw: string): ParseResult<LikertAnswer> {
  const text = raw.replace(/[*_`"']/g, " ").trim();
  if (!text) return failed(raw, "empty answer");

  if (/^[\s{[]/.test(raw.trim()) || raw.includes("```")) {
    const json = extractJson(raw, "object");
    if (json.ok) {
      const value = isRecord(json.value) ? pick(json.value, "answer", "score", "rating", "response", "value", "choice") : json.value;
      if (typeof value === "number") return checkNumber(raw, value);
      if (typeof value === "string") {
        const inner = parseInventoryAnswer(value);
        return inner.ok ? inner : failed(raw, `answer field: ${inner.reason}`);
      }
      return failed(raw, "JSON answer without an answer/score field");
    }
  }

  const bare = text.match(/^\(?\s*([+-]?\d+(?:\.\d+)?)\s*\)?\s*\.?$/);
  if (bare) return checkNumber(raw, Number(bare[1]));

  const labelled = text.match(/\b(?:answer|score|rating|response|choice)\s*(?:is|:|=|-)?\s*\(?([+-]?\d+(?:\.\d+)?)/i);
  if (labelled) return checkNumber(raw, Number(labelled[1]));

  const leading = text.match(/^\(?([+-]?\d+(?:\.\d+)?)\s*(?:[-–—:.)(,]|\s)\s*\S/);
  if (leading) return checkNumber(raw, Number(leading[1]));

  const stripped = withoutScaleRecital(text);
  const numbers = [...stripped.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]*\d)/g)].map((match) => Number(match[1]));
  const distinct = [...new Set(numbers)];
  if (distinct.length === 1) return checkNumber(raw, distinct[0]);
  if (distinct.length > 1) return failed(raw, `several different numbers (${distinct.join(", ")})`);

  const word = fromWords(stripped);
  if (word === "ambiguous") return failed(raw, "conflicting agreement words");
  if (word !== undefined) return parsed(word);
  return failed(raw, "no answer on the 1-5 scale found");
}
