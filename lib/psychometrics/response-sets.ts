import type { Inventory } from "../inventory/inventory-schema";
import type { ItemAnswer } from "./item-matrix";

// Response-set checks before scoring (docs/analysis.md, "Response sets"): per persona and inventory, from the
// raw (unkeyed) answers in presentation order. Pure; the cut-offs are data below, documented with their reasons.

/** The documented cut-offs: a persona is flagged on an inventory when any check crosses its cut-off. */
export const RESPONSE_SET_CUTOFFS = {
  /** Balanced acquiescence index (raw-answer points above the midpoint, see `acquiescence`): flagged at >= 0.5. */
  acquiescence: 0.5,
  /** Share of same-facet (keyed, reverse-keyed) item pairs agreed with both (both raw answers >= midpoint + 1): flagged at >= 0.30. */
  agreeBoth: 0.3,
  /** Longest run of one identical answer in presentation order: flagged at >= 12 items. */
  longestRun: 12,
  /** Standard deviation of the raw answers over all items: flagged below 0.5. */
  itemSd: 0.5,
  /** Share of answers at the midpoint (3 on 1-5): flagged above 0.5. */
  midpointRate: 0.5,
  /** Share of items without a valid answer (invalid or missing): flagged above 0.2 (the scorer's 80% rule). */
  invalidRate: 0.2,
} as const;

export type ResponseSetCheck = "acquiescence" | "agreeBoth" | "straightLining" | "midpoint" | "invalid";

/** The response-set indices of one persona on one inventory, with the checks it fails. */
export interface ResponseSetRow {
  personaId: string;
  inventory: string;
  items: number;
  valid: number;
  /**
   * Balanced acquiescence: per domain, the mean of (mean raw answer on keyed items, mean raw answer on reverse-keyed
   * items) minus the scale midpoint, averaged over the domains that have both kinds. A trait moves the two means in
   * opposite directions and cancels; agreeing regardless of content moves both up. 0 = none; NaN without such a domain.
   */
  acquiescence: number;
  /** Share of same-facet pairs (a keyed and a reverse-keyed item) with both raw answers >= midpoint + 1; NaN without pairs. */
  agreeBoth: number;
  pairs: number;
  longestRun: number;
  itemSd: number;
  midpointRate: number;
  invalidRate: number;
  flags: ResponseSetCheck[];
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
}

function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1));
}

/** The response-set indices of one persona's raw answers (item id -> answer, null when invalid or missing) on an inventory. */
export function responseSetIndices(personaId: string, inventory: Inventory, answers: ReadonlyMap<number, number | null>): ResponseSetRow {
  const { min, max } = inventory.scale;
  const midpoint = (min + max) / 2;
  const ordered = inventory.items.map((item) => ({ item, answer: answers.get(item.id) ?? null }));
  const valid = ordered.filter((entry): entry is { item: (typeof ordered)[number]["item"]; answer: number } => entry.answer !== null && Number.isFinite(entry.answer));
  const raw = valid.map((entry) => entry.answer);

  const perDomain = inventory.domains
    .map((domain) => {
      const mine = valid.filter((entry) => entry.item.domain === domain);
      const keyed = mine.filter((entry) => !entry.item.reversed).map((entry) => entry.answer);
      const reversed = mine.filter((entry) => entry.item.reversed).map((entry) => entry.answer);
      return keyed.length && reversed.length ? (mean(keyed) + mean(reversed)) / 2 - midpoint : Number.NaN;
    })
    .filter((value) => Number.isFinite(value));
  const acquiescence = mean(perDomain);

  let pairs = 0;
  let both = 0;
  const facets = new Map<string, typeof valid>();
  for (const entry of valid) {
    if (entry.item.facet === undefined) continue;
    const key = `${entry.item.domain}\u0000${entry.item.facet}`;
    facets.set(key, [...(facets.get(key) ?? []), entry]);
  }
  for (const entries of facets.values()) {
    for (const keyed of entries.filter((entry) => !entry.item.reversed)) {
      for (const reversed of entries.filter((entry) => entry.item.reversed)) {
        pairs++;
        if (keyed.answer >= midpoint + 1 && reversed.answer >= midpoint + 1) both++;
      }
    }
  }
  const agreeBoth = pairs ? both / pairs : Number.NaN;

  let longestRun = 0;
  let run = 0;
  let previous: number | null = null;
  for (const { answer } of ordered) {
    run = answer !== null && answer === previous ? run + 1 : answer === null ? 0 : 1;
    previous = answer;
    longestRun = Math.max(longestRun, run);
  }
  const itemSd = standardDeviation(raw);
  const midpointRate = raw.length ? raw.filter((value) => value === midpoint).length / raw.length : Number.NaN;
  const invalidRate = 1 - valid.length / inventory.items.length;

  const cut = RESPONSE_SET_CUTOFFS;
  const flags: ResponseSetCheck[] = [];
  if (acquiescence >= cut.acquiescence) flags.push("acquiescence");
  if (agreeBoth >= cut.agreeBoth) flags.push("agreeBoth");
  if (longestRun >= cut.longestRun || itemSd < cut.itemSd) flags.push("straightLining");
  if (midpointRate > cut.midpointRate) flags.push("midpoint");
  if (invalidRate > cut.invalidRate) flags.push("invalid");
  return { personaId, inventory: inventory.name, items: inventory.items.length, valid: valid.length, acquiescence, agreeBoth, pairs, longestRun, itemSd, midpointRate, invalidRate, flags };
}

/** Response-set rows for every persona and inventory of answer rows (sample 0; an invalid answer has answer null). */
export function responseSetChecks(rows: readonly ItemAnswer[], inventories: readonly Inventory[]): ResponseSetRow[] {
  const byPersona = new Map<string, Map<string, Map<number, number | null>>>();
  for (const row of rows) {
    if ((row.sample ?? 0) !== 0) continue;
    let mine = byPersona.get(row.personaId);
    if (!mine) byPersona.set(row.personaId, (mine = new Map()));
    let answers = mine.get(row.inventory);
    if (!answers) mine.set(row.inventory, (answers = new Map()));
    answers.set(row.itemId, row.answer);
  }
  const result: ResponseSetRow[] = [];
  for (const [personaId, mine] of byPersona) {
    for (const inventory of inventories) {
      const answers = mine.get(inventory.name);
      if (answers) result.push(responseSetIndices(personaId, inventory, answers));
    }
  }
  return result;
}

/** How many personas were checked, flagged (on any inventory) and excluded, and how many each check flagged. */
export interface ResponseSetCounts {
  personas: number;
  flagged: number;
  excluded: number;
  byCheck: Record<ResponseSetCheck, number>;
}

/** The personas flagged on any inventory. */
export function flaggedPersonas(rows: readonly ResponseSetRow[]): Set<string> {
  return new Set(rows.filter((row) => row.flags.length > 0).map((row) => row.personaId));
}

/** The counts every output states; `excluded` is the flagged count when `excludeFlagged`, else 0. */
export function responseSetCounts(rows: readonly ResponseSetRow[], excludeFlagged: boolean): ResponseSetCounts {
  const byCheck: Record<ResponseSetCheck, number> = { acquiescence: 0, agreeBoth: 0, straightLining: 0, midpoint: 0, invalid: 0 };
  for (const check of Object.keys(byCheck) as ResponseSetCheck[]) byCheck[check] = new Set(rows.filter((row) => row.flags.includes(check)).map((row) => row.personaId)).size;
  const flagged = flaggedPersonas(rows).size;
  return { personas: new Set(rows.map((row) => row.personaId)).size, flagged, excluded: excludeFlagged ? flagged : 0, byCheck };
}
