import { STRATEGY_LABELS } from "../data/types";
import { DataError } from "../errors";
import { SIMULATED_LABEL, FONT_FAMILY } from "./figure-spec";
import { escapeHtml } from "../text/escape-html";
import { STRATEGY_GROUPS, strategyColor } from "./palette";
import { speakerName } from "./text-figure";

export interface CaseStudyTurn {
  speaker: string;
  text: string;
  /** Supporter strategy; the turn is shaded in this strategy's colour. */
  strategy?: string;
}

export interface CaseStudyDialogue {
  title: string;
  turns: CaseStudyTurn[];
}

export interface CaseStudyInput {
  left: CaseStudyDialogue;
  right: CaseStudyDialogue;
  simulated: boolean;
  /** Heading above both columns. */
  title?: string;
  /** Caption under the figure. */
  caption?: string;
}

function renderTurn(turn: CaseStudyTurn): string {
  const speaker = `<b>${escapeHtml(speakerName(turn.speaker))}:</b>`;
  const text = escapeHtml(turn.text);
  if (!turn.strategy) return `<p class="pt-turn">${speaker} ${text}</p>`;
  const color = strategyColor(turn.strategy);
  return (
    `<p class="pt-turn pt-strategy" style="background:${color}">${speaker} ${text}` +
    ` <span class="pt-tag">${escapeHtml(turn.strategy)}</span></p>`
  );
}

function checkDialogue(dialogue: CaseStudyDialogue, side: string): void {
  if (!dialogue || typeof dialogue.title !== "string" || !Array.isArray(dialogue.turns)) {
    throw new DataError("dialogue needs a title and a list of turns", { record: "caseStudyHtml", field: side });
  }
  dialogue.turns.forEach((turn, index) => {
    if (typeof turn.speaker !== "string" || typeof turn.text !== "string") {
      throw new DataError("turn needs a speaker and a text", { record: "caseStudyHtml", field: `${side}.turns[${index}]` });
    }
  });
}

const STYLE = `
.pt-case { font-family: ${FONT_FAMILY}; font-size: 13px; color: #222; max-width: 1100px; background: white; padding: 12px; }
.pt-case h2 { font-size: 17px; margin: 0 0 8px 0; }
.pt-case .pt-simulated { color: #b00020; background: #ffebee; border: 1px solid #b00020; padding: 4px 8px; font-weight: bold; display: inline-block; margin-bottom: 8px; }
.pt-case .pt-columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
@media (max-width: 560px) { .pt-case .pt-columns { grid-template-columns: 1fr; } }
.pt-case .pt-column h3 { font-size: 14px; margin: 0 0 6px 0; padding-bottom: 4px; border-bottom: 2px solid #444; }
.pt-case .pt-turn { margin: 0 0 6px 0; padding: 4px 6px; line-height: 1.4; border-radius: 3px; }
.pt-case .pt-tag { font-size: 10px; color: #444; border: 1px solid #888; border-radius: 3px; padding: 0 3px; }
.pt-case .pt-legend { margin: 4px 0 10px 0; }
.pt-case .pt-legend span { display: inline-block; padding: 2px 6px; margin: 0 6px 4px 0; border-radius: 3px; font-size: 12px; }
.pt-case .pt-groups { font-size: 11px; color: #444; margin: 0 0 8px 0; }
.pt-case .pt-groups span { padding: 1px 5px; border-radius: 3px; }
.pt-case .pt-caption { font-size: 12px; color: #444; margin-top: 8px; }
`;

/**
 * Two dialogues side by side, each supporter turn shaded by its strategy (RQ3 case study, Figure 10).
 * Returns an HTML fragment with its own scoped style: show it with tslab.display.html or export it
 * with exportHtmlDocument.
 */
export function caseStudyHtml(input: CaseStudyInput): string {
  checkDialogue(input.left, "left");
  checkDialogue(input.right, "right");
  // Legend in the paper's strategy order (Appendix G), any other label after those.
  const rank = (strategy: string) => {
    const index = (STRATEGY_LABELS as readonly string[]).indexOf(strategy);
    return index < 0 ? STRATEGY_LABELS.length : index;
  };
  const used = [...new Set([...input.left.turns, ...input.right.turns].map((turn) => turn.strategy).filter((s): s is string => !!s))].sort(
    (a, b) => rank(a) - rank(b),
  );
  const legend = used.length
    ? `<div class="pt-legend">${used.map((s) => `<span style="background:${strategyColor(s)}">${escapeHtml(s)}</span>`).join("")}</div>` +
      `<div class="pt-groups">${STRATEGY_GROUPS.map((group) => `<span style="background:${group.color}">${escapeHtml(group.name)}</span>`).join(" ")} (the paper's groups, Figure 10)</div>`
    : "";
  const column = (dialogue: CaseStudyDialogue) =>
    `<div class="pt-column"><h3>${escapeHtml(dialogue.title)}</h3>${dialogue.turns.map(renderTurn).join("\n")}</div>`;
  return [
    `<div class="pt-case">`,
    `<style>${STYLE}</style>`,
    input.simulated ? `<div class="pt-simulated">${escapeHtml(SIMULATED_LABEL)}</div>` : "",
    input.title ? `<h2>${escapeHtml(input.title)}</h2>` : "",
    legend,
    `<div class="pt-columns">${column(input.left)}${column(input.right)}</div>`,
    input.caption ? `<div class="pt-caption">${escapeHtml(input.caption)}</div>` : "",
    `</div>`,
  ]
    .filter(Boolean)
    .join("\n");
}
