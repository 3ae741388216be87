import { extractJson } from "./extract-json";
import type { LikertAnswer } from "./parse-answer";
import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";
import { scaleLanguage } from "./scale-labels";

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Reads an answer given as a scale label ("agree", "Strongly disagree.", "Answer: neutral", {"answer": "agree"}) in
 * the language's labels (lib/prompts/data/scale-labels.json) back to 1-5 (5 = strongly agree). Longer labels are
 * matched first, so "strongly disagree" is never read as "disagree". A number is not a label (the prompt offered
 * none), and no label or two different labels is a failure with the raw text, never a guess.
 */
export function parseLabelAnswer(raw: string, language = "en"): ParseResult<LikertAnswer> {
  let text = raw;
  if (/^[\s{[]/.test(raw.trim()) || raw.includes("```")) {
    const json = extractJson(raw, "object");
    if (json.ok) {
      const value = isRecord(json.value) ? pick(json.value, "answer", "label", "response", "rating", "choice", "value") : json.value;
      if (typeof value !== "string") return failed(raw, "JSON answer without a label");
      text = value;
    }
  }
  const labels = scaleLanguage(language).labels.map((label, index) => ({ label: label.toLowerCase(), value: (index + 1) as LikertAnswer }));
  let rest = ` ${text.toLowerCase().replace(/[*_`"'.,;:!?()]/g, " ").replace(/\s+/g, " ")} `;
  const found = new Set<LikertAnswer>();
  for (const { label, value } of [...labels].sort((a, b) => b.label.length - a.label.length)) {
    const pattern = new RegExp(`(?<![\\p{L}])${escape(label).replace(/ /g, "\\s+")}(?![\\p{L}])`, "gu");
    if (pattern.test(rest)) {
      found.add(value);
      rest = rest.replace(pattern, " ");
    }
  }
  if (found.size === 1) return parsed([...found][0]);
  if (found.size > 1) return failed(raw, `several different labels (${[...found].sort().join(", ")})`);
  if (/\d/.test(text)) return failed(raw, "a number where a scale label was asked for");
  return failed(raw, "no scale label found");
}
