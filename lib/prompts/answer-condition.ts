import { UsageError } from "../errors";

/**
 * A robustness condition of the answer stage (issue 23): how the inventory is put to the model. The paper's own
 * setting is PAPER_CONDITION; every other cell of the grid changes one or more factors. Answers are always stored
 * on the 1-5 agreement scale (5 = strongly agree) whatever the listing order or labels, so scores are comparable.
 */

/** "shuffled": items are asked in an order shuffled per persona, seeded by (seed, personaId). */
export type ItemOrder = "paper" | "shuffled";
/** "paper" lists 5=strongly agree ... 1=strongly disagree (as the paper's prompt does); "reversed" lists 1 ... 5. */
export type OptionOrder = "paper" | "reversed";
/** "words": the model answers with the label text ("agree"), parsed back to 1-5. */
export type OptionLabels = "digits" | "words";
/** The answer instruction: the paper's text or one of the paraphrase templates. */
export type Wording = "paper" | "paraphrase-1" | "paraphrase-2";

export interface AnswerCondition {
  itemOrder: ItemOrder;
  optionOrder: OptionOrder;
  labels: OptionLabels;
  wording: Wording;
}

/** The paper's own condition: the ordinary run IS this cell (requests byte-identical to a run without a condition). */
export const PAPER_CONDITION: AnswerCondition = Object.freeze({
  itemOrder: "paper",
  optionOrder: "paper",
  labels: "digits",
  wording: "paper",
});

/** Every level of every factor, the paper's level first. */
export const FACTOR_LEVELS: {
  readonly itemOrder: readonly ItemOrder[];
  readonly optionOrder: readonly OptionOrder[];
  readonly labels: readonly OptionLabels[];
  readonly wording: readonly Wording[];
} = Object.freeze({
  itemOrder: Object.freeze(["paper", "shuffled"] as const),
  optionOrder: Object.freeze(["paper", "reversed"] as const),
  labels: Object.freeze(["digits", "words"] as const),
  wording: Object.freeze(["paper", "paraphrase-1", "paraphrase-2"] as const),
});

export type ConditionFactor = keyof AnswerCondition;

/** The name prefix of each factor in a condition name, in the order the parts are written. */
const PREFIX: Record<ConditionFactor, string> = {
  itemOrder: "items",
  optionOrder: "options",
  labels: "labels",
  wording: "wording",
};
const FACTORS = Object.keys(PREFIX) as ConditionFactor[];

/**
 * "paper" for PAPER_CONDITION; otherwise only the non-paper parts joined by "+", e.g.
 * "items-shuffled+options-reversed+labels-words+wording-paraphrase-1".
 */
export function conditionName(c: AnswerCondition): string {
  const parts: string[] = [];
  for (const factor of FACTORS) {
    const level = c[factor];
    if (level !== PAPER_CONDITION[factor]) parts.push(`${PREFIX[factor]}-${level}`);
  }
  return parts.length === 0 ? "paper" : parts.join("+");
}

/**
 * The inverse of conditionName; a UsageError names an unknown or repeated part and lists the valid ones. A part at
 * its paper level ("options-paper") is accepted and changes nothing, so generated names parse too.
 */
export function parseConditionName(name: string): AnswerCondition {
  const trimmed = name.trim();
  if (trimmed === "paper") return { ...PAPER_CONDITION };
  const valid = FACTORS.flatMap((f) =>
    (FACTOR_LEVELS[f] as readonly string[]).filter((l) => l !== PAPER_CONDITION[f]).map((l) => `${PREFIX[f]}-${l}`),
  );
  const condition: AnswerCondition = { ...PAPER_CONDITION };
  const seen = new Set<ConditionFactor>();
  if (trimmed === "") throw new UsageError(`empty condition name; use "paper" or parts of: ${valid.join(", ")}`);
  for (const part of trimmed.split("+")) {
    const factor = FACTORS.find((f) => part.startsWith(`${PREFIX[f]}-`));
    const level = factor === undefined ? undefined : part.slice(PREFIX[factor].length + 1);
    if (factor === undefined || level === undefined || !(FACTOR_LEVELS[factor] as readonly string[]).includes(level)) {
      throw new UsageError(`unknown condition part "${part}" in "${name}"; use "paper" or parts of: ${valid.join(", ")}`);
    }
    if (seen.has(factor)) throw new UsageError(`condition "${name}" names ${PREFIX[factor]} twice; give each factor once`);
    seen.add(factor);
    (condition as unknown as Record<ConditionFactor, string>)[factor] = level;
  }
  return condition;
}

/** True when the condition is the paper's own (every factor at its paper level). */
export function isPaperCondition(c: AnswerCondition): boolean {
  return FACTORS.every((f) => c[f] === PAPER_CONDITION[f]);
}
