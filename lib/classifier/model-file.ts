import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { STRATEGY_LABELS } from "../data/types";
import { parseJson } from "../data/validate";
import { DataError } from "../errors";
import { projectRoot } from "../paths";
import { FeatureEncoder } from "./features";
import type { StrategyClassifierSettings } from "./settings";
import { StrategyClassifier } from "./strategy-classifier";

// One JSON file: readable header (settings, training record) plus the vocabulary, and the float arrays as
// base64 of little-endian Float32 so the file stays a few MB instead of tens.

export const MODEL_FORMAT = "persona-talks/strategy-classifier";
export const MODEL_FORMAT_VERSION = 1;

/** artifacts/strategy-classifier.json in the project (artifacts/ is git-ignored: the model is built from data). */
export function defaultModelPath(): string {
  return join(projectRoot(), "artifacts", "strategy-classifier.json");
}

const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  labels: z.array(z.string()),
  settings: z.object({
    features: z.object({
      wordNgramMax: z.number(),
      charNgramMin: z.number(),
      charNgramMax: z.number(),
      contextNgramMax: z.number(),
      contextWeight: z.number(),
      previousSupporterNgramMax: z.number(),
      previousSupporterWeight: z.number(),
      nextSeekerNgramMax: z.number(),
      nextSeekerWeight: z.number(),
      shapeFeatures: z.boolean(),
      shapeWeight: z.number(),
      minDocumentFrequency: z.number(),
    }),
    model: z.object({
      inverseRegularization: z.number(),
      classWeight: z.enum(["none", "balanced"]),
      maxIterations: z.number(),
      tolerance: z.number(),
      memory: z.number(),
    }),
    priorCorrection: z.number(),
  }),
  training: z.object({
    settingsHash: z.string(),
    dataChecksum: z.string(),
    fingerprint: z.string(),
    trainingTurns: z.number(),
    classPriors: z.array(z.number()).length(STRATEGY_LABELS.length),
    iterations: z.number(),
    finalLoss: z.number().nullable(),
    trainingSeconds: z.number(),
    trainingCpuSeconds: z.number(),
    createdAt: z.string(),
  }),
  vocabulary: z.array(z.string()),
  idf: z.string(),
  weights: z.string(),
  bias: z.array(z.number()),
});

function encodeFloats(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

function decodeFloats(text: string, expectedLength: number, file: string, field: string): Float32Array {
  const bytes = Buffer.from(text, "base64");
  if (bytes.byteLength !== expectedLength * 4) {
    throw new DataError(`expected ${expectedLength} floats, found ${bytes.byteLength / 4}`, { file, field });
  }
  // Copy into a fresh, aligned buffer: a Buffer's view may start at any byte offset.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function serializeClassifier(classifier: StrategyClassifier): string {
  return JSON.stringify({
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    labels: classifier.labels,
    settings: classifier.settings,
    training: { ...classifier.training, finalLoss: Number.isFinite(classifier.training.finalLoss) ? classifier.training.finalLoss : null },
    vocabulary: classifier.encoder.vocabulary.features,
    idf: encodeFloats(classifier.encoder.vocabulary.idf),
    weights: encodeFloats(classifier.model.weights),
    bias: [...classifier.model.bias],
  });
}

export function parseClassifier(text: string, file: string): StrategyClassifier {
  const parsed = modelFileSchema.safeParse(parseJson(text, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(`not a strategy classifier model: ${issue.message}`, { file, field: issue.path.join(".") });
  }
  const data = parsed.data;
  if (JSON.stringify(data.labels) !== JSON.stringify(STRATEGY_LABELS)) {
    throw new DataError("labels differ from STRATEGY_LABELS", { file, field: "labels" });
  }
  const classCount = STRATEGY_LABELS.length;
  const featureCount = data.vocabulary.length;
  const settings: StrategyClassifierSettings = data.settings;
  const vocabulary = { features: data.vocabulary, idf: decodeFloats(data.idf, featureCount, file, "idf") };
  const model = {
    classCount,
    featureCount,
    weights: decodeFloats(data.weights, featureCount * classCount, file, "weights"),
    bias: Float32Array.from(data.bias),
  };
  if (model.bias.length !== classCount) throw new DataError(`expected ${classCount} biases`, { file, field: "bias" });
  return new StrategyClassifier(settings, new FeatureEncoder(vocabulary, settings.features), model, {
    ...data.training,
    finalLoss: data.training.finalLoss ?? NaN,
  });
}

/** Writes through a temporary file and a rename, so a stopped run never leaves half a model behind. */
export function saveClassifier(classifier: StrategyClassifier, path: string = defaultModelPath()): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, serializeClassifier(classifier));
  renameSync(temporary, path);
}

export function loadClassifier(path: string = defaultModelPath()): StrategyClassifier {
  return parseClassifier(readFileSync(path, "utf8"), path);
}
