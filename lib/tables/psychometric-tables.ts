import type { DomainReliability, FacetReliability } from "../psychometrics/domain-reliability";
import type { ItemTotal } from "../psychometrics/item-total";
import { OMEGA_ESTIMATOR } from "../psychometrics/mcdonald-omega";
import type { MtmmSummary } from "../psychometrics/multitrait-multimethod";
import { RELIABLE_CHANGE_CRITICAL, type ReliableChangeSummary } from "../psychometrics/reliable-change";
import type { DomainStability } from "../psychometrics/sample-stability";
import { formatCorrelation, formatFixed, formatPercent } from "./format";
import type { CellValue, Table, TableColumn } from "./table";
import { finiteOrNull } from "../stats/finite-or-null";

interface TableOptions {
  title?: string;
  simulated?: boolean;
  name?: string;
}

/** Rows of a psychometric table may carry the group they belong to (dataset, model, variant). */
export type Grouped<Row> = Row & { group?: string };

const fixed3 = (value: CellValue) => formatFixed(value, 3);
const groupColumn = (rows: readonly { group?: string }[]): TableColumn[] => (rows.some((row) => row.group) ? [{ key: "group", label: "Group", align: "left" }] : []);

/** Alpha with its bootstrap 95% interval and omega total, per inventory domain. */
export function reliabilityTable(domains: readonly Grouped<DomainReliability>[], options: TableOptions = {}): Table {
  return {
    title: options.title ?? "Reliability per domain: Cronbach's alpha (bootstrap 95% CI) and McDonald's omega total",
    columns: [
      ...groupColumn(domains),
      { key: "inventory", label: "Inventory", align: "left" },
      { key: "domain", label: "Domain", align: "left" },
      { key: "items", label: "Items", align: "right" },
      { key: "n", label: "n", align: "right" },
      { key: "alpha", label: "alpha", align: "right", format: fixed3 },
      { key: "alphaLow", label: "95% CI low", align: "right", format: fixed3 },
      { key: "alphaHigh", label: "95% CI high", align: "right", format: fixed3 },
      { key: "omega", label: "omega_t", align: "right", format: fixed3 },
    ],
    rows: domains.map((row) => ({
      ...(row.group ? { group: row.group } : {}),
      inventory: row.inventory,
      domain: row.domain,
      items: row.items,
      n: row.n,
      alpha: finiteOrNull(row.alpha),
      alphaLow: finiteOrNull(row.alphaLow),
      alphaHigh: finiteOrNull(row.alphaHigh),
      omega: finiteOrNull(row.omega),
    })),
    notes: [
      "alpha: Cronbach's alpha of the keyed answers (reversed items scored 6 - answer), covariances with pairwise deletion, as R psych::alpha raw_alpha.",
      "95% CI: percentile bootstrap over personas (2,000 resamples, seeded).",
      `omega_t: McDonald's omega total, ${OMEGA_ESTIMATOR}.`,
    ],
    simulated: options.simulated,
    name: options.name ?? "psychometrics-reliability",
  };
}

/** Alpha per facet (no omega: many HEXACO-60 facets have two items). */
export function facetReliabilityTable(facets: readonly Grouped<FacetReliability>[], options: TableOptions = {}): Table {
  return {
    title: options.title ?? "Reliability per facet: Cronbach's alpha",
    columns: [
      ...groupColumn(facets),
      { key: "inventory", label: "Inventory", align: "left" },
      { key: "domain", label: "Domain", align: "left" },
      { key: "facet", label: "Facet", align: "left" },
      { key: "items", label: "Items", align: "right" },
      { key: "n", label: "n", align: "right" },
      { key: "alpha", label: "alpha", align: "right", format: fixed3 },
    ],
    rows: facets.map((row) => ({ ...(row.group ? { group: row.group } : {}), inventory: row.inventory, domain: row.domain, facet: row.facet, items: row.items, n: row.n, alpha: finiteOrNull(row.alpha) })),
    notes: ["A facet of two items has alpha = Spearman-Brown of their correlation; omega is not computed for facets (a factor needs three items or more)."],
    simulated: options.simulated,
    name: options.name ?? "psychometrics-facets",
  };
}

