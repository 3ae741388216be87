import { STRATEGY_LABELS, type AgeGroup, type StrategyLabel } from "../data/types";
import { UsageError } from "../errors";
import { JUDGE_CRITERIA, type JudgeCriterion } from "../prompts/parse-judgement";
import { cholesky } from "./linear-algebra";
import type { SimCondition } from "./sim-conditions";
import type { ConditionEffects } from "./condition-effects";

/**
 * The simulator's ground truth: every effect the analyses should recover. Not a model of anything real; the
 * defaults only echo the directions the paper reports so the whole pipeline can be run and checked offline.
 */

export const SIM_HEXACO_NAME = "HEXACO-60";
export const SIM_CSI_NAME = "CSI";
export const HEXACO_DOMAINS = ["Honesty-Humility", "Emotionality", "Extraversion", "Agreeableness", "Conscientiousness", "Openness to Experience"] as const;
export const CSI_DOMAINS = ["Expressiveness", "Preciseness", "Verbal Aggressiveness", "Questioningness", "Emotionality", "Impression Manipulativeness"] as const;

/** The 12 latent traits, named like score-table columns ("HEXACO-60:Emotionality", "CSI:Emotionality"). */
export const SIM_TRAITS: readonly string[] = [
  ...HEXACO_DOMAINS.map((domain) => `${SIM_HEXACO_NAME}:${domain}`),
  ...CSI_DOMAINS.map((domain) => `${SIM_CSI_NAME}:${domain}`),
];

export type StrategyMix = Record<StrategyLabel, number>;
export type JudgeProbabilities = Record<JudgeCriterion, { win: number; tie: number; loss: number }>;

export interface SimTruth {
  /** 12 x 12 latent correlation matrix in SIM_TRAITS order; must be symmetric positive definite. */
  traitCorrelation: number[][];
  /**
   * Graded-response item parameters. Item i has discrimination a_i = discrimination * (1 + discriminationJitter * u)
   * and thresholds b_ik = thresholds[k] + locationJitter * u' (u, u' uniform in [-1, 1], fixed per inventory and
   * item id). P(answer >= k+2) = logistic(a_i * (theta - b_ik)); for a reversed item theta is negated.
   */
  items: { discrimination: number; discriminationJitter: number; thresholds: [number, number, number, number]; locationJitter: number };
  /** Share of inventory answers that are refusals on every attempt (kept as invalid answers). */
  unanswerableRate: number;
  /** Share of first attempts (any prompt) answered in a malformed way; the repair retry is always well-formed. */
  malformedRate: number;
  /**
   * Re-extracted personas (RQ2): latent traits = original + shift + noise * N(0, 1) per trait, in latent SD units.
   * Defaults: Emotionality up, Extraversion down (HEXACO), and the matching CSI Emotionality up, Expressiveness down.
   */
  drift: { shift: Record<string, number>; noise: number };
  /** Personas extracted from dialogues generated without a persona (Section 5.3): center + spread * correlated N(0, R). */
  noPersona: { center: Record<string, number>; spread: number };
  /** True share of each strategy among supporter turns, per generation condition (each sums to 1). */
  strategyMix: Record<SimCondition, StrategyMix>;
  /** Supporter turns per generated dialogue, uniform in [min, max]. */
  dialogue: { minSupporterTurns: number; maxSupporterTurns: number };
  /** The independent annotator keeps the true label with probability keepRate, else picks one of the other 7 uniformly. */
  annotation: { keepRate: number };
  /** P(persona dialogue wins / tie / loses) per criterion when a with-persona dialogue meets a without-persona one. */
  judge: JudgeProbabilities;
  /** filter-persona keeps a card when description and problem have enough words and a demographic cue is present. */
  filter: { minDescriptionWords: number; minProblemWords: number; requireDemographicCue: boolean };
  /** expand-persona invents age and gender with these probabilities (PersonaHub personas rarely state them). */
  expandedAge: Record<Exclude<AgeGroup, "unknown">, number>;
  expandedFemaleShare: number;
  /**
   * Items the simulated model answers with the wrong key ("<inventory>#<item id>", e.g. "HEXACO-60#12"): it
   * reads a reversed statement as if it were not reversed and vice versa, so the scored item correlates
   * negatively with the rest of its domain (a psychometrics analysis should flag it). Default none.
   */
  misKeyedItems: string[];
  /**
   * Response noise above temperature 0: each answer's latent response gets temperature x temperatureNoise x an
   * extra logistic draw keyed by the sample index (at temperature 0 the sample index is ignored). Default 1.
   */
  temperatureNoise: number;
  /**
   * Optional acquiescence bias (latent SD units): added to every inventory answer's latent position after keying,
   * so the simulated model agrees more with every statement, keyed or reverse-keyed (the `acquiescent` model: 1).
   * Absent (the default) means none; absent rather than 0 so that the other models' truth hashes stay as they were.
   */
  acquiescence?: number;
  /**
   * Optional designed effects of the answer condition (option order, wording; condition-effects.ts): the
   * `option-order` and `wording-sensitive` models. Absent (the default) means none, and keeps every other model's
   * truth hash as it was.
   */
  conditionEffects?: ConditionEffects;
}

