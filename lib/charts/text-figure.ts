import { escapeHtml } from "../text/escape-html";
import { SIMULATED_LABEL } from "./figure-spec";

/**
 * The serif stack of the print export (Liberation Serif, metric-compatible with Times): text figures are set like the
 * paper's own text, and the PDF embeds the font.
 */
export const TEXT_FIGURE_FONT = "'Liberation Serif', 'Times New Roman', 'TeX Gyre Termes', serif";

/**
 * Sizes in pt, so a text figure prints at the size it was set: body 8 pt, small text (labels, tags) 7 pt, the
 * smallest a printed figure may have (MINIMUM_TEXT_PT), the title 9 pt.
 */
const STYLE = `
.pt-text-figure { font-family: ${TEXT_FIGURE_FONT}; font-size: 8pt; line-height: 1.25; color: #111; background: white; padding: 3pt 4pt; box-sizing: border-box; width: 100%; overflow-wrap: anywhere; }
.pt-text-figure .pt-title { font-size: 9pt; font-weight: bold; margin: 0 0 2pt 0; }
.pt-text-figure .pt-simulated { font-size: 7pt; font-weight: bold; color: #b00020; margin: 0 0 3pt 0; }
.pt-text-figure .pt-box { border: 0.75pt solid #444; padding: 3pt 4pt; }
.pt-text-figure .pt-box-title { font-weight: bold; text-align: center; border-bottom: 0.75pt solid #444; margin: -3pt -4pt 3pt -4pt; padding: 2pt 4pt; background: #eeeeee; }
.pt-text-figure p { margin: 0 0 2.5pt 0; }
.pt-text-figure p:last-child { margin-bottom: 0; }
.pt-text-figure .pt-small { font-size: 7pt; color: #333; }
`;

/** A speaker as the paper names one in a dialogue figure: "seeker" is printed "Seeker". */
export function speakerName(speaker: string): string {
  return speaker.charAt(0).toUpperCase() + speaker.slice(1);
}

/**
 * A figure made of text (a persona card, a dialogue history) as an HTML fragment with its own scoped style: the
 * title, then the red SIMULATED line on its own (above the content, never over it), then the body. `kind` names the
 * figure kind (its print layout, PRINT_LAYOUTS) in `data-chart`. Exported like the case study (HTML, PNG, PDF).
 */
export function textFigureHtml(kind: string, title: string, simulated: boolean, body: string): string {
  return [
    `<div class="pt-text-figure" data-chart="${escapeHtml(kind)}">`,
    `<style>${STYLE}</style>`,
    `<div class="pt-title">${escapeHtml(title)}</div>`,
    simulated ? `<div class="pt-simulated">${escapeHtml(SIMULATED_LABEL)}</div>` : "",
    body,
    `</div>`,
  ]
    .filter(Boolean)
    .join("\n");
}
