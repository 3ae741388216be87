import { DataError } from "../errors";
import { checkLabels } from "./check-input";
import { axis, chartSpec, escapeLabel, requireTitle, type FigureSpec, type PlotlyAnnotation, type PlotlyTrace } from "./figure-spec";

/** A per-dimension paired test of original vs extracted: its n and the (adjusted) p-value that sets the mark. */
export interface DimensionTest {
  n: number;
  p: number;
}

/** "***" p < .001, "**" p < .01, "*" p < .05, "ns" otherwise (and "n/a" when no test was possible). */
export function significanceMark(p: number): string {
  if (!Number.isFinite(p)) return "n/a";
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "ns";
}

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
  /** Fixed score range, e.g. [1, 5] for inventory scores on a 5-point scale; auto when absent. */
  yRange?: [number, number];
  /** Per dimension, the paired test whose p-value sets the mark beside the boxes (and its n). */
  tests?: Record<string, DimensionTest>;
  /** Which test and adjustment the marks are, e.g. "Wilcoxon signed-rank, Holm-adjusted over 6 domains". */
  testNote?: string;
}

export const ORIGINAL_COLOR = "#1f77b4";
export const EXTRACTED_COLOR = "#ff7f0e";

/** The score axis: no zero line, light grid, the fixed range with 5% room either side (whole-number ticks). */
export function scoreAxis(title: string, range: [number, number] | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return axis(title, {
    ...extra,
    zeroline: false,
    gridcolor: "#eee",
    ...(range ? { range: [range[0] - 0.05 * (range[1] - range[0]), range[1] + 0.05 * (range[1] - range[0])], dtick: 1 } : {}),
  });
}

/** The dimension axis: the dimensions as categories, top to bottom in the given order, with their tick labels. */
export function dimensionAxis(title: string, categories: string[], tickText: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return axis(title, { type: "category", categoryorder: "array", categoryarray: categories, autorange: "reversed", tickvals: categories, ticktext: tickText, ...extra });
}

/** The pieces of one comparison (its two series, its marks, its axis note, its tick labels), shared with the panels. */
export interface ScoreComparisonParts {
  data: PlotlyTrace[];
  /** Significance marks at the plot's right edge (`xref: "paper"`), one per dimension. */
  marks: PlotlyAnnotation[];
  /** Which test, n (when one n), and how many invalid scores were left out. */
  noteParts: string[];
  /** n of each dimension's test (distinct values). */
  ns: number[];
  tickText: string[];
  categories: string[];
}

