import { STRATEGY_LABELS } from "../data/types";

/**
 * Short names of the eight ESConv strategies for narrow axes (the 8 x 8 confusion matrix), as ESConv papers write
 * them; a figure that uses them carries the key (`abbreviationKey`), so the short form is never the only name.
 */
export const STRATEGY_ABBREVIATIONS: Readonly<Record<string, string>> = {
  [STRATEGY_LABELS[0]]: "Qu",
  [STRATEGY_LABELS[1]]: "R/P",
  [STRATEGY_LABELS[2]]: "RF",
  [STRATEGY_LABELS[3]]: "SD",
  [STRATEGY_LABELS[4]]: "A&R",
  [STRATEGY_LABELS[5]]: "PS",
  [STRATEGY_LABELS[6]]: "Inf",
  [STRATEGY_LABELS[7]]: "Oth",
};

/** "Qu: Question; R/P: Restatement or Paraphrasing; ...": the key to the short labels, in the labels' order. */
export function abbreviationKey(labels: readonly string[], short: Readonly<Record<string, string>>): string {
  return labels.map((label) => `${short[label]}: ${label}`).join("; ");
}
