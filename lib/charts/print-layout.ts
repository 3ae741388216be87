import type { FigureSpec } from "./figure-spec";

/** The chart kinds of lib/charts, named as their builders name themselves (`layout.meta.chart`). */
export type ChartKind =
  | "correlationHeatmap"
  | "confusionMatrixHeatmap"
  | "scoreComparisonBoxes"
  | "scoreComparisonPanels"
  | "pcaScatter"
  | "strategyDistribution"
  | "itemTotalChart"
  | "reliabilityChart"
  | "variantDifferenceChart"
  | "varianceComponentsChart"
  | "caseStudy"
  | "personaCard"
  | "dialogueHistory";

/** The kinds drawn as HTML text figures (exported as .html, .png and .pdf), not as Plotly specs. */
export type TextFigureKind = "caseStudy" | "personaCard" | "dialogueHistory";

/** Where a figure goes in an ACL/EMNLP paper: one column (7.7 cm) or across the page (figure*, 16 cm). */
export type PrintWidth = "column" | "page";

/** ACL/EMNLP widths in cm: a column 7.7 cm (218.3 pt), the text block 16 cm (453.5 pt). */
export const PRINT_WIDTH_CM: Record<PrintWidth, number> = { column: 7.7, page: 16 };

/** A kind's print layout: its width class and its height in cm at that width (and at the other width). */
export interface PrintLayout {
  width: PrintWidth;
  /** Height in cm at each width: a kind keeps readable proportions when asked for the other width. */
  heightCm: Record<PrintWidth, number>;
}

/**
 * Every chart kind's print layout (data, one place): heatmaps, PCA, reliability, the G-study bars and the RQ2 boxes fit one column;
 * the 8 x 8 confusion matrix, the strategy bars (8 strategies x conditions), the 60-item item-total chart, the
 * variant differences and the case study need the page width. Of the text figures, a persona card (Figures 2, 22) fits
 * a column and a dialogue history (Figure 23) takes the page width.
 */
export const PRINT_LAYOUTS: Record<ChartKind, PrintLayout> = {
  correlationHeatmap: { width: "column", heightCm: { column: 7.4, page: 8.5 } },
  scoreComparisonBoxes: { width: "column", heightCm: { column: 9, page: 8 } },
  // Several models' RQ2 boxes side by side (a panel each) need the page width.
  scoreComparisonPanels: { width: "page", heightCm: { column: 12, page: 9 } },
  pcaScatter: { width: "column", heightCm: { column: 7.4, page: 8 } },
  reliabilityChart: { width: "column", heightCm: { column: 7, page: 7 } },
  varianceComponentsChart: { width: "column", heightCm: { column: 9, page: 8 } },
  confusionMatrixHeatmap: { width: "page", heightCm: { column: 10, page: 11 } },
  strategyDistribution: { width: "page", heightCm: { column: 10, page: 8 } },
  itemTotalChart: { width: "page", heightCm: { column: 12, page: 9 } },
  variantDifferenceChart: { width: "page", heightCm: { column: 10, page: 8 } },
  caseStudy: { width: "page", heightCm: { column: 20, page: 14 } },
  // Text figures (HTML): their height is their text's at that width; these heights are nominal.
  personaCard: { width: "column", heightCm: { column: 9, page: 6 } },
  dialogueHistory: { width: "page", heightCm: { column: 24, page: 14 } },
};

/** The kind a spec was built as (`layout.meta.chart`, set by every builder), or undefined for a hand-made spec. */
export function chartKindOf(spec: FigureSpec): ChartKind | undefined {
  const chart = (spec.layout.meta as { chart?: unknown } | undefined)?.chart;
  return typeof chart === "string" && chart in PRINT_LAYOUTS ? (chart as ChartKind) : undefined;
}

/** The print size (cm) of a kind at its own width, or at the width asked for. Unknown kinds print at a column. */
export function printSizeCm(kind: ChartKind | undefined, width?: PrintWidth): { width: number; height: number; units: "cm" } {
  const layout = kind ? PRINT_LAYOUTS[kind] : { width: "column" as const, heightCm: { column: 7, page: 7 } };
  const chosen = width ?? layout.width;
  return { width: PRINT_WIDTH_CM[chosen], height: layout.heightCm[chosen], units: "cm" };
}
