import { UsageError } from "../errors";
import { OPTION_ORDER_EFFECTS, WORDING_EFFECTS } from "./condition-effects";
import { correlationMatrix, DEFAULT_TRAIT_CORRELATIONS, type SimTruthOverrides } from "./sim-truth";

/**
 * Named simulated models: the same simulator with different documented truths, chosen by the model id of the sim
 * provider (`--provider sim --model llama-like`, `sim:llama-like`). They let the multi-model analyses, their tables
 * and their recovery tests run without keys. None of them is a model of anything real: each only echoes the
 * pattern the paper's tables report for one model, so an analysis has something known to recover.
 */
export interface SimModel {
  /** The short id used as the sim provider's model ("aligned", "llama-like", ...). */
  id: string;
  /** How outputs name it ("Simulated LLaMA-like"); outputs also say SIMULATED. */
  displayName: string;
  /** The designed truth in one sentence. */
  description: string;
  /** What differs from DEFAULT_SIM_TRUTH (nested objects merge, arrays and matrices replace). */
  truth: SimTruthOverrides;
  /** HEXACO rows (HEXACO_DOMAINS order) whose paired CSI domain is designed NOT to have the largest |r| of the row. */
  misalignedRows: string[];
}

/**
 * LLaMA-3.1-8B-Instruct in the paper (Tables 4, 12, 15; Section 4.2): weaker paired correlations; designed with
 * Extraversion tied more to Verbal Aggressiveness (positively, as Section 4.2 words it: "higher verbal aggressiveness
 * implies greater extraversion"; the tables print -.21, -.25, -.30, never the row's strongest) and to
 * CSI Emotionality than to Expressiveness, Verbal Aggressiveness also tied to Conscientiousness, and a
 * Honesty-Humility row where Verbal Aggressiveness beats Impression Manipulativeness (Tables 4 and 12).
 */
const LLAMA_LIKE_CORRELATIONS: Array<[string, string, number]> = [
  ["HEXACO-60:Extraversion", "CSI:Expressiveness", 0.25],
  ["HEXACO-60:Extraversion", "CSI:Verbal Aggressiveness", 0.42],
  ["HEXACO-60:Extraversion", "CSI:Emotionality", -0.3],
  ["HEXACO-60:Conscientiousness", "CSI:Preciseness", 0.5],
  ["HEXACO-60:Conscientiousness", "CSI:Verbal Aggressiveness", -0.35],
  ["HEXACO-60:Conscientiousness", "CSI:Emotionality", -0.3],
  ["HEXACO-60:Agreeableness", "CSI:Verbal Aggressiveness", -0.3],
  ["HEXACO-60:Openness to Experience", "CSI:Questioningness", 0.35],
  ["HEXACO-60:Emotionality", "CSI:Emotionality", 0.5],
  ["HEXACO-60:Emotionality", "CSI:Preciseness", -0.25],
  ["HEXACO-60:Honesty-Humility", "CSI:Impression Manipulativeness", -0.1],
  ["HEXACO-60:Honesty-Humility", "CSI:Verbal Aggressiveness", -0.28],
];

/**
 * Claude-3.5-Haiku in the paper (Tables 3, 11, 14): strong paired correlations, Questioningness strongly tied to
 * Extraversion as well as to Openness, and Honesty-Humility tied more to Verbal Aggressiveness than to Impression
 * Manipulativeness (misaligned on all three datasets; Tables 11 and 14 misalign one more row each).
 */
const HAIKU_LIKE_CORRELATIONS: Array<[string, string, number]> = [
  ["HEXACO-60:Extraversion", "CSI:Expressiveness", 0.68],
  ["HEXACO-60:Extraversion", "CSI:Questioningness", 0.45],
  ["HEXACO-60:Conscientiousness", "CSI:Preciseness", 0.5],
  ["HEXACO-60:Conscientiousness", "CSI:Verbal Aggressiveness", -0.2],
  ["HEXACO-60:Agreeableness", "CSI:Verbal Aggressiveness", -0.55],
  ["HEXACO-60:Agreeableness", "CSI:Impression Manipulativeness", -0.3],
  ["HEXACO-60:Openness to Experience", "CSI:Questioningness", 0.45],
  ["HEXACO-60:Openness to Experience", "CSI:Expressiveness", 0.3],
  ["HEXACO-60:Emotionality", "CSI:Emotionality", 0.35],
  ["HEXACO-60:Emotionality", "CSI:Expressiveness", -0.2],
  ["HEXACO-60:Honesty-Humility", "CSI:Impression Manipulativeness", -0.3],
  ["HEXACO-60:Honesty-Humility", "CSI:Verbal Aggressiveness", -0.45],
  ["CSI:Expressiveness", "CSI:Questioningness", 0.3],
];

