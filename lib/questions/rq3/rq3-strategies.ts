import { STRATEGY_LABELS, type StrategyLabel } from "../../data/types";
import { UsageError } from "../../errors";
import { bootstrapShares, type BootstrapOptions } from "../../stats/bootstrap";
import { chiSquareIndependence } from "../../stats/chi-square";
import { orderedConditions, turnRowsOf } from "../../analysis/turns";

export interface StrategyShare {
  condition: string;
  strategy: StrategyLabel;
  count: number;
  /** count / labelled supporter turns of the condition. */
  share: number;
  /** Percentile bootstrap interval of the share, resampling whole dialogues. */
  low: number;
  high: number;
}

export interface ChiSquareSummary {
  conditions: string[];
  /** Strategies in the test (a strategy no condition used is left out: it has no expected count). */
  strategies: StrategyLabel[];
  statistic: number;
  degreesOfFreedom: number;
  p: number;
  cramersV: number;
  /** Adjusted standardized residual per condition and strategy (|value| > 1.96: departs from independence at 5%). */
  residuals: { condition: string; strategy: StrategyLabel; observed: number; expected: number; residual: number }[];
}

export interface StrategyResult {
  conditions: string[];
  strategies: StrategyLabel[];
  /** counts[condition][strategy], labelled supporter turns. */
  counts: number[][];
  labelledTurns: number[];
  /** Supporter turns without a strategy label, per condition (excluded from the shares, reported). */
  unlabelledTurns: number[];
  dialogues: number[];
  shares: StrategyShare[];
  /** Overall test across all conditions (null with fewer than 2 conditions). */
  chiSquare: ChiSquareSummary | null;
  /** One test per pair of conditions (e.g. w/ vs w/o PT as in Tables 5-7, HEXACO vs CSI as in Table 8). */
  pairwise: ChiSquareSummary[];
  bootstrap: { resamples: number; seed: number | string; confidenceLevel: number };
}

export interface Rq3Options extends BootstrapOptions {
  /** Which label column to analyse: "strategy" (default) or "annotatedStrategy" (the independent annotator). */
  strategyField?: string;
  /** Conditions analysed, in this order; all present (paper order first) unless given. */
  conditions?: readonly string[];
}

function chiSquareOf(conditions: string[], counts: number[][]): ChiSquareSummary | null {
  if (conditions.length < 2) return null;
  const used = STRATEGY_LABELS.map((_, column) => column).filter((column) => counts.some((row) => row[column] > 0));
  if (used.length < 2 || counts.some((row) => row.every((count) => count === 0))) return null;
  const table = counts.map((row) => used.map((column) => row[column]));
  const result = chiSquareIndependence(table);
  const strategies = used.map((column) => STRATEGY_LABELS[column]);
  return {
    conditions,
    strategies,
    statistic: result.statistic,
    degreesOfFreedom: result.degreesOfFreedom,
    p: result.p,
    cramersV: result.cramersV,
    residuals: conditions.flatMap((condition, row) =>
      strategies.map((strategy, column) => ({
        condition,
        strategy,
        observed: table[row][column],
        expected: result.expected[row][column],
        residual: result.adjustedResiduals[row][column],
      })),
    ),
  };
}

/**
 * RQ3 (Tables 5-8): share of each support strategy among the labelled supporter turns of each condition, a
 * chi-square test of condition x strategy independence (overall and per pair of conditions) with adjusted
 * standardized residuals, and a bootstrap interval on every share. The bootstrap resamples dialogues, not
 * turns: turns of one dialogue share a persona, a history and a generation call, so they are not independent,
 * and resampling turns would give intervals that are too narrow.
 */
export function rq3Strategies(turnRows: unknown, options: Rq3Options = {}): StrategyResult {
  const turns = turnRowsOf(turnRows, options.strategyField);
  const present = orderedConditions(turns);
  const conditions = options.conditions ? [...options.conditions] : present;
  for (const condition of conditions) {
    if (!present.includes(condition)) throw new UsageError(`condition "${condition}" has no turns (present: ${present.join(", ")})`);
  }
  const strategyIndex = new Map<string, number>(STRATEGY_LABELS.map((label, index) => [label, index]));
  const counts = conditions.map(() => new Array<number>(STRATEGY_LABELS.length).fill(0));
  const unlabelledTurns = conditions.map(() => 0);
  const perDialogue = conditions.map(() => new Map<string, number[]>());
  for (const turn of turns) {
    const row = conditions.indexOf(turn.condition);
    if (row < 0) continue;
    const dialogueCounts = perDialogue[row].get(turn.dialogueId) ?? new Array<number>(STRATEGY_LABELS.length).fill(0);
    perDialogue[row].set(turn.dialogueId, dialogueCounts);
    if (turn.speaker !== "supporter") continue;
    if (!turn.strategy) {
      unlabelledTurns[row]++;
      continue;
    }
    const column = strategyIndex.get(turn.strategy)!;
    counts[row][column]++;
    dialogueCounts[column]++;
  }
  const labelledTurns = counts.map((row) => row.reduce((sum, value) => sum + value, 0));
  const resamples = options.resamples ?? 2000;
  const seed = options.seed ?? 1;
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const shares: StrategyShare[] = conditions.flatMap((condition, row) => {
    const intervals = bootstrapShares([...perDialogue[row].values()], { resamples, seed, confidenceLevel });
    return STRATEGY_LABELS.map((strategy, column) => ({
      condition,
      strategy,
      count: counts[row][column],
      share: labelledTurns[row] === 0 ? Number.NaN : counts[row][column] / labelledTurns[row],
      low: intervals[column]?.low ?? Number.NaN,
      high: intervals[column]?.high ?? Number.NaN,
    }));
  });
  const pairwise: ChiSquareSummary[] = [];
  for (let first = 0; first < conditions.length; first++) {
    for (let second = first + 1; second < conditions.length; second++) {
      const test = chiSquareOf([conditions[first], conditions[second]], [counts[first], counts[second]]);
      if (test) pairwise.push(test);
    }
  }
  return {
    conditions,
    strategies: [...STRATEGY_LABELS],
    counts,
    labelledTurns,
    unlabelledTurns,
    dialogues: perDialogue.map((map) => map.size),
    shares,
    chiSquare: chiSquareOf(conditions, counts),
    pairwise,
    bootstrap: { resamples, seed, confidenceLevel },
  };
}

/** The share of one strategy in one condition (NaN when absent). */
export function shareOf(result: StrategyResult, condition: string, strategy: StrategyLabel): StrategyShare | undefined {
  return result.shares.find((share) => share.condition === condition && share.strategy === strategy);
}
