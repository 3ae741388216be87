import { DataError } from "../errors";
import { checkGrid } from "./check-input";
import { abbreviationKey, STRATEGY_ABBREVIATIONS } from "./strategy-abbreviations";
import { axis, baseLayout, checkFigureSpec, DEFAULT_CONFIG, escapeLabel, requireTitle, withChartKind, type FigureSpec, type PlotlyAnnotation } from "./figure-spec";

export interface ConfusionMatrixInput {
  /** Class labels, in the same order for rows (gold) and columns (predicted). */
  labels: string[];
  /** matrix[gold][predicted] = count of items. */
  matrix: number[][];
  title: string;
  simulated: boolean;
  /** "row": colour by the share of each row (recall view), cells show the count over the share; default "none". */
  normalize?: "none" | "row";
  /** What the rows and columns are, e.g. "generator label" and "classifier label"; default "human label" / "classifier label". */
  rowTitle?: string;
  columnTitle?: string;
  /**
   * Short axis labels per label (e.g. "R/P" for "Restatement or Paraphrasing"), keyed in the figure's note and so in
   * its caption. Default: the ESConv strategy abbreviations when any label is longer than 12 characters and every
   * label has one (the 8 x 8 strategy matrix); `false` keeps the full labels.
   */
  shortLabels?: Readonly<Record<string, string>> | false;
}

/** Labels longer than this make the default strategy abbreviations apply. */
const LONG_LABEL = 12;

/** The short label of each label, or undefined when the full labels are drawn. */
function shortLabelsFor(labels: readonly string[], chosen: ConfusionMatrixInput["shortLabels"]): Readonly<Record<string, string>> | undefined {
  if (chosen === false) return undefined;
  if (chosen) {
    const missing = labels.find((label) => !chosen[label]);
    if (missing !== undefined) throw new DataError(`no short label for "${missing}"`, { record: "confusionMatrixHeatmap", field: "shortLabels" });
    return chosen;
  }
  const long = labels.some((label) => label.length > LONG_LABEL);
  return long && labels.every((label) => STRATEGY_ABBREVIATIONS[label]) ? STRATEGY_ABBREVIATIONS : undefined;
}

const BLUES: [number, string][] = [
  [0, "#f7fbff"],
  [0.25, "#c6dbef"],
  [0.5, "#6baed6"],
  [0.75, "#2171b5"],
  [1, "#08306b"],
];

/** Row-label x column-label counts as an annotated heatmap (classifier evaluation, generator vs classifier). */
export function confusionMatrixHeatmap(input: ConfusionMatrixInput): FigureSpec {
  const chart = "confusionMatrixHeatmap";
  requireTitle(input.title, chart);
  checkGrid(chart, ["labels", input.labels], ["labels", input.labels], { matrix: input.matrix });
  input.matrix.forEach((row, r) =>
    row.forEach((count, c) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new DataError(`count ${count} is not a non-negative integer`, { record: chart, field: `matrix[${r}][${c}]` });
      }
    }),
  );
  const normalize = input.normalize ?? "none";
  const rowTitle = input.rowTitle ?? "human label";
  const columnTitle = input.columnTitle ?? "classifier label";
  // Long strategy names on an 8 x 8 grid are drawn as short labels, level, with their key under the title.
  const short = shortLabelsFor(input.labels, input.shortLabels);
  const labels = input.labels.map((label) => escapeLabel(short ? short[label] : label));
  const shares = input.matrix.map((row) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return row.map((count) => (total > 0 ? count / total : 0));
  });
  const z = normalize === "row" ? shares : input.matrix;
  const maximum = Math.max(...z.flat());

  const annotations: PlotlyAnnotation[] = [];
  input.matrix.forEach((row, r) =>
    row.forEach((count, c) => {
      // Count over share on two short lines: "161 (84%)" on one line overflows a cell once there are 8 classes.
      const text = normalize === "row" ? `${count}<br>${Math.round(shares[r][c] * 100)}%` : String(count);
      annotations.push({
        text,
        x: labels[c],
        y: labels[r],
        xref: "x",
        yref: "y",
        showarrow: false,
        font: { size: normalize === "row" ? 11 : 12, color: maximum > 0 && z[r][c] / maximum > 0.55 ? "white" : "#111" },
      });
    }),
  );
  const total = input.matrix.flat().reduce((sum, count) => sum + count, 0);
  const correct = input.matrix.reduce((sum, row, index) => sum + row[index], 0);
  const accuracy = total > 0 ? ` (accuracy ${(100 * correct / total).toFixed(1)}%, n=${total})` : "";

  const spec: FigureSpec = {
    data: [
      {
        type: "heatmap",
        name: normalize === "row" ? "Share of row" : "Count",
        x: labels,
        y: labels,
        z,
        zmin: 0,
        colorscale: BLUES,
        colorbar: { title: { text: normalize === "row" ? "share" : "count" }, ...(normalize === "row" ? { tickformat: ".0%" } : {}) },
        xgap: 1,
        ygap: 1,
        hovertemplate: `${escapeLabel(rowTitle)} %{y}<br>${escapeLabel(columnTitle)} %{x}<br>%{z}<extra></extra>`,
      },
    ],
    layout: baseLayout(input.title + accuracy, input.simulated, {
      width: 820,
      height: 740,
      showlegend: false,
      annotations,
      xaxis: axis(columnTitle, { tickangle: short ? 0 : -35, side: "bottom" }),
      yaxis: axis(rowTitle, { autorange: "reversed" }),
      margin: { l: 60, r: 40, t: input.simulated ? 110 : 80, b: 60 },
    }),
    config: DEFAULT_CONFIG,
  };
  // The key to the short labels: grey under the title (fitLayout keeps it in the title block) and in the caption.
  if (short) spec.layout.title = { ...spec.layout.title, subtitle: { text: escapeLabel(abbreviationKey(input.labels, short)), font: { size: 12, color: "#555" } } };
  return checkFigureSpec({ ...spec, layout: withChartKind(spec.layout, chart) }, chart);
}