/** The simulated models, default first. `sim` is an alias of the default. */
export const SIM_MODELS: readonly SimModel[] = [
  {
    id: "aligned",
    displayName: "Simulated aligned",
    description:
      "Every HEXACO domain is tied most to its CSI partner (the paper's reading of gpt-4o-mini, Tables 2, 10, 13): all six paired correlations are the strongest of their row.",
    truth: {},
    misalignedRows: [],
  },
  {
    id: "llama-like",
    displayName: "Simulated LLaMA-like",
    description:
      "Named after the paper's LLaMA-3.1-8B-Instruct (Tables 4, 12, 15): weaker pairs; designed so that Extraversion is tied most to Verbal Aggressiveness (positively; Section 4.2 discusses this tie, the tables show it at -.21, -.25, -.30 and never as the strongest), Verbal Aggressiveness also tied to Conscientiousness, Honesty-Humility tied more to Verbal Aggressiveness than to Impression Manipulativeness. Designed misaligned rows: Extraversion, Honesty-Humility. How this compares with the paper's tables is computed by simulatedResemblance (lib/reports/paper-numbers.ts).",
    truth: { traitCorrelation: correlationMatrix(LLAMA_LIKE_CORRELATIONS) },
    misalignedRows: ["Honesty-Humility", "Extraversion"],
  },
  {
    id: "haiku-like",
    displayName: "Simulated Haiku-like",
    description:
      "Named after the paper's Claude-3.5-Haiku (Tables 3, 11, 14): strong pairs, Questioningness tied to Extraversion as well as Openness, Honesty-Humility tied more to Verbal Aggressiveness than to Impression Manipulativeness. Designed misaligned row: Honesty-Humility (the paper's tables misalign it on all three datasets, and one more row on CAMS and on Dreaddit). How this compares with the paper's tables is computed by simulatedResemblance (lib/reports/paper-numbers.ts).",
    truth: { traitCorrelation: correlationMatrix(HAIKU_LIKE_CORRELATIONS) },
    misalignedRows: ["Honesty-Humility"],
  },
  {
    id: "miskeyed",
    displayName: "Simulated aligned, one mis-keyed item",
    description:
      'The aligned truth, but HEXACO-60 item 12 (a Honesty-Humility statement keyed in reverse) is answered as if its key were the other way round (misKeyedItems ["HEXACO-60#12"]): a reliability analysis should flag it.',
    truth: { misKeyedItems: ["HEXACO-60#12"] },
    misalignedRows: [],
  },
  {
    id: "acquiescent",
    displayName: "Simulated aligned, acquiescent",
    description:
      "The aligned truth, but every inventory answer's latent position is shifted up by 1 latent SD after keying (acquiescence 1): the model agrees more with every statement, keyed or reverse-keyed. The response-set checks should flag its personas for acquiescence (docs/prompts-and-sim.md).",
    truth: { acquiescence: 1 },
    misalignedRows: [],
  },
  {
    id: "option-order",
    displayName: "Simulated aligned, option-order effect",
    description:
      "The aligned truth, but with a primacy effect toward the first-listed option: when the options are listed reversed (1 = strongly disagree first), every inventory answer's latent position moves -0.5 latent SD in the agreement direction before keying (OPTION_ORDER_EFFECTS). Keyed items score lower, reverse-keyed items higher; the expected domain-mean shifts are computed by expectedConditionShifts (docs/prompts-and-sim.md, 'Answer conditions'). No other condition has an effect.",
    truth: { conditionEffects: OPTION_ORDER_EFFECTS },
    misalignedRows: [],
  },
  {
    id: "wording-sensitive",
    displayName: "Simulated aligned, wording-sensitive",
    description:
      "The aligned truth, but the paraphrased answer instructions move the trait levels the model reads: paraphrase-1 +0.4 latent SD on every trait with a persona x wording SD of 0.2, paraphrase-2 -0.3 SD with a persona x wording SD of 0.3 (WORDING_EFFECTS). The expected domain-mean shifts are computed by expectedConditionShifts (docs/prompts-and-sim.md, 'Answer conditions'). Option order, labels and item order have no effect.",
    truth: { conditionEffects: WORDING_EFFECTS },
    misalignedRows: [],
  },
];

export const DEFAULT_SIM_MODEL = "aligned";

/** Other names accepted for a simulated model. */
export const SIM_MODEL_ALIASES: Readonly<Record<string, string>> = { sim: DEFAULT_SIM_MODEL };

/** "sim-<version>-<model>-seed<seed>-truth<8 hex>": the versioned id the pipeline uses as the request's model. */
const VERSIONED_ID = /^sim-[^-]+-(.+)-seed-?\d+-truth[0-9a-f]+$/;

/**
 * The simulated model a model id names: a SIM_MODELS id, an alias ("sim") or a versioned id built by the sim
 * adapter ("sim-3-llama-like-seed1-truth0a1b2c3d"); undefined for anything else.
 */
export function findSimModel(modelId: string): SimModel | undefined {
  const trimmed = modelId.trim();
  const name = SIM_MODEL_ALIASES[trimmed] ?? trimmed.match(VERSIONED_ID)?.[1] ?? trimmed;
  return SIM_MODELS.find((model) => model.id === name);
}

/** Like findSimModel, but an unknown id is a UsageError naming the simulated models. */
export function simModel(modelId: string): SimModel {
  const found = findSimModel(modelId);
  if (!found) {
    throw new UsageError(
      `unknown simulated model "${modelId}"; the sim provider has ${SIM_MODELS.map((model) => model.id).join(", ")} (and "sim" for ${DEFAULT_SIM_MODEL})`,
    );
  }
  return found;
}

/** How outputs name a sim model id: "Simulated LLaMA-like (SIMULATED)"; the id itself for anything else. */
export function simModelDisplayName(modelId: string): string {
  const found = findSimModel(modelId);
  return found ? `${found.displayName} (SIMULATED)` : modelId;
}

/** The default trait correlations, for documentation and tests that compare models. */
export const ALIGNED_TRAIT_CORRELATIONS = DEFAULT_TRAIT_CORRELATIONS;
