import { checkGrid } from "./check-input";
import { axis, chartSpec, escapeLabel, requireTitle, type FigureSpec, type PlotlyTrace } from "./figure-spec";
import { seriesColor } from "./palette";

export interface VarianceComponentsInput {
  /** One bar per domain, in display order. */
  domains: string[];
  /** Stacked segments: a name and its share of each domain's variance (fractions summing to at most 1 per domain). */
  groups: Array<{ name: string; shares: number[] }>;
  title: string;
  simulated: boolean;
}

/**
 * A G study per domain as horizontal stacked bars: each domain's variance split into shares (e.g. persona, the
 * conditions' main effects, their interactions, persona x condition with the residual), on a 0-1 axis.
 */
export function varianceComponentsChart(input: VarianceComponentsInput): FigureSpec {
  const chart = "varianceComponentsChart";
  requireTitle(input.title, chart);
  checkGrid(chart, ["groups", input.groups.map((group) => group.name)], ["domains", input.domains], { shares: input.groups.map((group) => group.shares) });
  const y = input.domains.map(escapeLabel);
  const data: PlotlyTrace[] = input.groups.map((group, index) => ({
    type: "bar",
    orientation: "h",
    name: escapeLabel(group.name),
    y,
    x: group.shares.map((share) => (Number.isFinite(share) ? share : null)),
    marker: { color: seriesColor(index) },
  }));
  return chartSpec(chart, data, input.title, input.simulated, {
    barmode: "stack",
    showlegend: true,
    legend: { orientation: "h", x: 0, y: -0.25, yanchor: "top", traceorder: "normal" },
    margin: { l: 190, r: 30, t: input.simulated ? 110 : 80, b: 120 },
    yaxis: axis("domain", { type: "category", autorange: "reversed" }),
    xaxis: axis("share of the score variance", { range: [0, 1.001] }),
  });
}
