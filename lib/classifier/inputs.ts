import type { StrategyLabel, Turn } from "../data/types";
import type { ClassifierInput } from "./features";

/** The classifier's inputs for one dialogue's supporter turns, with where each sits in `turns`. */
export interface DialogueInputs {
  inputs: ClassifierInput[];
  /** turnIndices[i] is the index in the dialogue's turns of inputs[i]. */
  turnIndices: number[];
  /** The turn's own strategy label (undefined where the source gives none). */
  labels: (StrategyLabel | undefined)[];
}

/**
 * One input per supporter turn. The context is the seeker's last contribution before the turn: consecutive
 * seeker turns are joined, because ESConv seekers often split one message over several turns. Labels of
 * earlier turns are never used, so the same features exist for unlabeled generated dialogues.
 */
export function dialogueInputs(turns: readonly Pick<Turn, "speaker" | "text" | "strategy">[]): DialogueInputs {
  const result: DialogueInputs = { inputs: [], turnIndices: [], labels: [] };
  let seekerRun: string[] = [];
  let previousSeekerText: string | undefined;
  let previousSpeaker: Turn["speaker"] | undefined;
  let supporterTurnIndex = 0;
  let previousSupporterText: string | undefined;
  // Inputs still waiting for the seeker's next words.
  let awaitingReply: ClassifierInput[] = [];
  turns.forEach((turn, index) => {
    if (turn.speaker === "seeker") {
      if (previousSpeaker !== "seeker") seekerRun = [];
      seekerRun.push(turn.text);
      previousSeekerText = seekerRun.join(" ");
      for (const waiting of awaitingReply) waiting.nextSeekerText = turn.text;
      awaitingReply = [];
    } else {
      const input: ClassifierInput = {
        text: turn.text,
        supporterTurnIndex: supporterTurnIndex++,
        continuesSupporterTurn: previousSpeaker === "supporter",
      };
      if (previousSeekerText !== undefined) input.previousSeekerText = previousSeekerText;
      if (previousSupporterText !== undefined) input.previousSupporterText = previousSupporterText;
      previousSupporterText = turn.text;
      awaitingReply.push(input);
      result.inputs.push(input);
      result.turnIndices.push(index);
      result.labels.push(turn.strategy);
    }
    previousSpeaker = turn.speaker;
  });
  return result;
}

/** Labeled supporter turns of many dialogues, flattened (turns without a valid label are left out and counted). */
export function labeledInputs(dialogues: readonly { turns: readonly Pick<Turn, "speaker" | "text" | "strategy">[] }[]): {
  inputs: ClassifierInput[];
  labels: StrategyLabel[];
  unlabeled: number;
} {
  const inputs: ClassifierInput[] = [];
  const labels: StrategyLabel[] = [];
  let unlabeled = 0;
  for (const dialogue of dialogues) {
    const perDialogue = dialogueInputs(dialogue.turns);
    perDialogue.inputs.forEach((input, position) => {
      const label = perDialogue.labels[position];
      if (label === undefined) {
        unlabeled++;
        return;
      }
      inputs.push(input);
      labels.push(label);
    });
  }
  return { inputs, labels, unlabeled };
}
