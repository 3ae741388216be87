import type { DomainReliability, FacetReliability } from "../psychometrics/domain-reliability";
import type { ItemTotal } from "../psychometrics/item-total";
import { OMEGA_ESTIMATOR } from "../psychometrics/mcdonald-omega";
import type { MtmmSummary } from "../psychometrics/multitrait-multimethod";
import { RELIABLE_CHANGE_CRITICAL, type ReliableChangeSummary } from "../psychometrics/reliable-change";
import type { DomainStability } from "../psychometrics/sample-stability";
import { formatCorrelation, formatFixed, formatPercent } from "./format";
import type { CellValue, Table, TableColumn } from "./table";
import { center, left, right } from "./table";
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

/** Alpha with its 95% interval (bootstrap by default, or Feldt's: `interval`) and omega total, per inventory domain. */
export function reliabilityTable(domains: readonly Grouped<DomainReliability>[], options: TableOptions & { interval?: "bootstrap" | "feldt" } = {}): Table {
  return {
    title: options.title ?? "Reliability per domain: Cronbach's alpha (bootstrap 95% CI) and McDonald's omega total",
    columns: [
      ...groupColumn(domains),
      left("inventory", "Inventory"), left("domain", "Domain"), right("items", "Items"), right("n", "n"), right("alpha", "alpha", fixed3),
      right("alphaLow", "95% CI low", fixed3), right("alphaHigh", "95% CI high", fixed3), right("omega", "omega_t", fixed3),
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
      ...intervalNotes(domains, options.interval ?? "bootstrap"),
      `omega_t: McDonald's omega total, ${OMEGA_ESTIMATOR}.`,
      ...emptyOmegaNote(domains),
    ],
    simulated: options.simulated,
    name: options.name ?? "psychometrics-reliability",
  };
}

const where = (row: Grouped<DomainReliability>) => `${row.group ? `${row.group} ` : ""}${row.inventory} ${row.domain}`;

// What the 95% CI columns hold, and which rows have none and why (never an empty cell under a bootstrap note alone).
function intervalNotes(domains: readonly Grouped<DomainReliability>[], method: "bootstrap" | "feldt"): string[] {
  const missing = domains.filter((row) => !(Number.isFinite(row.alphaLow) && Number.isFinite(row.alphaHigh)));
  return [
    method === "feldt"
      ? "95% CI: Feldt (1965): (1 - alpha) / (1 - population alpha) ~ F(n - 1, (n - 1)(k - 1)), as pingouin.cronbach_alpha and R psych::alpha.ci (analyze psychometrics gives the percentile bootstrap)."
      : "95% CI: percentile bootstrap over personas (2,000 resamples, seeded): personas are drawn with replacement and alpha recomputed on each resample.",
    ...(missing.length
      ? [`No interval for ${missing.map(where).join(", ")}: alpha is undefined there (fewer than 2 personas or items, or no variance of the total score)${method === "feldt" ? "" : " in the sample or in every resample"}.`]
      : []),
  ];
}

function emptyOmegaNote(domains: readonly Grouped<DomainReliability>[]): string[] {
  const missing = domains.filter((row) => !Number.isFinite(row.omega));
  if (!missing.length) return [];
  return [`No omega_t for ${missing.map(where).join(", ")}: an item without variance among these personas (its correlations are undefined) or fewer than 3 items leave no one-factor model.`];
}

/** Alpha per facet (no omega: many HEXACO-60 facets have two items). */
export function facetReliabilityTable(facets: readonly Grouped<FacetReliability>[], options: TableOptions = {}): Table {
  return {
    title: options.title ?? "Reliability per facet: Cronbach's alpha",
    columns: [
      ...groupColumn(facets),
      left("inventory", "Inventory"), left("domain", "Domain"), left("facet", "Facet"), right("items", "Items"), right("n", "n"),
      right("alpha", "alpha", fixed3),
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
      left("inventory", "Inventory"), left("domain", "Domain"), right("itemId", "Item"), left("key", "Key"),
      right("correctedItemTotal", "r (item, rest)", formatCorrelation), left("flag", "Flag"),
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
      left("inventory", "Inventory"), left("domain", "Domain"), right("n", "n"), right("k", "K"), right("single", "ICC(2,1)", fixed3),
      center("singleInterval", "95% CI"), right("average", "ICC(2,K)", fixed3), center("averageInterval", "95% CI"),
      right("identicalShare", "Identical", (value) => formatPercent(value, 1)),
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

/**
 * HEXACO x CSI (or any row x column inventory pair, named by `labels`): observed r beside r / sqrt(alpha_x alpha_y),
 * paired (convergent) cells marked.
 */
export function mtmmTable(summary: MtmmSummary, options: TableOptions & { labels?: { rows: string; columns: string } } = {}): Table {
  const { rows: rowLabel, columns: columnLabel } = options.labels ?? { rows: "HEXACO", columns: "CSI" };
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
    title: options.title ?? `Multitrait-multimethod view of ${rowLabel} x ${columnLabel}: observed and disattenuated correlations`,
    columns: [
      { key: "hexaco", label: rowLabel, align: "left" },
      { key: "csi", label: columnLabel, align: "left" },
      { key: "kind", label: "Pair", align: "left" },
      { key: "n", label: "n", align: "right" },
      { key: "r", label: "r", align: "right", format: formatCorrelation },
      { key: "alphaHexaco", label: `alpha ${rowLabel}`, align: "right", format: fixed3 },
      { key: "alphaCsi", label: `alpha ${columnLabel}`, align: "right", format: fixed3 },
      { key: "disattenuated", label: "r / sqrt(alpha alpha)", align: "right", format: formatCorrelation },
    ],
    rows,
    notes: [
      `Mean |r|: paired ${formatFixed(summary.pairedMeanAbs, 3)}, unpaired ${formatFixed(summary.unpairedMeanAbs, 3)}; disattenuated: paired ${formatFixed(summary.pairedMeanAbsDisattenuated, 3)}, unpaired ${formatFixed(summary.unpairedMeanAbsDisattenuated, 3)}.`,
      `Disattenuated r = r / sqrt(alpha_${rowLabel} * alpha_${columnLabel}) (Spearman's correction): what r would be with perfectly reliable scores. A paired r that stays small after correction is not explained by unreliable measurement.`,
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
      left("inventory", "Inventory"), left("domain", "Dimension"), right("alpha", "alpha", fixed3), right("sd", "SD", fixed3),
      right("threshold", "Reliable |diff|", fixed3), right("pairs", "n"), right("increased", "Increased"), right("decreased", "Decreased"),
      right("withinError", "Within error"),
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
      left("inventory", "Inventory"), left("domain", "Domain"), right("alphaChosen", "alpha (chosen digit)", fixed3),
      right("alphaExpected", "alpha (expected answer)", fixed3), right("withLogprobs", "Answers with logprobs"), right("answers", "Answers"),
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
