import { DataError } from "../errors";
import { axis, chartSpec, escapeLabel, requireTitle, type FigureSpec, type PlotlyTrace } from "./figure-spec";
import { seriesColor } from "./palette";

const FLAGGED_COLOR = "#000000";

export interface ItemTotalChartInput {
  /** One bar per item: its domain (bars are grouped and coloured by domain), id, key direction and correlation. */
  items: Array<{ domain: string; itemId: number; reversed: boolean; correctedItemTotal: number }>;
  title: string;
  simulated: boolean;
  /** The flagging floor drawn as a dashed line; default .2. */
  floor?: number;
}

/**
 * Corrected item-total correlation of every item of one inventory, bars grouped by domain, reversed items marked
 * "R" in their label, with the .2 floor and zero drawn, so a flagged (often mis-keyed) item stands out.
 */
export function itemTotalChart(input: ItemTotalChartInput): FigureSpec {
  const chart = "itemTotalChart";
  requireTitle(input.title, chart);
  if (!Array.isArray(input.items) || input.items.length === 0) throw new DataError("no items to draw", { record: chart, field: "items" });
  const floor = input.floor ?? 0.2;
  const domains = [...new Set(input.items.map((item) => item.domain))];
  const label = (item: ItemTotalChartInput["items"][number]) => `${item.itemId}${item.reversed ? "R" : ""}`;
  const order = domains.flatMap((domain) => input.items.filter((item) => item.domain === domain).map(label));
  const data: PlotlyTrace[] = domains.map((domain, index) => {
    const items = input.items.filter((item) => item.domain === domain);
    return {
      type: "bar",
      name: escapeLabel(domain),
      x: items.map(label),
      y: items.map((item) => (Number.isFinite(item.correctedItemTotal) ? item.correctedItemTotal : null)),
      // A flagged item is drawn black with its domain's outline, so it stands out whatever the domain colour.
      marker: { color: items.map((item) => (item.correctedItemTotal < floor ? FLAGGED_COLOR : seriesColor(index))), line: { color: seriesColor(index), width: 1.5 } },
      hovertemplate: `${escapeLabel(domain)}, item %{x}: r = %{y:.2f}<extra></extra>`,
    };
  });
  return chartSpec(chart, data, input.title, input.simulated, {
    showlegend: true,
    legend: { orientation: "h", y: -0.25 },
    bargap: 0.15,
    margin: { l: 80, r: 40, t: input.simulated ? 110 : 80, b: 130 },
    // The key names black bars only when some are drawn.
    xaxis: axis(`item id (R = reversed); ${input.items.some((item) => item.correctedItemTotal < floor) ? `black bars: below the ${floor} floor (dashed)` : `dashed: the ${floor} floor`}`, { type: "category", categoryorder: "array", categoryarray: order, tickfont: { size: 9 } }),
    yaxis: axis("corrected item-total r", { range: [Math.min(-0.2, ...input.items.map((item) => item.correctedItemTotal).filter(Number.isFinite)) - 0.05, 1], zeroline: true }),
    shapes: [
      { type: "line", xref: "paper", x0: 0, x1: 1, y0: floor, y1: floor, line: { color: "#444", dash: "dash", width: 1.5 } },
    ],
  });
}
