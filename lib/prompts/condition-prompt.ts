import { UsageError } from "../errors";
import { conditionName, isPaperCondition, PAPER_CONDITION, type AnswerCondition, type Wording } from "./answer-condition";
import { ANSWER_PROMPT_ID, answerPromptId, isAnswerPromptId } from "./answer-language";
import { PAPER_VARIANT, variantRecord, type VariantRecord } from "./prompt-variant";
import { parseInventoryAnswer, type LikertAnswer } from "./parse-answer";
import { parseLabelAnswer } from "./parse-label-answer";
import type { ParseResult } from "./parse-result";
import { answerFormatText, scaleText } from "./scale-labels";

/**
 * The answer prompt under a robustness condition (issue 23). The paper condition is the paper's own prompt
 * (answer-statement, or answer-statement-<language>) with exactly today's variables, so its requests and cache keys
 * are unchanged. Every other condition uses a template whose scale line and answer sentence are variables
 * ({{scale}}, {{answerFormat}}, rendered from lib/prompts/data/scale-labels.json): the paper's wording
 * (answer-statement-scaled) or a paraphrase (answer-statement-paraphrase-1, -2).
 */
const WORDING_PROMPTS: Record<Wording, string> = {
  paper: `${ANSWER_PROMPT_ID}-scaled`,
  "paraphrase-1": `${ANSWER_PROMPT_ID}-paraphrase-1`,
  "paraphrase-2": `${ANSWER_PROMPT_ID}-paraphrase-2`,
};

/** The prompt ids of the condition templates (every non-paper condition uses one of them). */
export const CONDITION_PROMPT_IDS: readonly string[] = Object.values(WORDING_PROMPTS);

/** Languages whose condition templates exist (the paraphrases are English). */
const CONDITION_LANGUAGES = ["en"];

/**
 * The condition whose requests `condition` sends: the item order is not part of any request (each statement is
 * asked on its own), so it changes only the order of the calls, and conditions that differ in item order alone
 * share their requests and cache entries.
 */
export function requestCondition(condition: AnswerCondition): AnswerCondition {
  return { ...condition, itemOrder: PAPER_CONDITION.itemOrder };
}

/**
 * True when the condition asks each statement exactly as the paper does (option order, labels and wording at the
 * paper's levels): "items-shuffled" alone sends the paper's requests in another order (requestCondition).
 */
export function asksAsPaper(condition: AnswerCondition): boolean {
  return isPaperCondition(requestCondition(condition));
}

/** The prompt id an answer is asked with under `condition` for statements in `language` (English when absent). */
export function conditionPromptId(condition: AnswerCondition, language?: string): string {
  if (asksAsPaper(condition)) return answerPromptId(language);
  const code = language ?? "en";
  if (!CONDITION_LANGUAGES.includes(code)) {
    throw new UsageError(
      `condition "${conditionName(condition)}" has answer templates only for ${CONDITION_LANGUAGES.join(", ")}, not for language "${code}"; use the paper condition for ${code} statements or add the condition templates in that language (docs/prompts-and-sim.md, "Answer conditions")`,
    );
  }
  return WORDING_PROMPTS[condition.wording];
}

/** The extra variables of the condition's template ({} for the paper condition, whose prompt has its scale built in). */
export function conditionVariables(condition: AnswerCondition, language?: string): Record<string, string> {
  if (asksAsPaper(condition)) return {};
  return {
    scale: scaleText(condition.optionOrder, condition.labels, language),
    answerFormat: answerFormatText(condition.optionOrder, condition.labels, language),
  };
}

/** Reads an answer under the condition: digits with the paper's parser, labels with parseLabelAnswer. */
export function parseConditionAnswer(raw: string, condition: AnswerCondition, language?: string): ParseResult<LikertAnswer> {
  return condition.labels === "words" ? parseLabelAnswer(raw, language) : parseInventoryAnswer(raw);
}

/** Every prompt id in force when inventories in `languages` are answered under the condition (for variant records). */
export function conditionPromptIds(condition: AnswerCondition, languages: readonly (string | undefined)[] = ["en"]): string[] {
  return [...new Set(languages.map((language) => conditionPromptId(condition, language)))];
}

/**
 * The variant record of a run under an answer condition (a condition is a variant: /work/shared/design): named
 * conditionName(condition) (joined to a prompt variant's name with "+", e.g. "reworded+options-reversed"), with
 * the id, version and hash of every prompt in force: the question's other prompts (`prompts`, answer prompts
 * dropped) and the condition's answer prompt per language. The paper condition keeps the variant's own name.
 */
export function conditionVariantRecord(
  condition: AnswerCondition,
  options: { languages?: readonly (string | undefined)[]; prompts?: readonly string[]; variant?: string; overrides?: Record<string, string> } = {},
): VariantRecord {
  const prompts = [...(options.prompts ?? []).filter((id) => !isAnswerPromptId(id)), ...conditionPromptIds(condition, options.languages)];
  const cell = conditionName(condition);
  const base = options.variant;
  const name = cell === "paper" ? base : base && base !== PAPER_VARIANT ? `${base}+${cell}` : cell;
  return variantRecord({ name, overrides: options.overrides, prompts });
}
