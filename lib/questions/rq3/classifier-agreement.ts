import { confusionMatrixHeatmap } from "../../charts/confusion-matrix";
import { STRATEGY_LABELS, type StrategyLabel, type Turn } from "../../data/types";
import { confusionMatrix } from "../../classifier/metrics";
import type { StrategyEvaluation } from "../../classifier/evaluate";
import type { StrategyPrediction } from "../../classifier/strategy-classifier";
import { cohensKappa, type KappaResult } from "../../stats/kappa";
import type { NamedFigure } from "../../reports/analysis-output";

/** The part of the strategy classifier used here (a stub in tests). */
export interface DialogueClassifier {
  classifyDialogue(turns: readonly Pick<Turn, "speaker" | "text">[]): (StrategyPrediction | null)[];
}

export interface AgreementDialogue {
  dialogueId: string;
  condition: string;
  status?: string;
  turns: readonly Pick<Turn, "speaker" | "text" | "strategy">[];
}

export interface ClassifierAgreement {
  /** Supporter turns compared (the generator gave a label and the classifier predicted one). */
  n: number;
  /** Supporter turns the generator left unlabelled (not compared). */
  unlabelled: number;
  kappa: KappaResult;
  /** confusion[generator label][classifier label], in STRATEGY_LABELS order. */
  confusion: number[][];
  labels: readonly StrategyLabel[];
  /** Per condition: kappa and n. */
  byCondition: { condition: string; n: number; kappa: number; observedAgreement: number }[];
}

/**
 * How far the generator's own strategy labels agree with the independent strategy classifier on the supporter turns
 * of generated dialogues: Cohen's kappa overall and per condition, and the generator x classifier confusion matrix.
 */
export function classifierAgreement(dialogues: readonly AgreementDialogue[], classifier: DialogueClassifier): ClassifierAgreement {
  const pairs: { condition: string; generator: StrategyLabel; predicted: StrategyLabel }[] = [];
  let unlabelled = 0;
  for (const dialogue of dialogues) {
    if (dialogue.status === "failed") continue;
    const predictions = classifier.classifyDialogue(dialogue.turns);
    dialogue.turns.forEach((turn, index) => {
      if (turn.speaker !== "supporter") return;
      const predicted = predictions[index]?.label;
      if (!turn.strategy) unlabelled++;
      else if (predicted) pairs.push({ condition: dialogue.condition, generator: turn.strategy, predicted });
    });
  }
  const kappa = cohensKappa(pairs.map((pair) => pair.generator), pairs.map((pair) => pair.predicted));
  const conditions = [...new Set(pairs.map((pair) => pair.condition))];
  return {
    n: pairs.length,
    unlabelled,
    kappa,
    confusion: confusionMatrix(pairs.map((pair) => pair.generator), pairs.map((pair) => pair.predicted), STRATEGY_LABELS),
    labels: STRATEGY_LABELS,
    byCondition: conditions.map((condition) => {
      const subset = pairs.filter((pair) => pair.condition === condition);
      const result = cohensKappa(subset.map((pair) => pair.generator), subset.map((pair) => pair.predicted));
      return { condition, n: result.n, kappa: result.kappa, observedAgreement: result.observedAgreement };
    }),
  };
}

/** The generator x classifier confusion matrix of generated dialogues as a heatmap. */
export function agreementFigure(agreement: ClassifierAgreement, simulated: boolean): NamedFigure {
  return {
    name: "rq3-generator-vs-classifier",
    spec: confusionMatrixHeatmap({
      labels: [...agreement.labels],
      matrix: agreement.confusion,
      title: `Generator labels vs classifier, kappa ${Number.isFinite(agreement.kappa.kappa) ? agreement.kappa.kappa.toFixed(3) : "n/a"}`,
      simulated,
      normalize: "row",
      rowTitle: "generator label",
      columnTitle: "classifier label",
    }),
  };
}

/** The classifier's own evaluation on ESConv (human labels x predictions) as a heatmap; real data, never simulated. */
export function evaluationFigure(evaluation: StrategyEvaluation): NamedFigure {
  return {
    name: "rq3-classifier-confusion-esconv",
    spec: confusionMatrixHeatmap({
      labels: [...STRATEGY_LABELS],
      matrix: evaluation.confusion,
      title: `Strategy classifier on ESConv ${evaluation.split}, kappa ${evaluation.kappa.toFixed(3)}`,
      simulated: false,
      normalize: "row",
      rowTitle: "human label (ESConv)",
      columnTitle: "classifier label",
    }),
  };
}
