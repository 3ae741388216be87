import { STRATEGY_LABELS, type StrategyLabel } from "./types";

// Spellings of the 8 ESConv strategies seen in the wild (ESConv.json, FailedESConv.json, strategy.json,
// the published JSON-lines splits, papers' prompts), keyed by their canonical form (see canonicalKey).
const VARIANTS: Record<string, StrategyLabel> = {
  question: "Question",
  questions: "Question",
  asking: "Question",
  "restatement or paraphrasing": "Restatement or Paraphrasing",
  "restatement and paraphrasing": "Restatement or Paraphrasing",
  restatement: "Restatement or Paraphrasing",
  paraphrasing: "Restatement or Paraphrasing",
  "reflection of feelings": "Reflection of feelings",
  "reflection of feeling": "Reflection of feelings",
  reflection: "Reflection of feelings",
  "self disclosure": "Self-disclosure",
  "affirmation and reassurance": "Affirmation and Reassurance",
  "affirmation or reassurance": "Affirmation and Reassurance",
  "providing suggestions": "Providing Suggestions",
  "providing suggestion": "Providing Suggestions",
  "provide suggestions": "Providing Suggestions",
  suggestions: "Providing Suggestions",
  suggestion: "Providing Suggestions",
  information: "Information",
  "providing information": "Information",
  others: "Others",
  other: "Others",
  // Spellings of the ESConv repository's other files: "[Question]" tokens of strategy.json and the *WithStrategy
  // TSVs (brackets are stripped by canonicalKey), and short or joined forms in its model code and papers' prompts.
  "restatement paraphrasing": "Restatement or Paraphrasing",
  "restatement or paraphrase": "Restatement or Paraphrasing",
  "reflection of emotions": "Reflection of feelings",
  selfdisclosure: "Self-disclosure",
  "self disclosing": "Self-disclosure",
  "affirmation reassurance": "Affirmation and Reassurance",
  affirmation: "Affirmation and Reassurance",
  reassurance: "Affirmation and Reassurance",
  "provide information": "Information",
  "information providing": "Information",
  // FailedESConv.json's own names for two of the eight (its supporters' turns carry them instead of ESConv's): a
  // directive suggestion is ESConv's "Providing Suggestions", approval is its "Affirmation and Reassurance".
  "direct guidance": "Providing Suggestions",
  "approval and reassurance": "Affirmation and Reassurance",
};

/** Lower-case, strip brackets/quotes, turn -/_ into spaces, "&" into "and", collapse spaces. */
function canonicalKey(raw: string): string {
  return raw
    .trim()
    .replace(/^[\[\(\{"'<\s]+|[\]\)\}"'>\s.:]+$/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[-_/]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

for (const label of STRATEGY_LABELS) VARIANTS[canonicalKey(label)] = label;

/** The paper's label for a strategy name as written in some source, or undefined if it is not one of the 8. */
export function normalizeStrategy(raw: string | null | undefined): StrategyLabel | undefined {
  if (raw === null || raw === undefined) return undefined;
  return VARIANTS[canonicalKey(raw)];
}

/** True when `value` is exactly one of the 8 labels (no normalization). */
export function isStrategyLabel(value: unknown): value is StrategyLabel {
  return typeof value === "string" && (STRATEGY_LABELS as readonly string[]).includes(value);
}

/** An unrecognised strategy name met while loading: where, and the raw text, so it can be reported. */
export interface UnknownStrategy {
  /** Dialogue id ("train:12") and turn index within it. */
  dialogueId: string;
  turn: number;
  raw: string;
}

/** Counts of unknown labels by raw text, e.g. for a loader's report. */
export function countUnknownStrategies(unknown: UnknownStrategy[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of unknown) counts[item.raw] = (counts[item.raw] ?? 0) + 1;
  return counts;
}
