import type { Turn } from "../data/types";

/** The shapes in which dialogues are put into prompts. */

function speakerName(turn: Turn): "Seeker" | "Supporter" {
  return turn.speaker === "seeker" ? "Seeker" : "Supporter";
}

/**
 * The paper's history format (Figures 16 and 18): a JSON list with one object per utterance,
 * {"speaker": "Seeker/Supporter", "annotation": {"strategy": ...}, "content": ...}, one object per line.
 */
export function formatDialogueHistory(turns: Turn[]): string {
  const lines = turns.map((turn) =>
    JSON.stringify({
      speaker: speakerName(turn),
      annotation: turn.speaker === "supporter" && turn.strategy ? { strategy: turn.strategy } : {},
      content: turn.text,
    }),
  );
  return `[\n${lines.join(",\n")}\n]`;
}

/** Plain "Seeker: ..." / "Supporter: ..." lines (persona extraction, judging). */
export function formatDialogueTranscript(turns: Turn[]): string {
  return turns.map((turn) => `${speakerName(turn)}: ${turn.text.replace(/\s*\n\s*/g, " ")}`).join("\n");
}

/** For the independent annotator: {index, speaker, content}, no strategy labels. */
export function formatDialogueForAnnotation(turns: Turn[]): string {
  const lines = turns.map((turn, index) => JSON.stringify({ index, speaker: speakerName(turn), content: turn.text }));
  return `[\n${lines.join(",\n")}\n]`;
}
