import { DataError } from "../errors";
import { axis, chartSpec, escapeLabel, requireTitle, type FigureSpec, type PlotlyTrace } from "./figure-spec";
import { seriesColor } from "./palette";

export interface ReliabilityChartInput {
  /** One entry per domain (label e.g. "HEXACO-60: Extraversion"), alpha with its interval and omega total. */
  domains: Array<{ label: string; alpha: number; alphaLow: number; alphaHigh: number; omega: number }>;
  title: string;
  simulated: boolean;
  /** Optional reference values per domain (e.g. the simulator's expected alpha), drawn as diamonds. */
  expected?: number[];
}

const orNull = (value: number) => (Number.isFinite(value) ? value : null);

/**
 * Alpha (points with bootstrap 95% error bars) and omega total (hollow markers) per domain, on a 0-1 axis with the
 * conventional .7 line.
 */
export function reliabilityChart(input: ReliabilityChartInput): FigureSpec {
  const chart = "reliabilityChart";
  requireTitle(input.title, chart);
  if (!Array.isArray(input.domains) || input.domains.length === 0) throw new DataError("no domains to draw", { record: chart, field: "domains" });
  // Horizontal: domain names read level at any print width (rotated names took half a column's height).
  const y = input.domains.map((domain) => escapeLabel(domain.label));
  const data: PlotlyTrace[] = [
    {
      type: "scatter",
      mode: "markers",
      name: "alpha (95% bootstrap CI)",
      y,
      x: input.domains.map((domain) => orNull(domain.alpha)),
      error_x: {
        type: "data",
        symmetric: false,
        array: input.domains.map((domain) => orNull(domain.alphaHigh - domain.alpha)),
        arrayminus: input.domains.map((domain) => orNull(domain.alpha - domain.alphaLow)),
        color: seriesColor(0),
        thickness: 1.5,
        width: 4,
      },
      marker: { color: seriesColor(0), size: 10 },
    },
    {
      type: "scatter",
      mode: "markers",
      name: "omega total (one-factor minres)",
      y,
      x: input.domains.map((domain) => orNull(domain.omega)),
      marker: { color: seriesColor(1), size: 10, symbol: "circle-open", line: { width: 2 } },
    },
  ];
  if (input.expected) {
    data.push({ type: "scatter", mode: "markers", name: "expected (simulator)", y, x: input.expected.map(orNull), marker: { color: seriesColor(2), size: 9, symbol: "diamond" } });
  }
  // From 0.6 (or lower when an interval reaches below), so the .7 convention line and narrow intervals both show.
  const low = Math.min(0.62, ...input.domains.flatMap((domain) => [domain.alphaLow, domain.omega]).filter(Number.isFinite));
  return chartSpec(chart, data, input.title, input.simulated, {
    showlegend: true,
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
    margin: { l: 190, r: 40, t: input.simulated ? 130 : 100, b: 80 },
    yaxis: axis("domain", { type: "category", autorange: "reversed" }),
    xaxis: axis("reliability", { range: [low - 0.02, 1.01] }),
    shapes: [{ type: "line", yref: "paper", y0: 0, y1: 1, x0: 0.7, x1: 0.7, line: { color: "#888", dash: "dot", width: 1 } }],
  });
}
