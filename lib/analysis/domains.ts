import { scoreColumn } from "../inventory/score-columns";

// Inventory names as written in the inventory files, and the domain lists in the order of the paper's
// Tables 2-4: HEXACO rows and CSI columns are listed so that the theoretically paired domains (De Vries et
// al., 2013; paper Section 4.1) share a position.
export const HEXACO_INVENTORY = "HEXACO-60";
export const CSI_INVENTORY = "CSI";

export const HEXACO_DOMAINS = [
  "Extraversion",
  "Conscientiousness",
  "Agreeableness",
  "Openness to Experience",
  "Emotionality",
  "Honesty-Humility",
] as const;
export type HexacoDomain = (typeof HEXACO_DOMAINS)[number];

export const CSI_DOMAINS = [
  "Expressiveness",
  "Preciseness",
  "Verbal Aggressiveness",
  "Questioningness",
  "Emotionality",
  "Impression Manipulativeness",
] as const;
export type CsiDomain = (typeof CSI_DOMAINS)[number];

/** The paired CSI domain of each HEXACO domain (the strongest correlation expected by theory). */
export const PAIRED_CSI_DOMAIN: Readonly<Record<HexacoDomain, CsiDomain>> = {
  Extraversion: "Expressiveness",
  Conscientiousness: "Preciseness",
  Agreeableness: "Verbal Aggressiveness",
  "Openness to Experience": "Questioningness",
  Emotionality: "Emotionality",
  "Honesty-Humility": "Impression Manipulativeness",
};

/** The paper's abbreviations (Tables 2-4, 10-15). */
export const DOMAIN_ABBREVIATIONS: Readonly<Record<string, string>> = {
  Extraversion: "Extr.",
  Conscientiousness: "Cons.",
  Agreeableness: "Agre.",
  "Openness to Experience": "Open.",
  Emotionality: "Emot.",
  "Honesty-Humility": "Hone.",
  Expressiveness: "Expr.",
  Preciseness: "Prec.",
  "Verbal Aggressiveness": "Verb.",
  Questioningness: "Ques.",
  "Impression Manipulativeness": "Impr.",
};

export const HEXACO_COLUMNS: readonly string[] = HEXACO_DOMAINS.map((domain) => scoreColumn(HEXACO_INVENTORY, domain));
export const CSI_COLUMNS: readonly string[] = CSI_DOMAINS.map((domain) => scoreColumn(CSI_INVENTORY, domain));

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

/** "Extr." for "HEXACO-60:Extraversion"; the domain itself when the paper has no abbreviation for it. */
export function abbreviate(column: string): string {
  const domain = domainOf(column);
  return DOMAIN_ABBREVIATIONS[domain] ?? domain;
}
