import { STRATEGY_LABELS } from "../data/types";

/** Colour-blind-safe series colours (Okabe-Ito), used in order for conditions and models. */
export const SERIES_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

/**
 * Light background colours per ESConv strategy, following Figure 10 of the paper: blue for direct emotional
 * support, green for direct suggestions, yellow for questions that guide the seeker to reflect.
 */
export const STRATEGY_COLORS: Record<string, string> = {
  [STRATEGY_LABELS[0]]: "#fff2a8", // Question
  [STRATEGY_LABELS[1]]: "#e6dcf5", // Restatement or Paraphrasing
  [STRATEGY_LABELS[2]]: "#d3e8fb", // Reflection of feelings
  [STRATEGY_LABELS[3]]: "#fbdde8", // Self-disclosure
  [STRATEGY_LABELS[4]]: "#b9dcfa", // Affirmation and Reassurance
  [STRATEGY_LABELS[5]]: "#c8efc8", // Providing Suggestions
  [STRATEGY_LABELS[6]]: "#d8f0ee", // Information
  [STRATEGY_LABELS[7]]: "#eeeeee", // Others
};

/** Colour for a strategy label; labels outside the 8 ESConv strategies get neutral grey. */
export function strategyColor(strategy: string): string {
  return STRATEGY_COLORS[strategy] ?? "#eeeeee";
}