/** Checks the input and builds one comparison's traces, marks and note (`scoreComparisonBoxes`, `scoreComparisonPanels`). */
export function scoreComparisonParts(input: Pick<ScoreComparisonInput, "dimensions" | "original" | "extracted" | "kind" | "seriesNames" | "tests" | "testNote">, chart: string): ScoreComparisonParts {
  checkLabels(input.dimensions, chart, "dimensions");
  if (input.kind !== "box" && input.kind !== "violin") {
    throw new DataError(`kind must be "box" or "violin", got ${String(input.kind)}`, { record: chart, field: "kind" });
  }
  const names = input.seriesNames ?? { original: "Original persona", extracted: "Extracted from dialogue" };
  let omitted = 0;
  const category = (dimension: string) => escapeLabel(dimension);

  const series = (values: Record<string, number[]>, which: "original" | "extracted", name: string, color: string): PlotlyTrace => {
    const x: number[] = [];
    const y: string[] = [];
    for (const dimension of input.dimensions) {
      const scores = values?.[dimension];
      if (!Array.isArray(scores)) {
        throw new DataError(`no scores for dimension "${dimension}"`, { record: chart, field: `${which}.${dimension}` });
      }
      for (const score of scores) {
        if (typeof score === "number" && Number.isFinite(score)) {
          y.push(category(dimension));
          x.push(score);
        } else {
          omitted += 1;
        }
      }
    }
    const common = { name, x, y, orientation: "h", legendgroup: which, offsetgroup: which, marker: { color, size: 4 }, line: { color, width: 1.5 } };
    return input.kind === "box"
      ? { type: "box", ...common, boxmean: true, boxpoints: "outliers" }
      : { type: "violin", ...common, box: { visible: true }, meanline: { visible: true }, points: false, spanmode: "hard" };
  };

  // Original first: on the reversed category axis Plotly draws the first trace of each group on top (measured in
  // the print PDF), so the original persona's box is above the re-extracted one, in the legend's order.
  const originalTrace = series(input.original, "original", names.original, ORIGINAL_COLOR);
  const data = [originalTrace, series(input.extracted, "extracted", names.extracted, EXTRACTED_COLOR)];
  data[0].legendrank = 1;
  data[1].legendrank = 2;

  const tests = input.tests;
  const annotations: PlotlyAnnotation[] = [];
  if (tests) {
    for (const dimension of input.dimensions) {
      const test = tests[dimension];
      if (!test) throw new DataError(`no test for dimension "${dimension}"`, { record: chart, field: `tests.${dimension}` });
      annotations.push({
        text: significanceMark(test.p),
        x: 1,
        xref: "paper",
        xanchor: "left",
        xshift: 3,
        y: category(dimension),
        yref: "y",
        showarrow: false,
        font: { size: 12, color: "#222" },
      });
    }
  }
  const ns = tests ? [...new Set(input.dimensions.map((dimension) => tests[dimension].n))] : [];
  const noteParts = [
    ...(tests ? [`${input.testNote ?? "paired test"}: * p<.05, ** p<.01, *** p<.001, ns: not significant`] : []),
    ...(ns.length === 1 ? [`n = ${ns[0]}`] : []),
    ...(omitted ? [`${omitted} invalid score${omitted === 1 ? "" : "s"} (unparseable answers) not drawn`] : []),
  ];
  const tickText = input.dimensions.map((dimension) => {
    // Wrapped where it is laid out (fitLayout wraps tick labels to the printed width).
    const label = category(dimension);
    return ns.length > 1 ? `${label}<br><span style="color:#555">n = ${tests![dimension].n}</span>` : label;
  });
  return { data, marks: annotations, noteParts, ns, tickText, categories: input.dimensions.map(category) };
}

/**
 * Original vs re-extracted scores, two boxes (or violins) per dimension (RQ2, Figures 5-7 and 19-21). Drawn
 * horizontally: dimension names ("Impression Manipulativeness") read level and wrap instead of rotating into their
 * neighbours, which keeps them readable at a single column. With `tests`, each dimension gets its significance mark at
 * the right edge and the axis note says which test, which adjustment and n. Invalid (non-finite) scores are not
 * drawn, and their number is written on the chart rather than hidden.
 */
export function scoreComparisonBoxes(input: ScoreComparisonInput): FigureSpec {
  const chart = "scoreComparisonBoxes";
  requireTitle(input.title, chart);
  const { data, marks: annotations, noteParts, tickText, categories } = scoreComparisonParts(input, chart);
  const tests = input.tests;
  const range = input.yRange;
  const scoreTitle = input.yTitle ?? "Score";
  return chartSpec(chart, data, input.title, input.simulated, {
    showlegend: true,
    // Above the plot: at the right it would sit on the significance marks.
    legend: { traceorder: "normal", orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" },
    [input.kind === "box" ? "boxmode" : "violinmode"]: "group",
    xaxis: scoreAxis(noteParts.length ? `${scoreTitle}<br><span style="font-size:90%;color:#444">${noteParts.join(". ")}.</span>` : scoreTitle, range),
    yaxis: dimensionAxis(input.xTitle ?? "Dimension", categories, tickText),
    annotations,
    // Room at the right for the significance marks.
    margin: { l: 80, r: tests ? 40 : 20, t: input.simulated ? 110 : 80, b: 80 },
  });
}
