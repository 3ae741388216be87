import { paperPairs, type ExpectedPairs } from "../inventory/expected-pairs";
import type { Inventory } from "../inventory/inventory-schema";
import { alphaWithInterval, cronbachAlpha, alphaWithoutInterval } from "./cronbach-alpha";
import { itemMatrices, selectItems, type ItemAnswer } from "./item-matrix";
import { itemTotalTable, type ItemTotal } from "./item-total";
import { mcdonaldOmega } from "./mcdonald-omega";
import { alphaWithFeldtInterval } from "./feldt-interval";

export interface DomainReliability {
  inventory: string;
  domain: string;
  alpha: number;
  /** Percentile bootstrap 95% interval of alpha (respondents resampled; seeded). */
  alphaLow: number;
  alphaHigh: number;
  /** McDonald's omega total, one-factor minres (OMEGA_ESTIMATOR). */
  omega: number;
  items: number;
  /** Respondents (personas) with at least one valid answer in the domain. */
  n: number;
}

export interface FacetReliability {
  inventory: string;
  domain: string;
  facet: string;
  /** Cronbach's alpha only: a facet of two items cannot identify a factor (no omega). */
  alpha: number;
  items: number;
  n: number;
}

export interface ReliabilityReport {
  domains: DomainReliability[];
  facets: FacetReliability[];
  itemTotals: ItemTotal[];
  /** Items with a negative or < .2 corrected item-total correlation. */
  flagged: ItemTotal[];
}

export interface ReliabilityOptions {
  /** Facet of each item by `<inventory>#<itemId>` (from the inventory files); no facet table without it. */
  facets?: ReadonlyMap<string, string>;
  /** The inventory definitions: their facets (unless `facets` is given) and their domain order. */
  inventories?: readonly Inventory[];
  /**
   * Alpha's 95% interval: true or "bootstrap" (default) the seeded percentile bootstrap over respondents, "feldt"
   * Feldt's analytic F interval (closed form, RQ1), false none (alphaLow/alphaHigh NaN).
   */
  interval?: boolean | "bootstrap" | "feldt";
  /** Seed and size of the alpha bootstrap (default seed 1, 2,000 resamples). */
  seed?: number;
  resamples?: number;
  /** Which repeated sample of the answer stage (default 0). */
  sample?: number;
  /** Domain display order: rows then columns of this pairing, paired domains at one position (default: the paper's). */
  pairs?: ExpectedPairs;
}

/** `<inventory>#<itemId>` -> facet, from inventories with facets (HEXACO-60 has them; CSI too). */
export function facetsOf(inventories: readonly { name: string; items: ReadonlyArray<{ id: number; facet?: string | null }> }[]): Map<string, string> {
  const facets = new Map<string, string>();
  for (const inventory of inventories) for (const item of inventory.items) if (item.facet) facets.set(`${inventory.name}#${item.id}`, item.facet);
  return facets;
}

/**
 * Reliability of every inventory domain from long answer rows (keyed answers): alpha with its bootstrap interval,
 * omega total, corrected item-total correlations with the flagged items, and alpha per facet.
 */
export function reliabilityReport(rows: readonly ItemAnswer[], options: ReliabilityOptions = {}): ReliabilityReport {
  const itemFacets = options.facets ?? (options.inventories ? facetsOf(options.inventories) : undefined);
  const matrices = itemMatrices(rows, { sample: options.sample, facets: itemFacets });
  const domains: DomainReliability[] = [];
  const facets: FacetReliability[] = [];
  const itemTotals: ItemTotal[] = [];
  const rank = displayRank(options.pairs ?? paperPairs(), options.inventories ?? []);
  for (const [inventory, byDomain] of matrices) {
    for (const [domain, matrix] of [...byDomain].sort(([a], [b]) => rank(inventory, a) - rank(inventory, b))) {
      const interval =
        options.interval === false
          ? alphaWithoutInterval(matrix.values)
          : options.interval === "feldt"
            ? alphaWithFeldtInterval(matrix.values)
            : alphaWithInterval(matrix.values, { seed: `${options.seed ?? 1}:${inventory}:${domain}`, resamples: options.resamples });
      domains.push({ inventory, domain, alpha: interval.alpha, alphaLow: interval.low, alphaHigh: interval.high, omega: mcdonaldOmega(matrix.values).omega, items: interval.items, n: interval.n });
      itemTotals.push(...itemTotalTable(matrix));
      const facetNames = [...new Set(matrix.items.map((item) => item.facet).filter((facet): facet is string => Boolean(facet)))];
      for (const facet of facetNames) {
        const part = selectItems(matrix, (item) => item.facet === facet);
        const answered = part.values.filter((row) => row.some(Number.isFinite));
        facets.push({ inventory, domain, facet, alpha: cronbachAlpha(answered), items: part.items.length, n: answered.length });
      }
    }
  }
  return { domains, facets, itemTotals, flagged: itemTotals.filter((item) => item.flagged) };
}

// Domains of the pairing's row and column inventories in its display order (for the paper: its Tables 2-4, paired
// HEXACO and CSI domains at the same position); any other inventory's domains in its file's order when the
// inventory is given, else in the order the answers list them.
function displayRank(pairs: ExpectedPairs, inventories: readonly Inventory[]): (inventory: string, domain: string) => number {
  const orders = new Map<string, readonly string[]>(inventories.map((inventory) => [inventory.name, inventory.domains]));
  orders.set(pairs.rows.name, pairs.rows.domains);
  orders.set(pairs.columns.name, pairs.columns.domains);
  return (inventory, domain) => {
    const order = orders.get(inventory) ?? [];
    const index = order.indexOf(domain);
    return index < 0 ? order.length : index;
  };
}

/** summary.json's shape: reliability[<inventory>][<domain>] = {alpha, alphaLow, alphaHigh, omega, items, n}. */
export function reliabilitySummary(domains: readonly DomainReliability[]): Record<string, Record<string, Omit<DomainReliability, "inventory" | "domain">>> {
  const summary: Record<string, Record<string, Omit<DomainReliability, "inventory" | "domain">>> = {};
  for (const { inventory, domain, ...rest } of domains) (summary[inventory] ??= {})[domain] = rest;
  return summary;
}

/** Score column ("HEXACO-60:Extraversion") -> alpha, for the MTMM view and the reliable change index. */
export function alphaByColumn(domains: readonly DomainReliability[]): Map<string, number> {
  return new Map(domains.map((entry) => [`${entry.inventory}:${entry.domain}`, entry.alpha]));
}
