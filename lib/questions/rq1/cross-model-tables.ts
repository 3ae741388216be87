import type { CrossModelSummary, ModelDifference } from "./cross-model";
import { abbreviate } from "../../analysis/domains";
import { paperPairs, type ExpectedPairs } from "../../inventory/expected-pairs";
import { formatCorrelation } from "../../tables/format";
import type { Table } from "../../tables/table";
import { center, left, right } from "../../tables/table";
import { finiteOrNull } from "../../stats/finite-or-null";

export interface CrossModelTableOptions {
  simulated?: boolean;
  /** The paper's paired r for a (dataset, model, HEXACO domain), where the paper reports that model and dataset. */
  paperPairedR?: (dataset: string, model: string, hexacoDomain: string) => number | undefined;
  /** The row and column inventories (names, labels) of the comparison; the paper's HEXACO-60 x CSI unless given. */
  pairs?: ExpectedPairs;
}

/** Labels and abbreviating formatters of the pairing's two sides. */
function sides(options: CrossModelTableOptions) {
  const { rows, columns } = options.pairs ?? paperPairs();
  return {
    rowLabel: rows.label,
    columnLabel: columns.label,
    row: (value: unknown) => abbreviate(`${rows.name}:${String(value)}`),
    column: (value: unknown) => abbreviate(`${columns.name}:${String(value)}`),
  };
}

function interval(low: unknown, high: unknown): string {
  return `[${formatCorrelation(low)}, ${formatCorrelation(high)}]`;
}

/**
 * The cross-model summary of Tables 2-4 (and 10-15): per dataset and model, each HEXACO domain's paired CSI
 * correlation with its 95% CI, the domain it correlates with most strongly, and whether it aligns.
 */
export function crossModelAlignmentTable(summary: CrossModelSummary, options: CrossModelTableOptions = {}): Table {
  const rows = summary.alignment.map((item) => ({
    dataset: item.dataset,
    model: item.model,
    personas: item.personas,
    hexaco: item.hexacoDomain,
    paired: item.pairedDomain,
    r: finiteOrNull(item.pairedR),
    low: finiteOrNull(item.pairedLow),
    high: finiteOrNull(item.pairedHigh),
    strongest: item.strongestDomain ?? null,
    aligned: item.aligned,
    paperR: options.paperPairedR?.(item.dataset, item.model, item.hexacoDomain) ?? null,
  }));
  const { rowLabel, columnLabel, row, column } = sides(options);
  const counts = summary.alignedCounts.map((count) => `${count.dataset} / ${count.model}: ${count.aligned} of ${count.of} aligned`);
  return {
    title: `Paired ${rowLabel}-${columnLabel} correlations across models`,
    name: "rq1-models-alignment",
    simulated: options.simulated,
    columns: [
      { key: "dataset", label: "Dataset", align: "left" },
      { key: "model", label: "Model", align: "left" },
      { key: "personas", label: "n", align: "right" },
      { key: "hexaco", label: rowLabel, align: "left", format: row },
      { key: "paired", label: `Paired ${columnLabel}`, align: "left", format: column },
      { key: "r", label: "r", align: "right", format: formatCorrelation },
      { key: "low", label: "95% CI low", align: "right", format: formatCorrelation },
      { key: "high", label: "95% CI high", align: "right", format: formatCorrelation },
      { key: "strongest", label: `Strongest ${columnLabel}`, align: "left", format: column },
      { key: "aligned", label: "Aligned", align: "center", format: (value) => (value ? "yes" : "no") },
      { key: "paperR", label: "Paper r", align: "right", format: (value) => (value === null ? "" : formatCorrelation(value)) },
    ],
    rows,
    notes: [
      `Aligned: the paired ${columnLabel} domain has the largest |r| in its ${rowLabel} row. 95% CI by Fisher's z.`,
      "Paper r: the paper's paired correlation for the same dataset and model (Tables 2-4 ESConv, 10-12 CAMS, 13-15 Dreaddit), where it reports one.",
      ...counts,
    ],
  };
}

/**
 * How two models differ: r(model A) - r(model B) for each paired HEXACO-CSI cell (all 36 with `cells: "all"`), with a
 * paired bootstrap 95% CI over the personas both models measured. A CI that excludes 0 marks a difference.
 */
export function modelDifferenceTable(differences: readonly ModelDifference[], options: CrossModelTableOptions & { cells?: "paired" | "all" } = {}): Table {
  const all = options.cells === "all";
  const { rowLabel, columnLabel, row, column } = sides(options);
  const chosen = all ? differences : differences.filter((item) => item.paired);
  const rows = chosen.map((item) => ({
    dataset: item.dataset,
    models: `${item.modelA} - ${item.modelB}`,
    hexaco: item.hexacoDomain,
    csi: item.csiDomain,
    rA: finiteOrNull(item.rA),
    rB: finiteOrNull(item.rB),
    difference: finiteOrNull(item.difference),
    low: finiteOrNull(item.low),
    high: finiteOrNull(item.high),
    differs: Number.isFinite(item.low) && Number.isFinite(item.high) && (item.low > 0 || item.high < 0),
    personas: item.personas,
  }));
  return {
    title: all ? `Differences of every ${rowLabel}-${columnLabel} correlation between models` : "Differences of the paired correlations between models",
    name: all ? "rq1-models-differences-all" : "rq1-models-differences",
    simulated: options.simulated,
    columns: [
      { key: "dataset", label: "Dataset", align: "left" },
      { key: "models", label: "A - B", align: "left" },
      { key: "hexaco", label: rowLabel, align: "left", format: row },
      { key: "csi", label: columnLabel, align: "left", format: column },
      { key: "rA", label: "r (A)", align: "right", format: formatCorrelation },
      { key: "rB", label: "r (B)", align: "right", format: formatCorrelation },
      { key: "difference", label: "Difference", align: "right", format: formatCorrelation },
      { key: "low", label: "95% CI low", align: "right", format: formatCorrelation },
      { key: "high", label: "95% CI high", align: "right", format: formatCorrelation },
      { key: "differs", label: "CI excludes 0", align: "center", format: (value) => (value ? "yes" : "no") },
      { key: "personas", label: "n", align: "right" },
    ],
    rows,
    notes: [
      "Paired percentile bootstrap (1,000 resamples of personas, seed 1): both models' scores of a persona are drawn together.",
      "Pairing needs the same personas: by default every model measures the cards extracted and filtered by the first model.",
    ],
  };
}
