import type { StrategyLabel, Turn } from "../data/types";
import { loadOrTrainStrategyClassifier, type LoadOrTrainOptions } from "./load-or-train";
import type { StrategyClassifier, StrategyPrediction } from "./strategy-classifier";

/** The annotators RQ3 can compare; this module implements "classifier". */
export const ANNOTATORS = ["generator labels", "classifier", "LLM annotator"] as const;
export type Annotator = (typeof ANNOTATORS)[number];

export interface TurnAnnotation extends StrategyPrediction {
  /** Index of the supporter turn in the dialogue's turns. */
  turnIndex: number;
}

/**
 * The "classifier" annotator for RQ3: a strategy for every supporter turn of one dialogue, from its text and
 * the seeker's preceding words only (any strategy labels already on the turns are ignored). Seeker turns get
 * no annotation. Pass `classifier` to skip the load (or first-use training) when annotating many dialogues.
 */
export async function classifyDialogueTurns(
  dialogueTurns: readonly Pick<Turn, "speaker" | "text">[],
  classifier?: StrategyClassifier,
  options: LoadOrTrainOptions = {},
): Promise<TurnAnnotation[]> {
  const model = classifier ?? (await loadOrTrainStrategyClassifier(options));
  const annotations: TurnAnnotation[] = [];
  model.classifyDialogue(dialogueTurns).forEach((prediction, turnIndex) => {
    if (prediction) annotations.push({ turnIndex, ...prediction });
  });
  return annotations;
}

/** The labels a dialogue's generator (or ESConv's annotators) put on its supporter turns, in the same shape. */
export function generatorTurnLabels(
  dialogueTurns: readonly Pick<Turn, "speaker" | "strategy">[],
): { turnIndex: number; label: StrategyLabel | undefined }[] {
  return dialogueTurns.flatMap((turn, turnIndex) =>
    turn.speaker === "supporter" ? [{ turnIndex, label: turn.strategy }] : [],
  );
}
