import { bootstrapPercentile, type BootstrapOptions } from "../../stats/bootstrap";
import { pearson } from "../../stats/pearson";
import { isExpectedPair, pairedDomain, paperPairs, type ExpectedPairs } from "../../inventory/expected-pairs";
import { domainOf } from "../../analysis/domains";
import { rq1CorrelationsByGroup } from "../../analysis/rq1-correlations";
import { groupRows, rowsOf, scoreValue, type Row } from "../../analysis/rows";
import { CSI_COLUMNS, HEXACO_COLUMNS, PAIRED_CSI_DOMAIN, type HexacoDomain } from "../../analysis/domains";

/** One (dataset, model, HEXACO domain) line of the cross-model summary: the paired r with its CI and alignment. */
export interface CrossModelAlignment {
  dataset: string;
  model: string;
  personas: number;
  hexacoDomain: string;
  pairedDomain: string;
  pairedR: number;
  pairedLow: number;
  pairedHigh: number;
  strongestDomain: string | undefined;
  aligned: boolean;
}

/** The difference of one HEXACO x CSI correlation between two models measuring the same personas. */
export interface ModelDifference {
  dataset: string;
  modelA: string;
  modelB: string;
  hexacoDomain: string;
  csiDomain: string;
  /** True for the theoretically paired cell (the six the alignment check looks at). */
  paired: boolean;
  rA: number;
  rB: number;
  difference: number;
  /** Percentile bootstrap interval of rA - rB, resampling personas (both models' scores of a persona together). */
  low: number;
  high: number;
  /** Personas both models scored. */
  personas: number;
}

export interface CrossModelSummary {
  alignment: CrossModelAlignment[];
  differences: ModelDifference[];
  /** Per dataset and model: how many of the six HEXACO domains align. */
  alignedCounts: Array<{ dataset: string; model: string; aligned: number; of: number }>;
}

/**
 * Tables 2-4 read across models: per dataset and model the paired correlations with their 95% CIs and which
 * align (the one definition of `alignmentCheck`), and for every two models the difference of each correlation
 * with a paired bootstrap CI. Personas are matched by `personaId` within a dataset, so the comparison is paired
 * when the models measured the same personas (analyzeRq1Models does so by default).
 */
export function crossModelSummary(scoreRows: unknown, options: BootstrapOptions & { pairs?: ExpectedPairs } = {}): CrossModelSummary {
  const rows = rowsOf<Row>(scoreRows, "score rows");
  const pairs = options.pairs ?? paperPairs();
  const groups = rq1CorrelationsByGroup(rows, { groupBy: ["dataset", "model"], pairs });
  const alignment: CrossModelAlignment[] = [];
  const alignedCounts: CrossModelSummary["alignedCounts"] = [];
  for (const group of groups) {
    const dataset = group.group.dataset ?? "";
    const model = group.group.model ?? "";
    group.alignment.forEach((item, rowIndex) => {
      const pairedIndex = group.matrix.columnVariables.findIndex((column) => column === item.pairedColumn);
      const cell = pairedIndex >= 0 ? group.matrix.cells[rowIndex][pairedIndex] : undefined;
      alignment.push({
        dataset,
        model,
        personas: group.personas,
        hexacoDomain: item.hexacoDomain,
        pairedDomain: pairedDomain(pairs, item.hexacoDomain) ?? "",
        pairedR: item.pairedR,
        pairedLow: cell?.low ?? Number.NaN,
        pairedHigh: cell?.high ?? Number.NaN,
        strongestDomain: item.strongestColumn ? domainOf(item.strongestColumn) : undefined,
        aligned: item.aligned,
      });
    });
    alignedCounts.push({ dataset, model, aligned: group.alignment.filter((item) => item.aligned).length, of: group.alignment.length });
  }
  const differences: ModelDifference[] = [];
  for (const { key, rows: datasetRows } of groupRows(rows, ["dataset"])) {
    const models = groupRows(datasetRows, ["model"]).map((group) => group.key.model);
    for (let first = 0; first < models.length; first++) {
      for (let second = first + 1; second < models.length; second++) {
        differences.push(...modelDifferences(datasetRows, key.dataset, models[first], models[second], options));
      }
    }
  }
  return { alignment, differences, alignedCounts };
}

/** rA - rB for every row x column cell (the 36 HEXACO x CSI cells by default), with one paired bootstrap over the personas both models scored. */
export function modelDifferences(
  rows: readonly Row[],
  dataset: string,
  modelA: string,
  modelB: string,
  options: BootstrapOptions & { pairs?: ExpectedPairs } = {},
): ModelDifference[] {
  const pairs = options.pairs ?? paperPairs();
  const rowColumns = pairs.rows.columns;
  const columnColumns = pairs.columns.columns;
  const columns = [...rowColumns, ...columnColumns];
  const scoresOf = (model: string) => {
    const byPersona = new Map<string, Array<number | null>>();
    rows.forEach((row, index) => {
      if (String(row.model ?? "") !== model) return;
      byPersona.set(String(row.personaId), columns.map((column) => scoreValue(row, column, index)));
    });
    return byPersona;
  };
  const a = scoresOf(modelA);
  const b = scoresOf(modelB);
  // A persona is a cluster: both models' scores of it are drawn together, which is what makes the CI paired.
  const personas = [...a.keys()].filter((id) => b.has(id)).map((id) => ({ a: a.get(id)!, b: b.get(id)! }));
  const cells: Array<{ hexaco: number; csi: number }> = [];
  rowColumns.forEach((_, hexaco) => columnColumns.forEach((__, csi) => cells.push({ hexaco, csi: rowColumns.length + csi })));
  const differencesOf = (sample: readonly (typeof personas)[number][]) =>
    cells.map(({ hexaco, csi }) => {
      const rA = pearson(sample.map((persona) => persona.a[hexaco]), sample.map((persona) => persona.a[csi])).r;
      const rB = pearson(sample.map((persona) => persona.b[hexaco]), sample.map((persona) => persona.b[csi])).r;
      return rA - rB;
    });
  const intervals = bootstrapPercentile(personas, differencesOf, { resamples: options.resamples ?? 1000, seed: options.seed ?? 1, confidenceLevel: options.confidenceLevel });
  return cells.map(({ hexaco, csi }, index) => {
    const rA = pearson(personas.map((persona) => persona.a[hexaco]), personas.map((persona) => persona.a[csi])).r;
    const rB = pearson(personas.map((persona) => persona.b[hexaco]), personas.map((persona) => persona.b[csi])).r;
    const hexacoDomain = domainOf(columns[hexaco]);
    const csiDomain = domainOf(columns[csi]);
    return {
      dataset,
      modelA,
      modelB,
      hexacoDomain,
      csiDomain,
      paired: isExpectedPair(pairs, hexacoDomain, csiDomain),
      rA,
      rB,
      difference: rA - rB,
      low: intervals[index].low,
      high: intervals[index].high,
      personas: personas.length,
    };
  });
}
