import { DataError } from "../errors";
import { axis, chartSpec, escapeLabel, requireTitle, type FigureSpec, type PlotlyTrace } from "./figure-spec";
import { seriesColor } from "./palette";

export interface PcaPoint {
  x: number;
  y: number;
  condition: string;
  /** Shown on hover, e.g. the persona or dialogue id. */
  label?: string;
}

export interface PcaScatterInput {
  points: PcaPoint[];
  /** Share of variance explained by PC1 and PC2, as fractions in [0, 1]. */
  explained: [number, number];
  title: string;
  simulated: boolean;
  /** Order of the conditions in the legend; defaults to first appearance. */
  conditions?: string[];
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Marker symbols by condition, in order (filled shapes first). */
const CONDITION_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star", "triangle-down"];

/** 2D PCA projection of the six HEXACO scores, one colour per condition (RQ2 ablation, Figure 8). */
export function pcaScatter(input: PcaScatterInput): FigureSpec {
  const chart = "pcaScatter";
  requireTitle(input.title, chart);
  if (!Array.isArray(input.points) || input.points.length === 0) {
    throw new DataError("needs at least one point", { record: chart, field: "points" });
  }
  input.explained.forEach((fraction, index) => {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new DataError(`explained variance ${fraction} is not a fraction in [0, 1]`, { record: chart, field: `explained[${index}]` });
    }
  });
  input.points.forEach((point, index) => {
    if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) {
      throw new DataError("point has a non-finite coordinate", { record: `${chart} point ${index}`, field: "x/y" });
    }
  });
  const order = input.conditions ?? [...new Set(input.points.map((point) => point.condition))];
  const unknown = input.points.find((point) => !order.includes(point.condition));
  if (unknown) throw new DataError(`condition "${unknown.condition}" is not in conditions`, { record: chart, field: "points.condition" });

  const data: PlotlyTrace[] = order.map((condition, index) => {
    const members = input.points.filter((point) => point.condition === condition);
    return {
      type: "scatter",
      mode: "markers",
      name: `${escapeLabel(condition)} (n=${members.length})`,
      x: members.map((point) => point.x),
      y: members.map((point) => point.y),
      text: members.map((point) => escapeLabel(point.label ?? "")),
      // A symbol per condition as well as a colour: conditions stay apart in grey print and for colour-blind readers.
      marker: { color: seriesColor(index), symbol: CONDITION_SYMBOLS[index % CONDITION_SYMBOLS.length], size: 7, opacity: 0.75, line: { width: 0.5, color: "white" } },
      hovertemplate: "%{text}<br>PC1 %{x:.2f}, PC2 %{y:.2f}<extra>" + escapeLabel(condition) + "</extra>",
    };
  });
  return chartSpec(chart, data, input.title, input.simulated, {
    width: 800,
    height: 640,
    showlegend: true,
    xaxis: axis(`PC1 (${percent(input.explained[0])} of variance)`, { zeroline: true, zerolinecolor: "#ccc", gridcolor: "#eee" }),
    yaxis: axis(`PC2 (${percent(input.explained[1])} of variance)`, { zeroline: true, zerolinecolor: "#ccc", gridcolor: "#eee", scaleanchor: "x", scaleratio: 1 }),
  });
}
