import { DataError } from "../errors";
import { chartSpec, escapeLabel, requireTitle, type FigureSpec, type PlotlyAnnotation, type PlotlyTrace } from "./figure-spec";
import { dimensionAxis, scoreAxis, scoreComparisonParts, type DimensionTest, type ScoreComparisonInput } from "./score-comparison";

/** One model's comparison: its name (shown over its panel) and its scores and tests. */
export interface ScoreComparisonPanel {
  name: string;
  original: Record<string, number[]>;
  extracted: Record<string, number[]>;
  tests?: Record<string, DimensionTest>;
}

export interface ScoreComparisonPanelsInput extends Omit<ScoreComparisonInput, "original" | "extracted" | "tests"> {
  /** One panel per model, left to right, in this order. */
  panels: readonly ScoreComparisonPanel[];
}

/** Top of the plots (paper fraction): the band above holds each panel's model name, under the title block. */
const PLOT_TOP = 0.85;
/** Gap between panels (fraction of the plot width): room for the left panel's significance marks. */
const PANEL_GAP = 0.09;

/**
 * Original vs re-extracted scores of several models side by side (the paper's Figures 5-7, or 19-21, as one figure):
 * one panel per model, all on one shared dimension axis (labelled once, at the left) and one fixed score scale, each
 * panel headed by its model's name and n, each dimension marked at its panel's right edge. The key to the marks is
 * under the title. Its print layout is the page width (`scoreComparisonPanels`).
 */
export function scoreComparisonPanels(input: ScoreComparisonPanelsInput): FigureSpec {
  const chart = "scoreComparisonPanels";
  requireTitle(input.title, chart);
  if (!Array.isArray(input.panels) || input.panels.length === 0) throw new DataError("at least one panel is needed", { record: chart, field: "panels" });
  const count = input.panels.length;
  const width = (1 - PANEL_GAP * (count - 1)) / count;
  const range = input.yRange;
  const data: PlotlyTrace[] = [];
  const annotations: PlotlyAnnotation[] = [];
  const axes: Record<string, unknown> = {};
  const notes = new Set<string>();
  let categories: string[] = [];
  let tickText: string[] = [];
  input.panels.forEach((panel, index) => {
    if (!panel || typeof panel.name !== "string" || !panel.name.trim()) throw new DataError("a panel needs a model name", { record: chart, field: `panels[${index}].name` });
    const parts = scoreComparisonParts({ ...input, original: panel.original, extracted: panel.extracted, tests: panel.tests }, `${chart} panel "${panel.name}"`);
    const axisId = index === 0 ? "x" : `x${index + 1}`;
    const last = index === count - 1;
    for (const trace of parts.data) data.push({ ...trace, xaxis: axisId, yaxis: "y", showlegend: index === 0 });
    // The last panel's marks sit right of the plot area (fitLayout keeps a margin there); the others in the gap.
    for (const mark of parts.marks) annotations.push(last ? mark : { ...mark, xref: `${axisId} domain` });
    // The n goes in the heading when one n holds for the panel; several n stay beside the dimensions, as in one panel.
    const n = parts.ns.length === 1 ? ` (n = ${parts.ns[0]})` : "";
    annotations.push({ text: `${escapeLabel(panel.name)}${n}`, xref: `${axisId} domain`, x: 0.5, xanchor: "center", yref: "paper", y: PLOT_TOP, yanchor: "bottom", yshift: 2, showarrow: false, font: { size: 13, color: "#000" } });
    // One key for all panels: the test and the left-out scores; the n is per panel.
    for (const note of parts.noteParts.filter((part) => !/^n = /.test(part))) notes.add(note);
    if (index === 0) {
      categories = parts.categories;
      tickText = parts.tickText;
    }
    const start = index * (width + PANEL_GAP);
    axes[index === 0 ? "xaxis" : `xaxis${index + 1}`] = scoreAxis(input.yTitle ?? "Score", range, { anchor: "y", domain: [start, last ? 1 : start + width] });
  });
  if (notes.size) {
    // A note above the plot joins the title block in print (fitLayout): never on the panels or their names.
    annotations.push({ text: `${[...notes].join(". ")}.`, xref: "paper", yref: "paper", x: 0, y: 1, xanchor: "left", yanchor: "bottom", yshift: 40, showarrow: false, font: { size: 11, color: "#444" } });
  }
  return chartSpec(chart, data, input.title, input.simulated, {
    width: Math.max(900, 420 * count),
    showlegend: true,
    legend: { traceorder: "normal", orientation: "h", x: 0, xanchor: "left", y: -0.12, yanchor: "top" },
    [input.kind === "box" ? "boxmode" : "violinmode"]: "group",
    ...axes,
    yaxis: dimensionAxis(input.xTitle ?? "Dimension", categories, tickText, { domain: [0, PLOT_TOP] }),
    annotations,
    margin: { l: 80, r: 40, t: input.simulated ? 150 : 120, b: 110 },
  });
}
