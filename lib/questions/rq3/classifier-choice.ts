import { existsSync } from "node:fs";
import { evaluateStrategyClassifier, type StrategyEvaluation } from "../../classifier/evaluate";
import { loadOrTrainStrategyClassifier } from "../../classifier/load-or-train";
import { defaultModelPath, loadClassifier } from "../../classifier/model-file";
import type { StrategyClassifier } from "../../classifier/strategy-classifier";
import { UsageError } from "../../errors";

/** auto: use the trained model file if there is one; train: load or train it (minutes, once); off: leave it out. */
export type ClassifierMode = "auto" | "train" | "off";
export const CLASSIFIER_MODES: readonly ClassifierMode[] = ["auto", "train", "off"];

/** "auto", "train" or "off" from a setting (e.g. PERSONA_TALKS_CLASSIFIER); undefined when unset; a UsageError naming `source` otherwise. */
export function parseClassifierMode(value: string | undefined, source: string): ClassifierMode | undefined {
  if (value === undefined || value === "") return undefined;
  if (!(CLASSIFIER_MODES as readonly string[]).includes(value)) throw new UsageError(`${source} must be auto, train or off, got "${value}"`);
  return value as ClassifierMode;
}

export interface ClassifierChoice {
  classifier?: StrategyClassifier;
  evaluation?: StrategyEvaluation;
  /** Says what was used, or why the classifier is left out and how to get it. */
  message: string;
}

/** The strategy classifier for RQ3's agreement check, with its evaluation on the ESConv test split. */
export async function chooseStrategyClassifier(mode: ClassifierMode, modelPath: string = defaultModelPath()): Promise<ClassifierChoice> {
  if (mode === "off") return { message: "strategy classifier: off" };
  if (mode === "auto" && !existsSync(modelPath)) {
    return {
      message:
        `strategy classifier: no trained model at ${modelPath}, so the generator-vs-classifier agreement is left out; ` +
        "train it once with `npm run train:strategies` (several minutes) or pass --classifier train",
    };
  }
  const classifier = mode === "train" ? await loadOrTrainStrategyClassifier({ modelPath }) : loadClassifier(modelPath);
  const evaluation = evaluateStrategyClassifier(classifier);
  return { classifier, evaluation, message: `strategy classifier: ${modelPath} (ESConv test accuracy ${evaluation.accuracy.toFixed(3)}, kappa ${evaluation.kappa.toFixed(3)})` };
}
