import { correctionName } from "../../stats/adjust";
import type { PcaAblationResult } from "./pca-ablation";
import type { ConsistencyResult } from "./rq2-consistency";
import { formatFixed, formatP } from "../../tables/format";
import type { Table, TableColumn } from "../../tables/table";

function signed(value: unknown): string {
  const text = formatFixed(value, 2);
  return typeof value === "number" && value > 0 && text !== "0.00" ? `+${text}` : text;
}

/** RQ2: per dimension, original vs re-extracted mean, the shift and the paired Wilcoxon test. */
export function consistencyTable(result: ConsistencyResult, options: { title?: string; simulated?: boolean; name?: string } = {}): Table {
  const adjusted = result.correction !== "none";
  const columns: TableColumn[] = [
    { key: "inventory", label: "Inventory", align: "left" },
    { key: "domain", label: "Dimension", align: "left" },
    { key: "n", label: "n", align: "right" },
    { key: "meanOriginal", label: "Original", align: "right", format: (value) => formatFixed(value, 2) },
    { key: "meanExtracted", label: "Extracted", align: "right", format: (value) => formatFixed(value, 2) },
    { key: "meanShift", label: "Shift", align: "right", format: signed },
    { key: "statistic", label: "W", align: "right", format: (value) => formatFixed(value, 1) },
    { key: "p", label: "p", align: "right", format: formatP },
    ...(adjusted ? [{ key: "adjustedP", label: `p (${result.correction})`, align: "right" as const, format: formatP }] : []),
    { key: "effectSize", label: "r_rb", align: "right", format: signed },
  ];
  const value = (number: number | undefined) => (number !== undefined && Number.isFinite(number) ? number : null);
  const rows = result.rows.map((row) => ({
    inventory: row.inventory,
    domain: row.domain,
    n: row.n,
    meanOriginal: value(row.meanOriginal),
    meanExtracted: value(row.meanExtracted),
    meanShift: value(row.meanShift),
    statistic: value(row.statistic),
    p: value(row.p),
    ...(adjusted ? { adjustedP: value(row.adjustedP) } : {}),
    effectSize: value(row.effectSize),
  }));
  const methods = [...new Set(result.rows.map((row) => row.method))].join(", ");
  const emphasis = result.rows.flatMap((row, index) => ((row.adjustedP ?? row.p) < 0.05 ? [{ row: index, column: "meanShift" }] : []));
  return {
    title: options.title ?? "Persona consistency: original vs re-extracted scores",
    columns,
    rows,
    notes: [
      `${result.paired} personas paired by personaId${
        result.onlyOriginal.length + result.onlyExtracted.length > 0
          ? ` (${result.onlyOriginal.length} only in the original table, ${result.onlyExtracted.length} only in the extracted table, not analysed)`
          : ""
      }. Shift = extracted - original.`,
      `Paired Wilcoxon signed-rank test, two-sided, zero differences dropped (p by: ${methods}); r_rb = matched-pairs rank-biserial correlation (positive: higher after extraction).`,
      adjusted
        ? `Bold shift: p < .05 after ${correctionName(result.correction)} correction over each inventory's domains (the score-comparison figures mark the same p).`
        : "Bold shift: p < .05, unadjusted for multiple comparisons.",
    ],
    simulated: options.simulated,
    emphasis,
    name: options.name ?? "rq2-consistency",
  };
}

/** The Section 5.3 ablation numbers: explained variance in the notes, spread per condition as rows. */
export function pcaSpreadTable(result: PcaAblationResult, options: { title?: string; simulated?: boolean; name?: string } = {}): Table {
  const columns: TableColumn[] = [
    { key: "condition", label: "Condition", align: "left" },
    { key: "n", label: "n", align: "right" },
    { key: "meanDistance", label: "Mean distance to centroid (2-D)", align: "right", format: (value) => formatFixed(value, 3) },
    { key: "totalVariance", label: "Total variance (2-D)", align: "right", format: (value) => formatFixed(value, 3) },
    { key: "generalizedVariance", label: "Generalized variance (2-D)", align: "right", format: (value) => formatFixed(value, 4) },
    { key: "fullTotalVariance", label: `Total variance (${result.columns.length}-D)`, align: "right", format: (value) => formatFixed(value, 3) },
  ];
  const value = (number: number) => (Number.isFinite(number) ? number : null);
  const rows = result.spread.map((spread) => ({
    condition: spread.condition,
    n: spread.projected.n,
    meanDistance: value(spread.projected.meanDistanceToCentroid),
    totalVariance: value(spread.projected.totalVariance),
    generalizedVariance: value(spread.projected.generalizedVariance),
    fullTotalVariance: value(spread.full.totalVariance),
  }));
  const ratio = result.explainedVarianceRatio;
  const incomplete = Object.entries(result.incomplete).filter(([, count]) => count > 0);
  return {
    title: options.title ?? "Spread of personality scores with and without persona injection (PCA)",
    columns,
    rows,
    notes: [
      `One PCA (${result.standardized ? "standardized columns" : "covariance, unstandardized"}) fitted on both conditions together; PC1 explains ${(
        ratio[0] * 100
      ).toFixed(1)}% and PC2 ${((ratio[1] ?? 0) * 100).toFixed(1)}% of the variance.`,
      "Total variance = trace of the sample covariance; generalized variance = its determinant.",
      ...(incomplete.length > 0
        ? [`Left out for a missing score: ${incomplete.map(([condition, count]) => `${count} ${condition}`).join(", ")}.`]
        : []),
    ],
    simulated: options.simulated,
    name: options.name ?? "rq2-pca-spread",
  };
}
