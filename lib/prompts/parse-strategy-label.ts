import { STRATEGY_LABELS, type StrategyLabel } from "../data/types";
import { normalizeKey } from "./parse-result";

const VARIANTS: Record<string, StrategyLabel> = {};
const add = (label: StrategyLabel, ...spellings: string[]) => {
  for (const spelling of [label, ...spellings]) VARIANTS[normalizeKey(spelling)] = label;
};
add("Question", "Questions", "Asking questions", "Ask question", "Questioning", "Open question");
add("Restatement or Paraphrasing", "Restatement", "Paraphrasing", "Paraphrase", "Restatement or Paraphrase", "Restatement/Paraphrasing", "Restating");
add("Reflection of feelings", "Reflection of feeling", "Reflection", "Reflecting feelings", "Reflection of emotions");
add("Self-disclosure", "Self disclosure", "Selfdisclosure", "Self-disclosing");
add("Affirmation and Reassurance", "Affirmation & Reassurance", "Affirmation", "Reassurance", "Affirmation/Reassurance", "Affirmation and Reassurances");
add("Providing Suggestions", "Providing Suggestion", "Provide Suggestions", "Suggestions", "Suggestion", "Giving suggestions", "Offering suggestions");
add("Information", "Providing Information", "Provide Information", "Info", "Informing");
add("Others", "Other", "None", "Pleasantries", "Greeting");

/**
 * Maps a strategy label as models and datasets write it ("[Question]", "questions", "Affirmation & Reassurance",
 * "Providing suggestion") to one of the 8 labels of Appendix G; undefined when unknown (the caller reports it).
 */
export function normalizeStrategyLabel(text: string): StrategyLabel | undefined {
  const key = normalizeKey(text.replace(/^\s*\d+\s*[.)]\s*/, ""));
  if (!key) return undefined;
  return VARIANTS[key];
}

export function isStrategyLabel(text: string): text is StrategyLabel {
  return (STRATEGY_LABELS as readonly string[]).includes(text);
}
