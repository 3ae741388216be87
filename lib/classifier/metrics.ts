import { UsageError } from "../errors";

// Agreement and classification metrics over a fixed label order. Pure functions: the strategy classifier's
// evaluation uses them, and so does RQ3 to compare two annotators (generator labels, classifier, LLM annotator);
// for annotators neither side is "truth", so read "truth" as "first annotator" and "predicted" as "second".

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** How many items the first (true) labeling gives this class. */
  support: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  kappa: number;
  perClass: Record<string, ClassMetrics>;
  /** confusion[i][j]: items labeled labels[i] by truth and labels[j] by the prediction. */
  confusion: number[][];
}

/** Counts with rows = true labels and columns = predicted labels, both in the order of `labels`. */
export function confusionMatrix(truth: readonly string[], predicted: readonly string[], labels: readonly string[]): number[][] {
  if (truth.length !== predicted.length) {
    throw new UsageError(`confusionMatrix: ${truth.length} true labels but ${predicted.length} predicted labels`);
  }
  const indexOf = new Map(labels.map((label, index) => [label, index]));
  if (indexOf.size !== labels.length) throw new UsageError("confusionMatrix: labels must be distinct");
  const matrix = labels.map(() => labels.map(() => 0));
  truth.forEach((label, item) => {
    const row = indexOf.get(label);
    const column = indexOf.get(predicted[item]);
    if (row === undefined || column === undefined) {
      const unknown = row === undefined ? label : predicted[item];
      throw new UsageError(`confusionMatrix: item ${item} has label "${unknown}", which is not one of: ${labels.join(", ")}`);
    }
    matrix[row][column]++;
  });
  return matrix;
}

function total(confusion: number[][]): number {
  return confusion.reduce((sum, row) => sum + row.reduce((rowSum, count) => rowSum + count, 0), 0);
}

function diagonal(confusion: number[][]): number {
  return confusion.reduce((sum, row, index) => sum + row[index], 0);
}

/** Share of items on the diagonal; NaN for an empty matrix. */
export function accuracy(confusion: number[][]): number {
  const n = total(confusion);
  return n === 0 ? NaN : diagonal(confusion) / n;
}

/**
 * Precision, recall and F1 for class `index`. A ratio with a zero denominator counts as 0, as scikit-learn's
 * default (zero_division) does, so that a class never predicted pulls macro-F1 down instead of vanishing.
 */
export function classMetrics(confusion: number[][], index: number): ClassMetrics {
  const truePositives = confusion[index][index];
  const support = confusion[index].reduce((sum, count) => sum + count, 0);
  const predictedCount = confusion.reduce((sum, row) => sum + row[index], 0);
  const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
  const recall = support === 0 ? 0 : truePositives / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support };
}

/** Per-class metrics keyed by label. */
export function perClassMetrics(confusion: number[][], labels: readonly string[]): Record<string, ClassMetrics> {
  return Object.fromEntries(labels.map((label, index) => [label, classMetrics(confusion, index)]));
}

/** Unweighted mean of the per-class F1 over all labels (scikit-learn's f1_score(average="macro") with all labels). */
export function macroF1(confusion: number[][]): number {
  if (confusion.length === 0) return NaN;
  return confusion.reduce((sum, _row, index) => sum + classMetrics(confusion, index).f1, 0) / confusion.length;
}

/**
 * Cohen's kappa: (p_o - p_e) / (1 - p_e), with p_o the observed agreement (accuracy) and
 * p_e = sum_k (row_k / n) * (column_k / n) the agreement expected from the two marginals alone.
 * NaN when p_e = 1 (both labelings use one and the same class only), as scikit-learn's cohen_kappa_score.
 */
export function cohensKappa(confusion: number[][]): number {
  const n = total(confusion);
  if (n === 0) return NaN;
  const observed = diagonal(confusion) / n;
  let expected = 0;
  confusion.forEach((row, index) => {
    const rowTotal = row.reduce((sum, count) => sum + count, 0);
    const columnTotal = confusion.reduce((sum, other) => sum + other[index], 0);
    expected += (rowTotal / n) * (columnTotal / n);
  });
  return expected === 1 ? NaN : (observed - expected) / (1 - expected);
}

/** Every metric at once, from two parallel label lists. */
export function classificationReport(
  truth: readonly string[],
  predicted: readonly string[],
  labels: readonly string[],
): ClassificationReport {
  const confusion = confusionMatrix(truth, predicted, labels);
  return {
    n: truth.length,
    accuracy: accuracy(confusion),
    macroF1: macroF1(confusion),
    kappa: cohensKappa(confusion),
    perClass: perClassMetrics(confusion, labels),
    confusion,
  };
}
