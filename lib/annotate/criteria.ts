import { JUDGE_CRITERIA, type JudgeCriterion } from "../prompts/parse-judgement";

/** The five criteria of the paper's Section 6.2, with its definitions (shown to annotators on every pair). */
export const CRITERION_DEFINITIONS: Readonly<Record<JudgeCriterion, string>> = {
  Suggestion: "How effectively the supporter provided helpful advice.",
  Consistency: "Whether participants consistently maintained their roles and exhibit coherent behavior.",
  Comforting: "The supporter's ability to provide emotional support to the seeker.",
  Identification: "Which supporter delved deeper into the seeker's situation and was more effective in identifying issues.",
  Overall: "The overall performance of the two dialogues.",
};

export const ANNOTATION_CRITERIA: readonly JudgeCriterion[] = JUDGE_CRITERIA;

/** What an annotator answers, as shown on screen: the left dialogue is better, a tie, or the right one. */
export const ANSWERS = ["left", "tie", "right"] as const;
export type Answer = (typeof ANSWERS)[number];

/** A judgement from the with-persona ("first") dialogue's side. */
export type Outcome = "win" | "tie" | "loss";

export function isAnswer(value: unknown): value is Answer {
  return typeof value === "string" && (ANSWERS as readonly string[]).includes(value);
}

export function isCriterion(value: unknown): value is JudgeCriterion {
  return typeof value === "string" && (JUDGE_CRITERIA as readonly string[]).includes(value);
}

/**
 * The outcome from the with-persona ("first") dialogue's side: `swapped` means the first dialogue was shown on
 * the right. This is the only place a screen answer is mapped back to the conditions.
 */
export function outcomeOfAnswer(answer: Answer, swapped: boolean): Outcome {
  if (answer === "tie") return "tie";
  const firstSide: Answer = swapped ? "right" : "left";
  return answer === firstSide ? "win" : "loss";
}
