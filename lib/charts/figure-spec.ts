import { z } from "zod";
import { DataError } from "../errors";

/**
 * A Plotly figure as plain JSON: what `Plotly.newPlot(div, data, layout, config)` takes.
 * Traces and layout are typed loosely (Plotly's own types are huge) but every chart function
 * passes its result through `checkFigureSpec`, so a malformed spec fails where it is built.
 */
export interface FigureSpec {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
  config?: Record<string, unknown>;
}

export type PlotlyTrace = { type: string; name?: string } & Record<string, unknown>;

export interface PlotlyAnnotation {
  text: string;
  x?: number | string;
  y?: number | string;
  xref?: string;
  yref?: string;
  [key: string]: unknown;
}

export interface PlotlyLayout {
  title: { text: string; [key: string]: unknown };
  width?: number;
  height?: number;
  showlegend?: boolean;
  annotations?: PlotlyAnnotation[];
  [key: string]: unknown;
}

const traceSchema = z.looseObject({ type: z.string().min(1), name: z.string().optional() });
const annotationSchema = z.looseObject({ text: z.string() });
const axisSchema = z.looseObject({ title: z.looseObject({ text: z.string().min(1) }) });

const specSchema = z.object({
  data: z.array(traceSchema).min(1),
  layout: z.looseObject({
    title: z.looseObject({ text: z.string().min(1) }),
    width: z.number().positive().optional(),
    height: z.number().positive().optional(),
    showlegend: z.boolean().optional(),
    annotations: z.array(annotationSchema).optional(),
  }),
  config: z.record(z.string(), z.unknown()).optional(),
});

/** Trace types drawn on x/y axes: those must have both axis titles. */
const CARTESIAN_TYPES = new Set(["bar", "box", "violin", "scatter", "scattergl", "heatmap", "histogram"]);

/** The words every simulated chart shows; tests and reviewers look for them. */
export const SIMULATED_LABEL = "SIMULATED (sim provider) — not model output";

/**
 * Throws DataError when the spec breaks the project's chart rules: at least one trace, a title,
 * titled x and y axes for cartesian traces, and a legend whenever more than one named series is drawn.
 */
export function checkFigureSpec(spec: FigureSpec, chart = "figure"): FigureSpec {
  const parsed = specSchema.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(`invalid Plotly spec: ${issue?.message ?? "unknown problem"}`, {
      record: chart,
      field: issue?.path.join("."),
    });
  }
  const cartesian = spec.data.some((trace) => CARTESIAN_TYPES.has(trace.type));
  if (cartesian) {
    for (const axis of ["xaxis", "yaxis"]) {
      if (!axisSchema.safeParse(spec.layout[axis]).success) {
        throw new DataError("a chart on x/y axes needs a title on each axis", { record: chart, field: `layout.${axis}.title.text` });
      }
    }
  }
  const seriesNames = new Set(spec.data.filter((trace) => trace.showlegend !== false).map((trace) => trace.name));
  if (seriesNames.size > 1 && spec.layout.showlegend !== true) {
    throw new DataError("a chart with more than one series must show its legend", { record: chart, field: "layout.showlegend" });
  }
  return spec;
}

/** The corner label that marks a chart drawn from sim-provider output; kept inside the figure so exports carry it. */
export function simulatedAnnotation(): PlotlyAnnotation {
  return {
    text: `<b>${SIMULATED_LABEL}</b>`,
    xref: "paper",
    yref: "paper",
    x: 1,
    y: 1,
    xanchor: "right",
    yanchor: "bottom",
    yshift: 28,
    showarrow: false,
    font: { size: 12, color: "#b00020" },
    bgcolor: "rgba(255, 235, 238, 0.95)",
    bordercolor: "#b00020",
    borderwidth: 1,
    borderpad: 3,
  };
}

export const FONT_FAMILY = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif";

/** Layout shared by every chart: fixed size (so exports are reproducible), white background, room for the label. */
export function baseLayout(title: string, simulated: boolean, extra: Partial<PlotlyLayout> = {}): PlotlyLayout {
  const annotations = [...(extra.annotations ?? []), ...(simulated ? [simulatedAnnotation()] : [])];
  return {
    width: 900,
    height: 560,
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    font: { family: FONT_FAMILY, size: 13, color: "#222" },
    margin: { l: 80, r: 40, t: simulated ? 110 : 80, b: 80 },
    ...extra,
    title: { text: title, x: 0.02, xanchor: "left", y: 0.98, yanchor: "top" },
    annotations,
  };
}

/**
 * An axis with a title. `standoff` together with `automargin` makes Plotly widen the margin for the title,
 * instead of drawing it over long tick labels.
 */
export function axis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { automargin: true, ...extra, title: { text: title, standoff: 14 } };
}

export const DEFAULT_CONFIG: Record<string, unknown> = { responsive: false, displaylogo: false };

/** Escapes text placed in Plotly labels, which render a small HTML subset (<b>, <br>). */
export function escapeLabel(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Non-empty title, or a DataError naming the chart. */
export function requireTitle(title: string, chart: string): string {
  if (typeof title !== "string" || title.trim() === "") {
    throw new DataError("a chart needs a non-empty title", { record: chart, field: "title" });
  }
  return title;
}

/** The layout with its chart kind in `meta.chart` (kept by every later copy), which picks its print layout. */
export function withChartKind(layout: PlotlyLayout, chart: string): PlotlyLayout {
  return { ...layout, meta: { ...((layout.meta as Record<string, unknown> | undefined) ?? {}), chart } };
}

/**
 * A chart's checked spec: its traces, the shared layout (title, fonts, the SIMULATED mark) with the chart's own
 * settings on top, and the shared config. Every chart builder ends here.
 */
export function chartSpec(chart: string, data: PlotlyTrace[], title: string, simulated: boolean, layout: Partial<PlotlyLayout>): FigureSpec {
  const base = baseLayout(title, simulated, layout);
  return checkFigureSpec({ data, layout: withChartKind(base, chart), config: DEFAULT_CONFIG }, chart);
}