/** The default latent correlations that are not zero: each HEXACO domain is tied most to its CSI partner (Section 4.1). */
export const DEFAULT_TRAIT_CORRELATIONS: Array<[string, string, number]> = [
  ["HEXACO-60:Extraversion", "CSI:Expressiveness", 0.6],
  ["HEXACO-60:Conscientiousness", "CSI:Preciseness", 0.55],
  ["HEXACO-60:Agreeableness", "CSI:Verbal Aggressiveness", -0.55],
  ["HEXACO-60:Openness to Experience", "CSI:Questioningness", 0.55],
  ["HEXACO-60:Emotionality", "CSI:Emotionality", 0.55],
  ["HEXACO-60:Honesty-Humility", "CSI:Impression Manipulativeness", -0.5],
  ["HEXACO-60:Extraversion", "CSI:Questioningness", 0.25],
  ["HEXACO-60:Extraversion", "CSI:Emotionality", -0.2],
  ["HEXACO-60:Openness to Experience", "CSI:Expressiveness", 0.2],
  ["HEXACO-60:Emotionality", "CSI:Expressiveness", -0.15],
  ["HEXACO-60:Agreeableness", "CSI:Impression Manipulativeness", -0.15],
  ["HEXACO-60:Honesty-Humility", "CSI:Verbal Aggressiveness", -0.15],
  ["HEXACO-60:Conscientiousness", "CSI:Verbal Aggressiveness", -0.1],
  ["CSI:Expressiveness", "CSI:Questioningness", 0.3],
  ["CSI:Verbal Aggressiveness", "CSI:Impression Manipulativeness", 0.25],
  ["CSI:Expressiveness", "CSI:Emotionality", -0.1],
];

/** A full correlation matrix (SIM_TRAITS order) from a list of non-zero pairs. */
export function correlationMatrix(pairs: Array<[string, string, number]>): number[][] {
  const matrix: number[][] = SIM_TRAITS.map((_, row) => SIM_TRAITS.map((__, column) => (row === column ? 1 : 0)));
  for (const [first, second, value] of pairs) {
    const row = SIM_TRAITS.indexOf(first);
    const column = SIM_TRAITS.indexOf(second);
    if (row < 0 || column < 0) throw new UsageError(`unknown trait in correlation pair: ${first} / ${second}`);
    matrix[row][column] = matrix[column][row] = value;
  }
  return matrix;
}

function mix(values: number[]): StrategyMix {
  const total = values.reduce((sum, value) => sum + value, 0);
  return Object.fromEntries(STRATEGY_LABELS.map((label, index) => [label, values[index] / total])) as StrategyMix;
}

// Percentages of the paper's Table 5 (gpt-4o-mini, with / without persona traits) and Table 8 (HEXACO / CSI only),
// in STRATEGY_LABELS order, normalized to sum to 1.
const WITH_TRAITS = mix([27.23, 3.61, 11.75, 2.64, 29.72, 16.92, 0.78, 8.45]);
const WITHOUT_TRAITS = mix([16.45, 10.57, 11.33, 10.64, 21.06, 14.25, 4.85, 10.88]);
const HEXACO_ONLY = mix([27.83, 3.72, 12.48, 3.41, 28.96, 16.44, 0.5, 6.66]);
const CSI_ONLY = mix([27.23, 3.61, 11.75, 2.64, 29.72, 16.92, 0.78, 8.45]);

export const DEFAULT_SIM_TRUTH: SimTruth = {
  traitCorrelation: correlationMatrix(DEFAULT_TRAIT_CORRELATIONS),
  items: { discrimination: 2.2, discriminationJitter: 0.2, thresholds: [-1.5, -0.5, 0.5, 1.5], locationJitter: 0.3 },
  unanswerableRate: 0.002,
  malformedRate: 0.01,
  drift: {
    shift: { "HEXACO-60:Emotionality": 0.5, "HEXACO-60:Extraversion": -0.5, "CSI:Emotionality": 0.4, "CSI:Expressiveness": -0.3 },
    noise: 0.3,
  },
  noPersona: { center: { "HEXACO-60:Emotionality": 0.5, "HEXACO-60:Extraversion": -0.5, "HEXACO-60:Agreeableness": 0.4 }, spread: 0.35 },
  strategyMix: {
    "with-traits": WITH_TRAITS,
    "without-traits": WITHOUT_TRAITS,
    "hexaco-only": HEXACO_ONLY,
    "csi-only": CSI_ONLY,
    persona: WITH_TRAITS,
    "no-persona": WITHOUT_TRAITS,
  },
  dialogue: { minSupporterTurns: 8, maxSupporterTurns: 12 },
  annotation: { keepRate: 0.85 },
  // The paper's Table 9 (human evaluation, with vs without persona traits).
  judge: {
    Suggestion: { win: 0.38, tie: 0.27, loss: 0.35 },
    Consistency: { win: 0.27, tie: 0.54, loss: 0.19 },
    Comforting: { win: 0.38, tie: 0.28, loss: 0.34 },
    Identification: { win: 0.37, tie: 0.3, loss: 0.33 },
    Overall: { win: 0.39, tie: 0.27, loss: 0.34 },
  },
  filter: { minDescriptionWords: 25, minProblemWords: 10, requireDemographicCue: true },
  expandedAge: { teenage: 0.1, young: 0.4, "middle-aged": 0.35, old: 0.15 },
  expandedFemaleShare: 0.5,
  misKeyedItems: [],
  temperatureNoise: 1,
};

