import { STRATEGY_LABELS, type StrategyLabel, type Turn } from "../data/types";
import { FeatureEncoder, type ClassifierInput } from "./features";
import { dialogueInputs } from "./inputs";
import type { StrategyClassifierSettings } from "./settings";
import { predictProbabilities, type SoftmaxModel } from "./softmax-regression";

export interface StrategyPrediction {
  label: StrategyLabel;
  /** The model's probability of `label` (the highest of the 8). */
  probability: number;
}

/** What a model file records about how and from what it was made. */
export interface TrainingRecord {
  /** sha256 of settings + trainer version (see settingsHash). */
  settingsHash: string;
  /** sha256 of the training turns and labels (see trainingDataChecksum). */
  dataChecksum: string;
  /** settingsHash and dataChecksum hashed together: the model is stale when this differs. */
  fingerprint: string;
  trainingTurns: number;
  /** Share of each strategy among the training turns, in STRATEGY_LABELS order. */
  classPriors: number[];
  iterations: number;
  finalLoss: number;
  /** Wall-clock seconds of feature extraction plus optimization. */
  trainingSeconds: number;
  /** CPU seconds of the same (the fairer number on a busy machine). */
  trainingCpuSeconds: number;
  createdAt: string;
}

/** A trained strategy classifier: features, weights, and the record of its training. */
export class StrategyClassifier {
  readonly labels: readonly StrategyLabel[] = STRATEGY_LABELS;

  constructor(
    readonly settings: StrategyClassifierSettings,
    readonly encoder: FeatureEncoder,
    readonly model: SoftmaxModel,
    readonly training: TrainingRecord,
  ) {}

  /**
   * The probability of every strategy, in STRATEGY_LABELS order, per input, after the prior correction of the
   * settings (each class divided by its training share to the power priorCorrection, then renormalized).
   */
  predictProbabilities(inputs: readonly ClassifierInput[]): Float64Array[] {
    const probabilities = predictProbabilities(this.model, this.encoder.encode(inputs));
    const exponent = this.settings.priorCorrection;
    if (exponent === 0) return probabilities;
    const divisors = this.training.classPriors.map((prior) => Math.pow(Math.max(prior, 1e-9), exponent));
    for (const row of probabilities) {
      let total = 0;
      for (let k = 0; k < row.length; k++) {
        row[k] /= divisors[k];
        total += row[k];
      }
      for (let k = 0; k < row.length; k++) row[k] /= total;
    }
    return probabilities;
  }

  /** The most probable strategy of each supporter turn (ties go to the earlier label in STRATEGY_LABELS). */
  predict(inputs: readonly ClassifierInput[]): StrategyPrediction[] {
    return this.predictProbabilities(inputs).map((probabilities) => {
      let best = 0;
      for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
      return { label: this.labels[best], probability: probabilities[best] };
    });
  }

  /** Predictions aligned with `turns`: one per supporter turn, null for seeker turns. Gold labels are not used. */
  classifyDialogue(turns: readonly Pick<Turn, "speaker" | "text">[]): (StrategyPrediction | null)[] {
    const { inputs, turnIndices } = dialogueInputs(turns);
    const predictions = this.predict(inputs);
    const result: (StrategyPrediction | null)[] = turns.map(() => null);
    turnIndices.forEach((turnIndex, position) => {
      result[turnIndex] = predictions[position];
    });
    return result;
  }
}
