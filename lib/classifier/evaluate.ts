import { loadEsconv, type EsconvSplit } from "../data/esconv";
import { STRATEGY_LABELS, type Turn } from "../data/types";
import { labeledInputs } from "./inputs";
import { classificationReport, type ClassificationReport } from "./metrics";
import type { StrategyClassifier } from "./strategy-classifier";

export interface StrategyEvaluation extends ClassificationReport {
  split: string;
}

/** Metrics of the classifier on the labeled supporter turns of `dialogues`. */
export function evaluateOnDialogues(
  classifier: StrategyClassifier,
  dialogues: readonly { turns: readonly Pick<Turn, "speaker" | "text" | "strategy">[] }[],
  split: string,
): StrategyEvaluation {
  const { inputs, labels } = labeledInputs(dialogues);
  const predicted = classifier.predict(inputs).map((prediction) => prediction.label);
  return { split, ...classificationReport(labels, predicted, STRATEGY_LABELS) };
}

/** Metrics on an ESConv split read from the data folder (test by default: settings are chosen on valid). */
export function evaluateStrategyClassifier(
  classifier: StrategyClassifier,
  options: { split?: EsconvSplit; dataDirectory?: string } = {},
): StrategyEvaluation {
  const split = options.split ?? "test";
  return evaluateOnDialogues(classifier, loadEsconv({ split, directory: options.dataDirectory }), split);
}
