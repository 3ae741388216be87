import type { ChatMessage } from "../llm/types";

const CONDITION_ANSWER = "Reply with only your answer in the form the task asked for (one number or one label of the scale it gave) and nothing else.";

const FORMATS: Record<string, string> = {
  "answer-statement": "Reply with a single number from 1 to 5 (5=strongly agree, 4=agree, 3=neutral, 2=disagree, 1=strongly disagree) and nothing else.",
  "answer-statement-de": "Antworten Sie nur mit einer einzigen Zahl von 1 bis 5 (5=stimme voll und ganz zu, 4=stimme zu, 3=neutral, 2=stimme nicht zu, 1=stimme überhaupt nicht zu) und nichts anderem.",
  // The condition templates (lib/prompts/condition-prompt.ts) ask for digits or labels in either listing order.
  "answer-statement-scaled": CONDITION_ANSWER,
  "answer-statement-paraphrase-1": CONDITION_ANSWER,
  "answer-statement-paraphrase-2": CONDITION_ANSWER,
  "extract-persona": 'Reply with only one JSON object with the keys "age", "gender", "occupation", "description" and "problem", with no other text and no code fences.',
  "extract-persona-from-dialogue": 'Reply with only one JSON object with the keys "age", "gender", "occupation", "description" and "problem", with no other text and no code fences.',
  "describe-traits": "Reply with only one JSON object that maps each of the six indicator names to one sentence, with no other text and no code fences.",
  "filter-persona": 'Reply with only one JSON object {"keep": true or false, "reason": "one sentence"}, with no other text.',
  "expand-persona": 'Reply with only one JSON object with the keys "age", "gender", "occupation", "description", "hexaco" (six indicator statements) and "csi" (six indicator statements), with no other text.',
  "continue-with-traits": 'Reply with only a JSON list of utterances {"speaker": "Seeker" or "Supporter", "strategy": one of the 8 strategy names (Supporter only), "content": "..."}, with no other text.',
  "continue-without-traits": 'Reply with only a JSON list of utterances {"speaker": "Seeker" or "Supporter", "strategy": one of the 8 strategy names (Supporter only), "content": "..."}, with no other text.',
  "generate-dialogue": 'Reply with only a JSON list of utterances {"speaker": "Seeker" or "Supporter", "strategy": one of the 8 strategy names (Supporter only), "content": "..."}, with no other text.',
  "annotate-strategies": 'Reply with only a JSON list {"index": <utterance index>, "strategy": one of the 8 strategy names}, one entry per Supporter utterance, with no other text.',
  "role-play-seeker": 'Reply with only one JSON object {"content": "your utterance", "end": true or false}, with no other text.',
  "role-play-supporter": 'Reply with only one JSON object {"strategy": one of the 8 strategy names, "content": "your reply"}, with no other text.',
  "judge-pair": 'Reply with only one JSON object {"Suggestion": "A|B|tie", "Consistency": "A|B|tie", "Comforting": "A|B|tie", "Identification": "A|B|tie", "Overall": "A|B|tie"}, with no other text.',
};

/** Marks the repair turn so a reader of a transcript (and the offline simulator) can tell a retry apart. */
export const REPAIR_PREFIX = "Your previous answer could not be used";

/** The follow-up user message for the single retry after a malformed answer. */
export function repairInstruction(promptId: string, reason: string): string {
  const format = FORMATS[promptId] ?? "Reply again in exactly the format the task asked for, with no other text.";
  return `${REPAIR_PREFIX} (${reason}). ${format}`;
}

/** The retry conversation: the original prompt, the malformed answer, and the repair instruction. */
export function repairMessages(original: ChatMessage[], previousAnswer: string, promptId: string, reason: string): ChatMessage[] {
  return [...original, { role: "assistant", content: previousAnswer }, { role: "user", content: repairInstruction(promptId, reason) }];
}
