import { DataError } from "../errors";
import { axis, baseLayout, checkFigureSpec, DEFAULT_CONFIG, escapeLabel, requireTitle, withChartKind, type FigureSpec, type PlotlyAnnotation } from "./figure-spec";
import { checkGrid } from "./check-input";

export interface CorrelationHeatmapInput {
  /** Row labels, top to bottom (the paper: HEXACO domains). */
  rows: string[];
  /** Column labels, left to right (the paper: CSI domains). */
  columns: string[];
  /** values[row][column], each in [-1, 1]; NaN (e.g. a constant column) is drawn empty and annotated "n/a". */
  values: number[][];
  title: string;
  simulated: boolean;
  /** Optional p-values of the same shape: a cell with p < 0.05 gets "*", p < 0.01 "**". */
  /**
   * What the p-values are, named in the key under the title: "Holm-adjusted over 36 tests", "unadjusted". Pass the
   * same p as the figure's table (adjusted when the table's are), so a table and its figure mark the same cells.
   */
  pValueNote?: string;
  /** The smallest |r| detectable at 80% power for the figure's n, stated in the key (minimumDetectableCorrelation). */
  minimumDetectable?: number;
  pValues?: number[][];
  /** Bold the strongest |r| of each row, as the paper's Tables 2-4 do (default true). */
  emphasizeRowMaximum?: boolean;
  xTitle?: string;
  yTitle?: string;
}

/** Blue for negative, white at zero, red for positive (ColorBrewer RdBu, reversed so red means positive). */
export const DIVERGING_COLORSCALE: [number, string][] = [
  [0, "#053061"],
  [0.1, "#2166ac"],
  [0.2, "#4393c3"],
  [0.3, "#92c5de"],
  [0.4, "#d1e5f0"],
  [0.5, "#f7f7f7"],
  [0.6, "#fddbc7"],
  [0.7, "#f4a582"],
  [0.8, "#d6604d"],
  [0.9, "#b2182b"],
  [1, "#67001f"],
];

/** "-0.21", "0.54": two decimals with a true minus sign so columns line up. */
export function formatCorrelation(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const fixed = Math.abs(value).toFixed(2);
  return (value < 0 && fixed !== "0.00" ? "\u2212" : "") + fixed;
}

function stars(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return "";
  if (p < 0.01) return "**";
  if (p < 0.05) return "*";
  return "";
}

/** HEXACO x CSI correlation matrix as a heatmap with the value written in every cell (RQ1, Tables 2-4 / 10-15). */
export function correlationHeatmap(input: CorrelationHeatmapInput): FigureSpec {
  const chart = "correlationHeatmap";
  requireTitle(input.title, chart);
  checkGrid(chart, ["rows", input.rows], ["columns", input.columns], { values: input.values, pValues: input.pValues });
  input.values.forEach((row, r) =>
    row.forEach((value, c) => {
      if (Number.isFinite(value) && (value < -1 - 1e-9 || value > 1 + 1e-9)) {
        throw new DataError(`correlation ${value} is outside [-1, 1]`, { record: `${chart} ${input.rows[r]} x ${input.columns[c]}`, field: "values" });
      }
    }),
  );
  const emphasize = input.emphasizeRowMaximum ?? true;
  const rows = input.rows.map(escapeLabel);
  const columns = input.columns.map(escapeLabel);

  const annotations: PlotlyAnnotation[] = [];
  input.values.forEach((row, r) => {
    const finite = row.filter(Number.isFinite).map(Math.abs);
    const strongest = finite.length ? Math.max(...finite) : Number.NaN;
    row.forEach((value, c) => {
      const label = formatCorrelation(value) + stars(input.pValues?.[r]?.[c]);
      const bold = emphasize && Number.isFinite(value) && Math.abs(value) === strongest;
      annotations.push({
        text: bold ? `<b>${label}</b>` : label,
        x: columns[c],
        y: rows[r],
        xref: "x",
        yref: "y",
        showarrow: false,
        font: { size: 13, color: Number.isFinite(value) && Math.abs(value) > 0.55 ? "white" : "#111" },
      });
    });
  });

  const legendNotes = [
    ...(input.pValues ? [`* p < .05, ** p < .01${input.pValueNote ? ` (${input.pValueNote})` : ""}`] : []),
    ...(emphasize ? ["bold: strongest |r| in the row"] : []),
    ...(input.minimumDetectable !== undefined && Number.isFinite(input.minimumDetectable) ? [`80% power for |r| ≥ ${input.minimumDetectable.toFixed(2).replace(/^0/, "")}`] : []),
  ];
  const layout = baseLayout(input.title, input.simulated, {
    width: 760,
    height: 620,
    showlegend: false,
    annotations,
    xaxis: axis(input.xTitle ?? "CSI domain", { side: "bottom", tickangle: -30 }),
    yaxis: axis(input.yTitle ?? "HEXACO domain", { autorange: "reversed" }),
    margin: { l: 60, r: 40, t: input.simulated ? 110 : 80, b: 60 },
  });
  if (legendNotes.length) layout.title = { ...layout.title, subtitle: { text: escapeLabel(legendNotes.join("; ")), font: { size: 12, color: "#555" } } };

  const spec: FigureSpec = {
    data: [
      {
        type: "heatmap",
        name: "Pearson r",
        x: columns,
        y: rows,
        z: input.values.map((row) => row.map((value) => (Number.isFinite(value) ? value : null))),
        zmin: -1,
        zmax: 1,
        zmid: 0,
        colorscale: DIVERGING_COLORSCALE,
        colorbar: { title: { text: "r" }, tickvals: [-1, -0.5, 0, 0.5, 1] },
        xgap: 2,
        ygap: 2,
        hovertemplate: "%{y} × %{x}<br>r = %{z:.3f}<extra></extra>",
      },
    ],
    layout,
    config: DEFAULT_CONFIG,
  };
  return checkFigureSpec({ ...spec, layout: withChartKind(spec.layout, chart) }, chart);
}
