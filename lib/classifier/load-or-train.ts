import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { loadEsconv } from "../data/esconv";
import { requireDataFile } from "../data/require-data";
import { DataError } from "../errors";
import { labeledInputs } from "./inputs";
import { defaultModelPath, loadClassifier, saveClassifier } from "./model-file";
import { stderrProgress, type ClassifierEvent } from "./progress";
import { DEFAULT_SETTINGS, settingsHash, type StrategyClassifierSettings } from "./settings";
import type { StrategyClassifier } from "./strategy-classifier";
import { trainStrategyClassifier, trainingDataChecksum, trainingFingerprint } from "./train";

export interface LoadOrTrainOptions {
  settings?: StrategyClassifierSettings;
  /** Model file; default artifacts/strategy-classifier.json. */
  modelPath?: string;
  /** Data folder holding esconv/train.jsonl; default dataDirectory(). */
  dataDirectory?: string;
  /** Train even when an up-to-date model file exists. */
  retrain?: boolean;
  /** Default: progress lines on stderr. Pass () => {} for silence. */
  onProgress?: (event: ClassifierEvent) => void;
}

const loaded = new Map<string, StrategyClassifier>();
// Per process: (model path, settings, train file and its size and mtime) -> classifier, so that annotating
// dialogue after dialogue does not re-read the training split each time.
const recent = new Map<string, StrategyClassifier>();

/**
 * The strategy classifier for these settings and the current ESConv train split: read from the model file
 * when its fingerprint (settings hash + training-data checksum) matches, else trained (with progress) and saved.
 */
export async function loadOrTrainStrategyClassifier(options: LoadOrTrainOptions = {}): Promise<StrategyClassifier> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const modelPath = resolve(options.modelPath ?? defaultModelPath());
  const onProgress = options.onProgress ?? stderrProgress();
  const trainFile = requireDataFile("esconv/train.jsonl", options.dataDirectory);
  const trainStat = statSync(trainFile);
  const recentKey = [modelPath, settingsHash(settings), trainFile, trainStat.size, trainStat.mtimeMs].join("\n");
  const recentClassifier = recent.get(recentKey);
  if (recentClassifier && !options.retrain) return recentClassifier;
  const dialogues = loadEsconv({ split: "train", directory: options.dataDirectory });
  const { inputs, labels } = labeledInputs(dialogues);
  const fingerprint = trainingFingerprint(settings, trainingDataChecksum(inputs, labels));

  const memoKey = `${modelPath}\n${fingerprint}`;
  const memo = loaded.get(memoKey);
  if (memo && !options.retrain) {
    recent.set(recentKey, memo);
    return memo;
  }

  if (existsSync(modelPath) && !options.retrain) {
    let reason: string | undefined;
    try {
      const classifier = loadClassifier(modelPath);
      if (classifier.training.fingerprint === fingerprint) {
        onProgress({ stage: "loaded", path: modelPath });
        loaded.set(memoKey, classifier);
        recent.set(recentKey, classifier);
        return classifier;
      }
      reason = "stale (other settings or training data)";
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      reason = `unreadable (${error.message})`;
    }
    onProgress({ stage: "stale", path: modelPath, reason });
  }
  const classifier = trainStrategyClassifier(dialogues, settings, onProgress);
  saveClassifier(classifier, modelPath);
  onProgress({ stage: "saved", path: modelPath });
  loaded.set(memoKey, classifier);
  recent.set(recentKey, classifier);
  return classifier;
}