/** Any part of a SimTruth: nested objects merge into the defaults, arrays and numbers replace them. */
export type SimTruthOverrides = {
  [K in keyof SimTruth]?: SimTruth[K] extends number[][] | number[] | number | string[]
    ? SimTruth[K]
    : { [L in keyof SimTruth[K]]?: SimTruth[K][L] extends number | number[] ? SimTruth[K][L] : Partial<SimTruth[K][L]> };
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = merge(base[key], value);
  return result;
}

/** Two sets of overrides as one: `over` wins, nested objects merge. */
export function mergeSimTruthOverrides(base: SimTruthOverrides, over: SimTruthOverrides): SimTruthOverrides {
  return merge(base, over) as SimTruthOverrides;
}

/** DEFAULT_SIM_TRUTH with the given parts replaced (nested objects merged); validates the result. */
export function resolveSimTruth(truth: SimTruthOverrides = {}): SimTruth {
  const resolved = merge(DEFAULT_SIM_TRUTH, truth) as SimTruth;
  validateSimTruth(resolved);
  return resolved;
}

export function validateSimTruth(truth: SimTruth): void {
  const size = SIM_TRAITS.length;
  const matrix = truth.traitCorrelation;
  if (matrix.length !== size || matrix.some((row) => row.length !== size)) throw new UsageError(`traitCorrelation must be ${size} x ${size}`);
  for (let row = 0; row < size; row++) {
    if (Math.abs(matrix[row][row] - 1) > 1e-9) throw new UsageError("traitCorrelation must have 1 on the diagonal");
    for (let column = 0; column < size; column++) {
      if (Math.abs(matrix[row][column] - matrix[column][row]) > 1e-9) throw new UsageError("traitCorrelation must be symmetric");
    }
  }
  cholesky(matrix);
  for (const [condition, shares] of Object.entries(truth.strategyMix)) {
    const total = STRATEGY_LABELS.reduce((sum, label) => sum + (shares[label] ?? NaN), 0);
    if (!(Math.abs(total - 1) < 1e-6)) throw new UsageError(`strategyMix["${condition}"] must give all 8 strategies, summing to 1`);
  }
  for (const criterion of JUDGE_CRITERIA) {
    const entry = truth.judge[criterion];
    if (!entry || Math.abs(entry.win + entry.tie + entry.loss - 1) > 1e-6) throw new UsageError(`judge.${criterion} must sum to 1`);
  }
  if (!(truth.annotation.keepRate >= 0 && truth.annotation.keepRate <= 1)) throw new UsageError("annotation.keepRate must be in [0, 1]");
  if (!Array.isArray(truth.misKeyedItems)) throw new UsageError('misKeyedItems must be a list like ["HEXACO-60#12"]');
  for (const item of truth.misKeyedItems) {
    if (typeof item !== "string" || !/^[^#]+#[^#]+$/.test(item)) throw new UsageError(`misKeyedItems: "${String(item)}" must be "<inventory>#<item id>", e.g. "HEXACO-60#12"`);
  }
  if (!(truth.temperatureNoise >= 0)) throw new UsageError("temperatureNoise must be a number >= 0");
  if (truth.acquiescence !== undefined && !Number.isFinite(truth.acquiescence)) throw new UsageError("acquiescence must be a number (latent SD units)");
  const effects = truth.conditionEffects;
  if (effects?.optionOrderReversed !== undefined && !Number.isFinite(effects.optionOrderReversed)) {
    throw new UsageError("conditionEffects.optionOrderReversed must be a number (latent SD units)");
  }
  for (const [wording, effect] of Object.entries(effects?.wording ?? {})) {
    if (!effect || !Number.isFinite(effect.shift) || !(effect.interaction >= 0)) {
      throw new UsageError(`conditionEffects.wording["${wording}"] must be { shift: number, interaction: number >= 0 } (latent SD units)`);
    }
  }
}
