import { DataError } from "../errors";
import { checkGrid } from "./check-input";
import { axis, chartSpec, escapeLabel, requireTitle, type FigureSpec, type PlotlyTrace } from "./figure-spec";
import { seriesColor } from "./palette";

export interface StrategyDistributionInput {
  /** Series, e.g. ["with persona traits", "without"] or ["HEXACO only", "CSI only"]. */
  conditions: string[];
  /** Categories on the x axis, e.g. STRATEGY_LABELS. */
  strategies: string[];
  /** shares[condition][strategy] as fractions in [0, 1] of the condition's supporter turns. */
  shares: number[][];
  /** Optional intervals[condition][strategy] = [low, high] (fractions), e.g. bootstrap 95% intervals. */
  intervals?: [number, number][][];
  title: string;
  simulated: boolean;
  xTitle?: string;
  yTitle?: string;
}

const TOLERANCE = 1e-9;

/** Grouped horizontal bars of strategy shares per condition, with asymmetric error bars when intervals are given (RQ3, Tables 5-8). */
export function strategyDistribution(input: StrategyDistributionInput): FigureSpec {
  const chart = "strategyDistribution";
  requireTitle(input.title, chart);
  checkGrid(chart, ["conditions", input.conditions], ["strategies", input.strategies], { shares: input.shares });
  input.shares.forEach((row, c) =>
    row.forEach((share, s) => {
      if (!(share >= -TOLERANCE && share <= 1 + TOLERANCE)) {
        throw new DataError(`share ${share} is not a fraction in [0, 1]`, { record: `${chart} ${input.conditions[c]} / ${input.strategies[s]}`, field: "shares" });
      }
    }),
  );
  if (input.intervals) {
    if (input.intervals.length !== input.conditions.length) {
      throw new DataError(`expected ${input.conditions.length} rows of intervals, got ${input.intervals.length}`, { record: chart, field: "intervals" });
    }
    input.intervals.forEach((row, c) => {
      if (row.length !== input.strategies.length) {
        throw new DataError(`expected ${input.strategies.length} intervals, got ${row.length}`, { record: chart, field: `intervals[${c}]` });
      }
      row.forEach(([low, high], s) => {
        const share = input.shares[c][s];
        if (!(low <= share + TOLERANCE && share <= high + TOLERANCE)) {
          throw new DataError(`interval [${low}, ${high}] does not contain the share ${share}`, {
            record: `${chart} ${input.conditions[c]} / ${input.strategies[s]}`,
            field: "intervals",
          });
        }
      });
    });
  }
  const strategies = input.strategies.map(escapeLabel);
  // Horizontal bars: eight long strategy names read level (and wrap at print size) instead of rotating into each other.
  const data: PlotlyTrace[] = input.conditions.map((condition, c) => {
    const intervals = input.intervals?.[c];
    return {
      type: "bar",
      orientation: "h",
      name: escapeLabel(condition),
      y: strategies,
      x: input.shares[c],
      marker: { color: seriesColor(c) },
      // A zero share draws no bar; its label says it is zero rather than missing.
      text: input.shares[c].map((share) => (Math.abs(share) <= TOLERANCE ? "0%" : "")),
      textposition: "outside",
      textfont: { size: 11, color: seriesColor(c) },
      cliponaxis: false,
      ...(intervals
        ? {
            error_x: {
              type: "data",
              symmetric: false,
              array: intervals.map(([, high], s) => Math.max(0, high - input.shares[c][s])),
              arrayminus: intervals.map(([low], s) => Math.max(0, input.shares[c][s] - low)),
              color: "#333",
              thickness: 1.2,
              width: 3,
            },
          }
        : {}),
      hovertemplate: "%{y}<br>%{x:.1%}<extra>" + escapeLabel(condition) + "</extra>",
    };
  });
  return chartSpec(chart, data, input.title, input.simulated, {
    width: 900,
    height: 620,
    showlegend: input.conditions.length > 1,
    legend: { traceorder: "normal" },
    barmode: "group",
    bargap: 0.2,
    yaxis: axis(input.xTitle ?? "Support strategy", { type: "category", autorange: "reversed", tickvals: strategies, ticktext: strategies }),
    xaxis: axis(input.yTitle ?? "Share of supporter turns", { tickformat: ".0%", rangemode: "tozero", gridcolor: "#eee" }),
  });
}
