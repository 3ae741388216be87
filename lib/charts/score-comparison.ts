import { DataError } from "../errors";
import { checkLabels } from "./check-input";
import { axis, baseLayout, checkFigureSpec, DEFAULT_CONFIG, escapeLabel, requireTitle, type FigureSpec, type PlotlyAnnotation, type PlotlyTrace } from "./figure-spec";

export interface ScoreComparisonInput {
  /** Dimensions in display order, e.g. the six HEXACO domains. */
  dimensions: string[];
  /** Scores of the original personas per dimension. */
  original: Record<string, number[]>;
  /** Scores of the personas re-extracted from the generated dialogues, per dimension. */
  extracted: Record<string, number[]>;
  title: string;
  kind: "box" | "violin";
  simulated: boolean;
  /** Legend names of the two series. */
  seriesNames?: { original: string; extracted: string };
  xTitle?: string;
  yTitle?: string;
  /** Fixed y range, e.g. [1, 5] for inventory scores on a 5-point scale; auto when absent. */
  yRange?: [number, number];
}

export const ORIGINAL_COLOR = "#1f77b4";
export const EXTRACTED_COLOR = "#ff7f0e";

/**
 * Original vs re-extracted scores, two boxes (or violins) side by side per dimension (RQ2, Figures 5-7 and 19-21).
 * Invalid (non-finite) scores are not drawn, and their number is written on the chart rather than hidden.
 */
export function scoreComparisonBoxes(input: ScoreComparisonInput): FigureSpec {
  const chart = "scoreComparisonBoxes";
  requireTitle(input.title, chart);
  checkLabels(input.dimensions, chart, "dimensions");
  if (input.kind !== "box" && input.kind !== "violin") {
    throw new DataError(`kind must be "box" or "violin", got ${String(input.kind)}`, { record: chart, field: "kind" });
  }
  const names = input.seriesNames ?? { original: "Original persona", extracted: "Extracted from dialogue" };
  let omitted = 0;

  const series = (values: Record<string, number[]>, which: "original" | "extracted", name: string, color: string): PlotlyTrace => {
    const x: string[] = [];
    const y: number[] = [];
    for (const dimension of input.dimensions) {
      const scores = values?.[dimension];
      if (!Array.isArray(scores)) {
        throw new DataError(`no scores for dimension "${dimension}"`, { record: chart, field: `${which}.${dimension}` });
      }
      for (const score of scores) {
        if (typeof score === "number" && Number.isFinite(score)) {
          x.push(escapeLabel(dimension));
          y.push(score);
        } else {
          omitted += 1;
        }
      }
    }
    const common = { name, x, y, legendgroup: which, offsetgroup: which, marker: { color }, line: { color } };
    return input.kind === "box"
      ? { type: "box", ...common, boxmean: true, boxpoints: "outliers" }
      : { type: "violin", ...common, box: { visible: true }, meanline: { visible: true }, points: false, spanmode: "hard" };
  };

  const data = [series(input.original, "original", names.original, ORIGINAL_COLOR), series(input.extracted, "extracted", names.extracted, EXTRACTED_COLOR)];
  const notes: PlotlyAnnotation[] = omitted
    ? [
        {
          text: `${omitted} invalid score${omitted === 1 ? "" : "s"} (unparseable answers) not drawn`,
          xref: "paper",
          yref: "paper",
          x: 0,
          y: -0.2,
          xanchor: "left",
          yanchor: "top",
          showarrow: false,
          font: { size: 11, color: "#555" },
        },
      ]
    : [];
  const spec: FigureSpec = {
    data,
    layout: baseLayout(input.title, input.simulated, {
      showlegend: true,
      [input.kind === "box" ? "boxmode" : "violinmode"]: "group",
      xaxis: axis(input.xTitle ?? "Dimension", { type: "category" }),
      yaxis: axis(input.yTitle ?? "Score", { zeroline: false, ...(input.yRange ? { range: input.yRange } : {}) }),
      annotations: notes,
    }),
    config: DEFAULT_CONFIG,
  };
  return checkFigureSpec(spec, chart);
}
