import type { AnswerCondition, Wording } from "../prompts/answer-condition";
import { PAPER_CONDITION } from "../prompts/answer-condition";
import { readScaleText } from "../prompts/scale-labels";
import { ANSWER_PROMPT_ID } from "../prompts/answer-language";
import { CONDITION_PROMPT_IDS } from "../prompts/condition-prompt";
import { promptTemplate } from "../prompts/render-prompt";
import { variableText, type SimCall } from "./sim-call";

/**
 * Designed effects of the answer condition (issue 23) on a simulated model's inventory answers, in latent SD units
 * of the graded-response model (item-response.ts). Absent means none: `aligned` and every other model without them
 * answer alike under every condition (new response noise under a new template, no systematic shift).
 */
export interface ConditionEffects {
  /**
   * Primacy toward the first-listed option: when the options are listed reversed (1 = strongly disagree first),
   * every answer's latent position moves by this amount in the raw (agreement) direction, before keying. Negative =
   * toward disagreeing. A keyed item's score falls, a reverse-keyed item's score rises, so a domain's mean shift
   * depends on its share of reverse-keyed items (expectedConditionShifts computes it).
   */
  optionOrderReversed?: number;
  /**
   * Per paraphrase: `shift` moves every persona's trait level (keyed direction, so every domain mean moves the
   * same way) and `interaction` is the SD of a persona x wording x domain deviation (keyed by persona, paraphrase,
   * inventory and domain), the persona x wording component a G study should find.
   */
  wording?: Partial<Record<Exclude<Wording, "paper">, { shift: number; interaction: number }>>;
}

/** The `option-order` model's truth: a primacy effect of -0.5 latent SD when 1 (strongly disagree) is listed first. */
export const OPTION_ORDER_EFFECTS: ConditionEffects = { optionOrderReversed: -0.5 };

/**
 * The `wording-sensitive` model's truth: paraphrase-1 reads every persona 0.4 latent SD higher on every trait with a
 * persona x wording SD of 0.2; paraphrase-2 reads them 0.3 SD lower with a persona x wording SD of 0.3.
 */
export const WORDING_EFFECTS: ConditionEffects = {
  wording: { "paraphrase-1": { shift: 0.4, interaction: 0.2 }, "paraphrase-2": { shift: -0.3, interaction: 0.3 } },
};

const WORDING_PREFIX = `${ANSWER_PROMPT_ID}-`;

/**
 * The answer condition of a request, read from the request alone: the wording from the template it names
 * (answer-statement-paraphrase-1/-2; the paper's and answer-statement-scaled are the paper's wording), the option
 * order and labels from its {{scale}} text (readScaleText); the paper's prompt lists 5 first in digits. The item
 * order is not visible in a single request (each statement is asked on its own), so it is always "paper" here.
 */
export function conditionOfRequest(call: SimCall): AnswerCondition {
  const suffix = call.promptId.startsWith(WORDING_PREFIX) ? call.promptId.slice(WORDING_PREFIX.length) : "";
  const wording: Wording = suffix === "paraphrase-1" || suffix === "paraphrase-2" ? suffix : "paper";
  const scale = variableText(call, "scale");
  const listed = scale === undefined ? undefined : readScaleText(scale);
  return { ...PAPER_CONDITION, wording, optionOrder: listed?.optionOrder ?? "paper", labels: listed?.labels ?? "digits" };
}

/** The raw (agreement-direction) latent shift the condition's option listing causes under these effects. */
export function rawConditionShift(effects: ConditionEffects | undefined, condition: AnswerCondition): number {
  return condition.optionOrder === "reversed" ? (effects?.optionOrderReversed ?? 0) : 0;
}

/** The paraphrase effect under these effects ({shift: 0, interaction: 0} for the paper's wording or none designed). */
export function wordingEffect(effects: ConditionEffects | undefined, condition: AnswerCondition): { shift: number; interaction: number } {
  if (condition.wording === "paper") return { shift: 0, interaction: 0 };
  return effects?.wording?.[condition.wording] ?? { shift: 0, interaction: 0 };
}

/**
 * The prompt hash that keys an inventory answer's response noise. The condition templates share the paper answer
 * prompt's (common random numbers): a condition changes a simulated answer only through the model's designed effect,
 * so `aligned` answers every condition with the same values and a designed shift is measured without extra noise.
 * Every other prompt (a reworded template, another language) keys its own noise by its own hash, as before.
 */
export function answerNoiseHash(call: SimCall): string {
  return CONDITION_PROMPT_IDS.includes(call.promptId) ? promptTemplate(ANSWER_PROMPT_ID).prompt.hash : call.promptHash;
}
