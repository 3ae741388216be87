import { STRATEGY_LABELS } from "../data/types";

/** Colour-blind-safe series colours (Okabe-Ito), used in order for conditions and models. */
export const SERIES_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

/**
 * The paper's three strategy groups of Figure 10, each one light background colour: blue where the supporter
 * directly provides emotional support, green for direct suggestions, yellow for questions that guide the seeker to
 * reflect; anything else grey. Every shaded turn also names its strategy, so colour is never the only channel.
 */
export const STRATEGY_GROUPS = [
  { name: "emotional support", color: "#b9dcfa", strategies: [STRATEGY_LABELS[1], STRATEGY_LABELS[2], STRATEGY_LABELS[3], STRATEGY_LABELS[4]] },
  { name: "suggestions", color: "#c8efc8", strategies: [STRATEGY_LABELS[5], STRATEGY_LABELS[6]] },
  { name: "questions", color: "#fff2a8", strategies: [STRATEGY_LABELS[0]] },
] as const;

/** Background colour per ESConv strategy: its Figure 10 group's (STRATEGY_GROUPS); Others grey. */
export const STRATEGY_COLORS: Record<string, string> = {
  ...Object.fromEntries(STRATEGY_GROUPS.flatMap((group) => group.strategies.map((strategy) => [strategy, group.color]))),
  [STRATEGY_LABELS[7]]: "#eeeeee", // Others
};

/** Colour for a strategy label; labels outside the 8 ESConv strategies get neutral grey. */
export function strategyColor(strategy: string): string {
  return STRATEGY_COLORS[strategy] ?? "#eeeeee";
}
