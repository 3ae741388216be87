import { DataError } from "../errors";
import { escapeHtml } from "../text/escape-html";
import { requireTitle } from "./figure-spec";
import { speakerName, textFigureHtml } from "./text-figure";

export interface DialogueHistoryTurn {
  speaker: string;
  text: string;
  /** The supporter's strategy, when the source labels it; printed small after the turn, never as colour alone. */
  strategy?: string;
}

export interface DialogueHistoryInput {
  turns: readonly DialogueHistoryTurn[];
  title: string;
  simulated: boolean;
  /** The box's heading; default "Historical Dialogue", as the paper's Figure 23. */
  heading?: string;
  /** Show each supporter turn's strategy (default true). */
  strategies?: boolean;
}

/**
 * A dialogue as the paper prints its case-study history (Figure 23): one paragraph per turn, the speaker in bold,
 * the supporter's strategy in small grey brackets after the turn. Returns an HTML fragment whose text wraps to any
 * width; its print layout is the page width (`dialogueHistory`).
 */
export function dialogueHistoryHtml(input: DialogueHistoryInput): string {
  requireTitle(input.title, "dialogueHistoryHtml");
  if (!Array.isArray(input.turns) || input.turns.length === 0) {
    throw new DataError("a dialogue history needs at least one turn", { record: "dialogueHistoryHtml", field: "turns" });
  }
  const showStrategies = input.strategies ?? true;
  const paragraphs = input.turns.map((turn, index) => {
    if (!turn || typeof turn.speaker !== "string" || typeof turn.text !== "string") {
      throw new DataError("a turn needs a speaker and a text", { record: "dialogueHistoryHtml", field: `turns[${index}]` });
    }
    const strategy = showStrategies && turn.strategy ? ` <span class="pt-small">[${escapeHtml(turn.strategy)}]</span>` : "";
    return `<p><b>${escapeHtml(speakerName(turn.speaker))}:</b> ${escapeHtml(turn.text)}${strategy}</p>`;
  });
  const body = [`<div class="pt-box">`, `<div class="pt-box-title">${escapeHtml(input.heading ?? "Historical Dialogue")}</div>`, ...paragraphs, `</div>`].join("\n");
  return textFigureHtml("dialogueHistory", input.title, input.simulated, body);
}
