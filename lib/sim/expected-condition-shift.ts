import { conditionName, parseConditionName, type AnswerCondition } from "../prompts/answer-condition";
import { isMisKeyed, itemParameters, type ItemParameters } from "./item-response";
import { rawConditionShift, wordingEffect } from "./condition-effects";
import { defaultSimItems, type SimItem } from "./sim-items";
import { resolveSimTruth, type SimTruth } from "./sim-truth";
import { simModel } from "./sim-models";
import { UsageError } from "../errors";

/** The designed shift of one domain's mean score (condition minus paper), on the 1-5 scale. */
export interface ExpectedConditionShift {
  /** "<inventory>:<domain>", the score column name. */
  trait: string;
  inventory: string;
  domain: string;
  /** Items of the domain in the design. */
  items: number;
  /** E[domain mean under the condition] - E[domain mean under the paper condition], keyed answers on the 1-5 scale. */
  shift: number;
}

export interface ExpectedConditionShiftOptions {
  /** The item design (simItemsFromInventory(inventory) for a real inventory); default defaultSimItems(). */
  items?: readonly SimItem[];
  /** The truth to use instead of the model's own (tests); default simModel(modelId).truth resolved. */
  truth?: SimTruth;
}

function logistic(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** E[answer] (1-5, raw) at latent position `position` (already keyed for how the item is answered). */
function expectedRaw(parameters: ItemParameters, position: number): number {
  let answer = 1;
  for (const threshold of parameters.thresholds) answer += logistic(parameters.discrimination * (position - threshold));
  return answer;
}

// Nodes and weights of N(0, 1) on a fine grid (+-8 SD, 1601 points; the error is far below 1e-6 for these
// smooth integrands): a deterministic quadrature, so the truth is computed, not drawn.
const NODES = Array.from({ length: 1601 }, (_, index) => -8 + index * 0.01);
const RAW_WEIGHTS = NODES.map((z) => Math.exp(-0.5 * z * z));
const WEIGHT_SUM = RAW_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
const WEIGHTS = RAW_WEIGHTS.map((weight) => weight / WEIGHT_SUM);

/** E over theta ~ N(mean, sd^2) of the keyed expected answer of one item with a raw shift. */
function expectedKeyed(parameters: ItemParameters, answeredReversed: boolean, scoredReversed: boolean, mean: number, sd: number, rawShift: number): number {
  let total = 0;
  for (let index = 0; index < NODES.length; index++) {
    const theta = mean + sd * NODES[index];
    const raw = expectedRaw(parameters, (answeredReversed ? -theta : theta) + rawShift);
    total += WEIGHTS[index] * (scoredReversed ? 6 - raw : raw);
  }
  return total;
}

/**
 * The designed truth of a simulated model under an answer condition: per domain, the expected shift of the
 * persona's domain mean score (keyed answers, 1-5) from the paper condition, computed exactly from the
 * graded-response model with each domain's latent level N(0, 1) over personas (the simulator's population, as in
 * expectedReliability). The option-order effect moves raw answers, so keyed and reverse-keyed items move in
 * opposite directions; the wording effect moves the trait level by `shift` and adds a persona x wording deviation
 * of SD `interaction` (theta ~ N(shift, 1 + interaction^2)). Item order and labels have no designed effect (0).
 * `aligned` and every model without conditionEffects give 0 everywhere. A grid's recovery test asserts that the
 * CI of the mean shift it estimates covers this value.
 */
export function expectedConditionShifts(modelId: string, condition: AnswerCondition | string, options: ExpectedConditionShiftOptions = {}): ExpectedConditionShift[] {
  const cell = typeof condition === "string" ? parseConditionName(condition) : condition;
  const truth = options.truth ?? resolveSimTruth(simModel(modelId).truth);
  const effects = truth.conditionEffects;
  const acquiescence = truth.acquiescence ?? 0;
  const rawShift = rawConditionShift(effects, cell);
  const wording = wordingEffect(effects, cell);
  const items = options.items ?? defaultSimItems();
  const groups = new Map<string, { inventory: string; domain: string; shifts: number[] }>();
  for (const item of items) {
    const trait = `${item.inventory}:${item.domain}`;
    let group = groups.get(trait);
    if (!group) groups.set(trait, (group = { inventory: item.inventory, domain: item.domain, shifts: [] }));
    const parameters = itemParameters(truth, item.inventory, item.itemId);
    const answeredReversed = isMisKeyed(truth.misKeyedItems, item.inventory, item.itemId) ? !item.reversed : item.reversed;
    const changed = rawShift !== 0 || wording.shift !== 0 || wording.interaction !== 0;
    const shift = changed
      ? expectedKeyed(parameters, answeredReversed, item.reversed, wording.shift, Math.sqrt(1 + wording.interaction ** 2), acquiescence + rawShift) -
        expectedKeyed(parameters, answeredReversed, item.reversed, 0, 1, acquiescence)
      : 0;
    group.shifts.push(shift);
  }
  return [...groups].map(([trait, group]) => ({
    trait,
    inventory: group.inventory,
    domain: group.domain,
    items: group.shifts.length,
    shift: group.shifts.reduce((sum, value) => sum + value, 0) / group.shifts.length,
  }));
}

/**
 * One domain's designed mean shift (see expectedConditionShifts); `domain` is the score column
 * ("HEXACO-60:Extraversion") or a domain name that only one inventory of the design has.
 */
export function expectedConditionShift(modelId: string, condition: AnswerCondition | string, domain: string, options: ExpectedConditionShiftOptions = {}): number {
  const all = expectedConditionShifts(modelId, condition, options);
  const matches = all.filter((entry) => entry.trait === domain || entry.domain === domain);
  if (matches.length !== 1) {
    const name = typeof condition === "string" ? condition : conditionName(condition);
    throw new UsageError(
      `expectedConditionShift(${modelId}, ${name}): ${matches.length ? "several" : "no"} domains named "${domain}" in the item design; use one of ${all.map((entry) => entry.trait).join(", ")}`,
    );
  }
  return matches[0].shift;
}