/** Corrected item-total correlations; `flaggedOnly` lists just the items below .2 or negative. */
export function itemTotalsTable(items: readonly Grouped<ItemTotal>[], options: TableOptions & { flaggedOnly?: boolean } = {}): Table {
  const shown = options.flaggedOnly ? items.filter((item) => item.flagged) : items;
  return {
    title: options.title ?? (options.flaggedOnly ? "Flagged items: corrected item-total correlation negative or below .2" : "Corrected item-total correlations"),
    columns: [
      ...groupColumn(items),
      { key: "inventory", label: "Inventory", align: "left" },
      { key: "domain", label: "Domain", align: "left" },
      { key: "itemId", label: "Item", align: "right" },
      { key: "key", label: "Key", align: "left" },
      { key: "correctedItemTotal", label: "r (item, rest)", align: "right", format: formatCorrelation },
      { key: "flag", label: "Flag", align: "left" },
    ],
    rows: shown.map((item) => ({
      ...(item.group ? { group: item.group } : {}),
      inventory: item.inventory,
      domain: item.domain,
      itemId: item.itemId,
      key: item.reversed ? "reversed" : "forward",
      correctedItemTotal: finiteOrNull(item.correctedItemTotal),
      flag: item.reason ?? "",
    })),
    notes: [
      "r (item, rest): correlation of the keyed item with the sum of the domain's other keyed items (psych::alpha r.drop).",
      "A negative value on a reversed item often means the model did not read the statement's reversal.",
      ...(options.flaggedOnly && shown.length === 0 ? ["No item is flagged."] : []),
    ],
    simulated: options.simulated,
    name: options.name ?? (options.flaggedOnly ? "psychometrics-flagged-items" : "psychometrics-item-total"),
  };
}

/** Test-retest agreement across repeated samples: ICC(2,1), ICC(2,K) with intervals, share of identical answers. */
export function stabilityTable(rows: readonly Grouped<DomainStability>[], options: TableOptions & { temperature?: number } = {}): Table {
  return {
    title: options.title ?? `Stability across samples${options.temperature !== undefined ? ` (temperature ${options.temperature})` : ""}: ICC and identical answers`,
    columns: [
      ...groupColumn(rows),
      { key: "inventory", label: "Inventory", align: "left" },
      { key: "domain", label: "Domain", align: "left" },
      { key: "n", label: "n", align: "right" },
      { key: "k", label: "K", align: "right" },
      { key: "single", label: "ICC(2,1)", align: "right", format: fixed3 },
      { key: "singleInterval", label: "95% CI", align: "center" },
      { key: "average", label: "ICC(2,K)", align: "right", format: fixed3 },
      { key: "averageInterval", label: "95% CI", align: "center" },
      { key: "identicalShare", label: "Identical", align: "right", format: (value) => formatPercent(value, 1) },
    ],
    rows: rows.map((row) => ({
      ...(row.group ? { group: row.group } : {}),
      inventory: row.inventory,
      domain: row.domain,
      n: row.n,
      k: row.k,
      single: finiteOrNull(row.single),
      singleInterval: `[${formatFixed(row.singleLow, 3)}, ${formatFixed(row.singleHigh, 3)}]`,
      average: finiteOrNull(row.average),
      averageInterval: `[${formatFixed(row.averageLow, 3)}, ${formatFixed(row.averageHigh, 3)}]`,
      identicalShare: finiteOrNull(row.identicalShare),
    })),
    notes: [
      "ICC(2,1) / ICC(2,K): two-way random effects, absolute agreement, of the domain scores across the K samples (Shrout & Fleiss, 1979; as R psych::ICC).",
      "Identical: share of statements (persona x item, at least two valid samples) answered with the same digit in every sample.",
      "Identical samples (a deterministic provider at temperature 0) give ICC = 1 with the interval [1, 1].",
    ],
    simulated: options.simulated,
    name: options.name ?? "psychometrics-stability",
  };
}

