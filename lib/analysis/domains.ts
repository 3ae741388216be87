import { catalogEntry, catalogEntryByName, knownInventoryIds } from "../inventory/catalog";
import { paperPairs, pairedDomain, type ExpectedPairs } from "../inventory/expected-pairs";

// Thin defaults derived from the data files: the paper's pairing (lib/inventory/pairings/hexaco60-csi96.json)
// gives the rows, columns and their order (paired domains share a position, as in the paper's Tables 2-4); the
// catalog (lib/inventory/catalog.json) gives the names and abbreviations. Generic code takes an ExpectedPairs
// (expectedPairs(rowInventory, columnInventory)) and uses these only when none is given.

const PAPER = paperPairs();

export const HEXACO_INVENTORY = PAPER.rows.name;
export const CSI_INVENTORY = PAPER.columns.name;

export const HEXACO_DOMAINS: readonly string[] = PAPER.rows.domains;
export type HexacoDomain = string;

export const CSI_DOMAINS: readonly string[] = PAPER.columns.domains;
export type CsiDomain = string;

/** The paired CSI domain of each HEXACO domain (the paper's pairing file). */
export const PAIRED_CSI_DOMAIN: Readonly<Record<string, string>> = Object.fromEntries(PAPER.pairs.map((pair) => [pair.row, pair.column]));

/** Domain -> abbreviation over every catalog inventory (the paper's Tables 2-4, 10-15). */
export const DOMAIN_ABBREVIATIONS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...knownInventoryIds().map((id) => catalogEntry(id)?.abbreviations ?? {}),
);

export const HEXACO_COLUMNS: readonly string[] = PAPER.rows.columns;
export const CSI_COLUMNS: readonly string[] = PAPER.columns.columns;

/** The paired column domain of a row domain under a pairing (the paper's when none is given). */
export function pairedDomainOf(rowDomain: string, pairs: ExpectedPairs = PAPER): string | undefined {
  return pairedDomain(pairs, rowDomain);
}

/** The domain part of a `<inventory>:<domain>` column (the column itself when it has no inventory prefix). */
export function domainOf(column: string): string {
  const at = column.indexOf(":");
  return at < 0 ? column : column.slice(at + 1);
}

/** The inventory part of a `<inventory>:<domain>` column, or "" when there is none. */
export function inventoryOf(column: string): string {
  const at = column.indexOf(":");
  return at < 0 ? "" : column.slice(0, at);
}

/**
 * "Extr." for "HEXACO-60:Extraversion": the abbreviation in `abbreviations` (e.g. inventoryAbbreviations of a
 * loaded inventory), else the catalog's for the column's inventory, else any catalog inventory's; else the domain.
 */
export function abbreviate(column: string, abbreviations?: Readonly<Record<string, string>>): string {
  const domain = domainOf(column);
  const own = catalogEntryByName(inventoryOf(column))?.abbreviations;
  return abbreviations?.[domain] ?? own?.[domain] ?? DOMAIN_ABBREVIATIONS[domain] ?? domain;
}
