import { createHash } from "node:crypto";
import type { FeatureSettings } from "./features";
import type { SoftmaxSettings } from "./softmax-regression";

/** Everything that decides the trained weights besides the data. */
export interface StrategyClassifierSettings {
  features: FeatureSettings;
  model: SoftmaxSettings;
  /**
   * Prediction divides each class probability by (training share of the class)^priorCorrection and
   * renormalizes: 0 keeps the model's probabilities, 1 removes the training prior entirely. Moderate values
   * trade a little accuracy for recall of the rarer strategies, i.e. for macro-F1.
   */
  priorCorrection: number;
}

/** Bumped when the training code changes in a way that changes weights for the same settings and data. */
export const TRAINER_VERSION = 1;

/** Chosen on ESConv's valid split (see `persona-talks strategies tune` and docs/classifier.md). */
export const DEFAULT_SETTINGS: StrategyClassifierSettings = {
  features: {
    wordNgramMax: 2,
    charNgramMin: 2,
    charNgramMax: 5,
    contextNgramMax: 2,
    contextWeight: 0.5,
    previousSupporterNgramMax: 1,
    previousSupporterWeight: 0.3,
    nextSeekerNgramMax: 0,
    nextSeekerWeight: 0.5,
    shapeFeatures: true,
    shapeWeight: 1,
    minDocumentFrequency: 2,
  },
  model: {
    inverseRegularization: 1,
    classWeight: "none",
    maxIterations: 300,
    tolerance: 1e-5,
    memory: 10,
  },
  priorCorrection: 0.5,
};

/** Settings with nested overrides applied. */
export function withSettings(overrides: {
  features?: Partial<FeatureSettings>;
  model?: Partial<SoftmaxSettings>;
  priorCorrection?: number;
} = {}): StrategyClassifierSettings {
  return {
    features: { ...DEFAULT_SETTINGS.features, ...overrides.features },
    model: { ...DEFAULT_SETTINGS.model, ...overrides.model },
    priorCorrection: overrides.priorCorrection ?? DEFAULT_SETTINGS.priorCorrection,
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** sha256 of the settings with sorted keys and the trainer version. */
export function settingsHash(settings: StrategyClassifierSettings): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical({ trainerVersion: TRAINER_VERSION, settings })))
    .digest("hex");
}
