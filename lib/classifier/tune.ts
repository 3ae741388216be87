import type { Turn } from "../data/types";
import { evaluateOnDialogues } from "./evaluate";
import type { FeatureSettings } from "./features";
import { withSettings, type StrategyClassifierSettings } from "./settings";
import type { SoftmaxSettings } from "./softmax-regression";
import { StrategyClassifier } from "./strategy-classifier";
import { trainStrategyClassifier } from "./train";

export interface SettingsOverride {
  features?: Partial<FeatureSettings>;
  model?: Partial<SoftmaxSettings>;
  priorCorrection?: number;
}

export interface TuningRow {
  override: SettingsOverride;
  settings: StrategyClassifierSettings;
  accuracy: number;
  macroF1: number;
  kappa: number;
  trainingSeconds: number;
  iterations: number;
}

/** The training settings `persona-talks strategies tune` searches: one change at a time around the defaults. */
export const DEFAULT_GRID: SettingsOverride[] = [
  {},
  { model: { inverseRegularization: 0.5 } },
  { model: { inverseRegularization: 2 } },
  { model: { classWeight: "balanced" } },
  { features: { charNgramMax: 0 } },
  { features: { charNgramMin: 1, charNgramMax: 6 } },
  { features: { wordNgramMax: 3 } },
  { features: { contextNgramMax: 0 } },
  { features: { contextNgramMax: 1 } },
  { features: { previousSupporterNgramMax: 0 } },
  { features: { previousSupporterWeight: 0.5 } },
  { features: { nextSeekerNgramMax: 1 } },
  { features: { shapeFeatures: false } },
];

/** Prior corrections tried for every trained model (they change prediction only, so no retraining). */
export const PRIOR_CORRECTIONS = [0, 0.25, 0.5, 0.75, 1];

type LabeledDialogue = { turns: readonly Pick<Turn, "speaker" | "text" | "strategy">[] };

/**
 * Trains one model per override on `train` and scores it on `valid` at every prior correction; rows in grid
 * order. Pick by valid macro-F1; the test split stays untouched until the choice is made.
 */
export function tuneStrategyClassifier(
  train: readonly LabeledDialogue[],
  valid: readonly LabeledDialogue[],
  grid: readonly SettingsOverride[] = DEFAULT_GRID,
  onRow?: (row: TuningRow) => void,
  priorCorrections: readonly number[] = PRIOR_CORRECTIONS,
): TuningRow[] {
  const rows: TuningRow[] = [];
  for (const override of grid) {
    const trained = trainStrategyClassifier(train, withSettings(override));
    for (const priorCorrection of priorCorrections) {
      const settings = { ...trained.settings, priorCorrection };
      const classifier = new StrategyClassifier(settings, trained.encoder, trained.model, trained.training);
      const report = evaluateOnDialogues(classifier, valid, "valid");
      const row: TuningRow = {
        override: { ...override, priorCorrection },
        settings,
        accuracy: report.accuracy,
        macroF1: report.macroF1,
        kappa: report.kappa,
        trainingSeconds: trained.training.trainingSeconds,
        iterations: trained.training.iterations,
      };
      onRow?.(row);
      rows.push(row);
    }
  }
  return rows;
}
