import { createHash } from "node:crypto";
import { STRATEGY_LABELS, type StrategyLabel, type Turn } from "../data/types";
import { DataError } from "../errors";
import { buildVocabulary, FeatureEncoder, type ClassifierInput } from "./features";
import { labeledInputs } from "./inputs";
import { DEFAULT_SETTINGS, settingsHash, type StrategyClassifierSettings } from "./settings";
import { trainSoftmaxRegression } from "./softmax-regression";
import { StrategyClassifier } from "./strategy-classifier";

export type TrainingEvent =
  | { stage: "features"; turns: number }
  | { stage: "vocabulary"; features: number }
  | { stage: "optimize"; iteration: number; maxIterations: number; loss: number }
  | { stage: "done"; iterations: number; seconds: number; cpuSeconds: number };

type LabeledDialogue = { turns: readonly Pick<Turn, "speaker" | "text" | "strategy">[] };

/** sha256 of exactly what training reads: every input's fields and its label, in order. */
export function trainingDataChecksum(inputs: readonly ClassifierInput[], labels: readonly StrategyLabel[]): string {
  const hash = createHash("sha256");
  inputs.forEach((input, index) => {
    hash.update(
      JSON.stringify([
        input.text,
        input.previousSeekerText ?? null,
        input.supporterTurnIndex ?? null,
        input.continuesSupporterTurn ?? null,
        input.previousSupporterText ?? null,
        input.nextSeekerText ?? null,
        labels[index],
      ]),
    );
    hash.update("\n");
  });
  return hash.digest("hex");
}

/** The fingerprint a model trained with these settings on these dialogues would carry. */
export function trainingFingerprint(settings: StrategyClassifierSettings, dataChecksum: string): string {
  return createHash("sha256").update(`${settingsHash(settings)}\n${dataChecksum}`).digest("hex");
}

/**
 * Trains on the labeled supporter turns of `dialogues` (ESConv's train split in practice).
 * Deterministic: the vocabulary is sorted and the optimizer (full-batch L-BFGS) draws no random numbers.
 */
export function trainStrategyClassifier(
  dialogues: readonly LabeledDialogue[],
  settings: StrategyClassifierSettings = DEFAULT_SETTINGS,
  onEvent?: (event: TrainingEvent) => void,
): StrategyClassifier {
  const started = process.hrtime.bigint();
  const startedCpu = process.cpuUsage();
  const { inputs, labels } = labeledInputs(dialogues);
  if (inputs.length === 0) throw new DataError("no labeled supporter turns to train the strategy classifier on");
  onEvent?.({ stage: "features", turns: inputs.length });
  const vocabulary = buildVocabulary(inputs, settings.features);
  onEvent?.({ stage: "vocabulary", features: vocabulary.features.length });
  const encoder = new FeatureEncoder(vocabulary, settings.features);
  const rows = encoder.encode(inputs);
  const labelIndex = Int32Array.from(labels, (label) => STRATEGY_LABELS.indexOf(label));
  let iterations = 0;
  let finalLoss = NaN;
  const model = trainSoftmaxRegression(rows, labelIndex, STRATEGY_LABELS.length, settings.model, (progress) => {
    iterations = progress.iteration;
    finalLoss = progress.loss;
    onEvent?.({ stage: "optimize", ...progress });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(startedCpu);
  onEvent?.({ stage: "done", iterations, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
  const dataChecksum = trainingDataChecksum(inputs, labels);
  return new StrategyClassifier(settings, encoder, model, {
    settingsHash: settingsHash(settings),
    dataChecksum,
    fingerprint: trainingFingerprint(settings, dataChecksum),
    trainingTurns: inputs.length,
    classPriors: STRATEGY_LABELS.map((label) => labels.filter((other) => other === label).length / labels.length),
    iterations,
    finalLoss,
    trainingSeconds: seconds,
    trainingCpuSeconds: (cpu.user + cpu.system) / 1e6,
    createdAt: new Date().toISOString(),
  });
}
