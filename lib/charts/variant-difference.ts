import { DataError } from "../errors";
import { checkLabels } from "./check-input";
import { axis, chartSpec, escapeLabel, requireTitle, type FigureSpec, type PlotlyTrace } from "./figure-spec";
import { seriesColor } from "./palette";

export interface VariantDifferenceInput {
  /** Domains in display order (x axis). */
  dimensions: string[];
  /** One series per group (e.g. dataset or condition): mean difference and its CI per dimension (null when undefined). */
  series: Array<{ name: string; difference: Array<number | null>; low: Array<number | null>; high: Array<number | null>; significant?: boolean[] }>;
  title: string;
  simulated: boolean;
  xTitle?: string;
  yTitle?: string;
  /** The key to the filled and open markers (default: the paired Wilcoxon test of a variant comparison). */
  markerNote?: string;
}

/**
 * A prompt-variant comparison: the mean per-persona score difference (variant B - variant A) per domain with its
 * 95% CI as error bars, one coloured series per group, a zero line, and filled markers where the paired test is
 * significant (open markers otherwise; the legend says so).
 */
export function variantDifferenceChart(input: VariantDifferenceInput): FigureSpec {
  const chart = "variantDifferenceChart";
  requireTitle(input.title, chart);
  checkLabels(input.dimensions, chart, "dimensions");
  if (!input.series.length) throw new DataError("no series to draw", { record: chart, field: "series" });
  const data: PlotlyTrace[] = input.series.map((series, index) => {
    for (const field of ["difference", "low", "high"] as const) {
      if (series[field].length !== input.dimensions.length) {
        throw new DataError(`series "${series.name}": ${field} needs one value per dimension`, { record: chart, field: `series.${index}.${field}` });
      }
    }
    const color = seriesColor(index);
    return {
      type: "scatter",
      mode: "markers",
      name: escapeLabel(series.name),
      x: input.dimensions.map(escapeLabel),
      y: series.difference,
      error_y: {
        type: "data",
        symmetric: false,
        array: series.difference.map((value, at) => (value === null || series.high[at] === null ? null : (series.high[at] as number) - value)),
        arrayminus: series.difference.map((value, at) => (value === null || series.low[at] === null ? null : value - (series.low[at] as number))),
        color,
        thickness: 1.5,
        width: 4,
      },
      marker: {
        color,
        size: 9,
        symbol: series.difference.map((_, at) => (series.significant?.[at] ? "circle" : "circle-open")),
        line: { color, width: 2 },
      },
      offsetgroup: series.name,
    };
  });
  return chartSpec(chart, data, input.title, input.simulated, {
    showlegend: data.length > 1,
    scattermode: "group",
    xaxis: axis(input.xTitle ?? "Domain", { type: "category", tickangle: -30 }),
    yaxis: axis(input.yTitle ?? "Score difference (B - A), 95% CI", { zeroline: true, zerolinecolor: "#888", zerolinewidth: 1 }),
    annotations: [
      {
        text: input.markerNote ?? "filled marker: paired Wilcoxon p < .05; open: not significant",
        xref: "paper",
        yref: "paper",
        x: 1,
        y: 1.02,
        xanchor: "right",
        yanchor: "bottom",
        showarrow: false,
        font: { size: 11, color: "#555" },
      },
    ],
  });
}