/** HEXACO x CSI: observed r beside r / sqrt(alpha_x alpha_y), paired (convergent) cells marked. */
export function mtmmTable(summary: MtmmSummary, options: TableOptions = {}): Table {
  const rows = summary.cells.map((cell) => ({
    hexaco: cell.hexaco,
    csi: cell.csi,
    kind: cell.paired ? "paired (convergent)" : "unpaired (discriminant)",
    n: cell.n,
    r: finiteOrNull(cell.r),
    alphaHexaco: finiteOrNull(cell.alphaHexaco),
    alphaCsi: finiteOrNull(cell.alphaCsi),
    disattenuated: finiteOrNull(cell.disattenuated),
  }));
  return {
    title: options.title ?? "Multitrait-multimethod view of HEXACO x CSI: observed and disattenuated correlations",
    columns: [
      { key: "hexaco", label: "HEXACO", align: "left" },
      { key: "csi", label: "CSI", align: "left" },
      { key: "kind", label: "Pair", align: "left" },
      { key: "n", label: "n", align: "right" },
      { key: "r", label: "r", align: "right", format: formatCorrelation },
      { key: "alphaHexaco", label: "alpha HEXACO", align: "right", format: fixed3 },
      { key: "alphaCsi", label: "alpha CSI", align: "right", format: fixed3 },
      { key: "disattenuated", label: "r / sqrt(alpha alpha)", align: "right", format: formatCorrelation },
    ],
    rows,
    notes: [
      `Mean |r|: paired ${formatFixed(summary.pairedMeanAbs, 3)}, unpaired ${formatFixed(summary.unpairedMeanAbs, 3)}; disattenuated: paired ${formatFixed(summary.pairedMeanAbsDisattenuated, 3)}, unpaired ${formatFixed(summary.unpairedMeanAbsDisattenuated, 3)}.`,
      "Disattenuated r = r / sqrt(alpha_HEXACO * alpha_CSI) (Spearman's correction): what r would be with perfectly reliable scores. A paired r that stays small after correction is not explained by unreliable measurement.",
    ],
    simulated: options.simulated,
    emphasis: rows.flatMap((row, index) => (row.kind.startsWith("paired") ? [{ row: index, column: "r" }] : [])),
    name: options.name ?? "psychometrics-mtmm",
  };
}

/** RQ2: how many personas changed beyond measurement error per domain (Jacobson-Truax). */
export function reliableChangeTable(summary: readonly ReliableChangeSummary[], options: TableOptions = {}): Table {
  return {
    title: options.title ?? "Change beyond measurement error: reliable change index, original vs re-extracted",
    columns: [
      { key: "inventory", label: "Inventory", align: "left" },
      { key: "domain", label: "Dimension", align: "left" },
      { key: "alpha", label: "alpha", align: "right", format: fixed3 },
      { key: "sd", label: "SD", align: "right", format: fixed3 },
      { key: "threshold", label: "Reliable |diff|", align: "right", format: fixed3 },
      { key: "pairs", label: "n", align: "right" },
      { key: "increased", label: "Increased", align: "right" },
      { key: "decreased", label: "Decreased", align: "right" },
      { key: "withinError", label: "Within error", align: "right" },
    ],
    rows: summary.map((row) => {
      const at = row.column.indexOf(":");
      return {
        inventory: row.column.slice(0, at),
        domain: row.column.slice(at + 1),
        alpha: finiteOrNull(row.alpha),
        sd: finiteOrNull(row.sd),
        threshold: finiteOrNull(row.threshold),
        pairs: row.pairs,
        increased: row.increased,
        decreased: row.decreased,
        withinError: row.withinError,
      };
    }),
    notes: [
      `RCI = (re-extracted - original) / S_diff, S_diff = sqrt(2) * SD(original) * sqrt(1 - alpha), alpha of the original personas' answers (Jacobson & Truax, 1991); |RCI| > ${RELIABLE_CHANGE_CRITICAL} is change beyond error.`,
      "Reliable |diff|: the smallest score difference (1-5 scale) counted as reliable change.",
    ],
    simulated: options.simulated,
    name: options.name ?? "rq2-reliable-change",
  };
}

/** With --logprobs: alpha of the chosen digit beside alpha of the probability-weighted expected answer. */
export function logprobReliabilityTable(
  rows: ReadonlyArray<{ inventory: string; domain: string; alphaChosen: number; alphaExpected: number; withLogprobs: number; answers: number }>,
  options: TableOptions = {},
): Table {
  return {
    title: options.title ?? "Reliability of the chosen digit vs the expected answer from log-probabilities",
    columns: [
      { key: "inventory", label: "Inventory", align: "left" },
      { key: "domain", label: "Domain", align: "left" },
      { key: "alphaChosen", label: "alpha (chosen digit)", align: "right", format: fixed3 },
      { key: "alphaExpected", label: "alpha (expected answer)", align: "right", format: fixed3 },
      { key: "withLogprobs", label: "Answers with logprobs", align: "right" },
      { key: "answers", label: "Answers", align: "right" },
    ],
    rows: rows.map((row) => ({ ...row, alphaChosen: finiteOrNull(row.alphaChosen), alphaExpected: finiteOrNull(row.alphaExpected) })),
    notes: [
      "Both from the separate log-probability pass (top-5 log-probabilities of the answer token): chosen digit = the answer given; expected answer = sum of k * p(k) over the digits 1-5 among the top 5, renormalised.",
      "An answer without log-probabilities counts as missing for the expected answer (pairwise deletion). Anthropic's API returns none.",
    ],
    simulated: options.simulated,
    name: options.name ?? "psychometrics-logprobs",
  };
}
