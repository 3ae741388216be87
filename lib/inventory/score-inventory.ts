import { DataError, UsageError } from "../errors";
import { answerFor, answeredItemIds, classifyAnswer, type AnswerSheet } from "./answer";
import type { Inventory, InventoryItem } from "./inventory-schema";

/** A domain or facet with a smaller share of valid answers than this is scored as missing (null). */
export const DEFAULT_MINIMUM_VALID_SHARE = 0.8;

export interface ScoringOptions {
  /** Share (0..1] of a domain's (or facet's) items that must have a valid answer for it to be scored; default 0.8. */
  minimumValidShare?: number;
}

export interface RespondentAnswers {
  respondent: string;
  answers: AnswerSheet;
}

/** The score of one domain or facet with the answer counts behind it. */
export interface ScaleScore {
  /** Mean of the valid keyed answers, or null when fewer than minimumValidShare of the items were valid. */
  score: number | null;
  items: number;
  valid: number;
  invalid: number;
  missing: number;
}

export interface InvalidItemAnswer {
  item: number;
  raw: string;
}

export interface RespondentScores {
  respondent: string;
  inventory: string;
  domains: Record<string, ScaleScore>;
  /** domain -> facet -> score; items without a facet are left out. */
  facets: Record<string, Record<string, ScaleScore>>;
  invalidAnswers: number;
  missingAnswers: number;
  /** Every invalid answer with its raw text, in item order. */
  invalid: InvalidItemAnswer[];
}

/** A flat row: respondent, one column per domain (and per facet if asked), answer counts. */
export type ScoreRow = { respondent: string; invalidAnswers: number; missingAnswers: number } & Record<
  string,
  string | number | null
>;

export function resolveMinimumValidShare(options: ScoringOptions = {}): number {
  const share = options.minimumValidShare ?? DEFAULT_MINIMUM_VALID_SHARE;
  if (!(typeof share === "number" && share > 0 && share <= 1)) {
    throw new UsageError(`minimumValidShare must be a number in (0, 1], got ${String(share)}`);
  }
  return share;
}

/** The keyed value of a valid answer: a reversed item scores min + max - x. */
export function keyedValue(item: InventoryItem, value: number, inventory: Inventory): number {
  return item.reversed ? inventory.scale.min + inventory.scale.max - value : value;
}

/** Column name for a facet in flat rows: `<domain>/<facet>` (facet names repeat across domains). */
export function facetColumn(domain: string, facet: string): string {
  return `${domain}/${facet}`;
}

/** The [domain, facet] pairs of an inventory: domains in inventory order, facets in order of first item id. */
export function inventoryFacets(inventory: Inventory): [string, string][] {
  const items = [...inventory.items].sort((a, b) => a.id - b.id);
  return inventory.domains.flatMap((domain) => {
    const facets = new Set(items.filter((item) => item.domain === domain && item.facet !== undefined).map((item) => item.facet!));
    return [...facets].map((facet): [string, string] => [domain, facet]);
  });
}

class Accumulator {
  items = 0;
  valid = 0;
  invalid = 0;
  missing = 0;
  sum = 0;

  add(kind: "valid" | "invalid" | "missing", keyed: number): void {
    this.items += 1;
    if (kind === "valid") {
      this.valid += 1;
      this.sum += keyed;
    } else if (kind === "invalid") this.invalid += 1;
    else this.missing += 1;
  }

  finish(minimumValidShare: number): ScaleScore {
    // Compare the share itself (not valid >= share * items) so that e.g. 7/10 against 0.7 is not lost to rounding.
    const enough = this.valid > 0 && this.valid / this.items >= minimumValidShare - 1e-12;
    return {
      score: enough ? this.sum / this.valid : null,
      items: this.items,
      valid: this.valid,
      invalid: this.invalid,
      missing: this.missing,
    };
  }
}

/** Scores one respondent's answers on one inventory. Answers for ids the inventory lacks are a DataError. */
export function scoreRespondent(
  inventory: Inventory,
  respondent: RespondentAnswers,
  options: ScoringOptions = {},
): RespondentScores {
  const minimumValidShare = resolveMinimumValidShare(options);
  const known = new Set(inventory.items.map((item) => item.id));
  for (const id of answeredItemIds(respondent.answers)) {
    if (!known.has(id)) {
      throw new DataError(`answer given for item ${id}, which inventory "${inventory.name}" does not have`, {
        record: respondent.respondent,
        field: String(id),
      });
    }
  }
  const domainTotals = new Map<string, Accumulator>(inventory.domains.map((domain) => [domain, new Accumulator()]));
  const facetTotals = new Map<string, Map<string, Accumulator>>(inventory.domains.map((domain) => [domain, new Map()]));
  const invalid: InvalidItemAnswer[] = [];
  let missingAnswers = 0;
  const items = [...inventory.items].sort((a, b) => a.id - b.id);
  for (const item of items) {
    const answer = classifyAnswer(answerFor(respondent.answers, item.id), inventory.scale);
    const keyed = answer.kind === "valid" ? keyedValue(item, answer.value, inventory) : 0;
    if (answer.kind === "invalid") invalid.push({ item: item.id, raw: answer.raw });
    if (answer.kind === "missing") missingAnswers += 1;
    domainTotals.get(item.domain)!.add(answer.kind, keyed);
    if (item.facet !== undefined) {
      const facets = facetTotals.get(item.domain)!;
      if (!facets.has(item.facet)) facets.set(item.facet, new Accumulator());
      facets.get(item.facet)!.add(answer.kind, keyed);
    }
  }
  const domains: Record<string, ScaleScore> = {};
  const facets: Record<string, Record<string, ScaleScore>> = {};
  for (const domain of inventory.domains) {
    domains[domain] = domainTotals.get(domain)!.finish(minimumValidShare);
    facets[domain] = {};
    for (const [facet, totals] of facetTotals.get(domain)!) facets[domain][facet] = totals.finish(minimumValidShare);
  }
  return {
    respondent: respondent.respondent,
    inventory: inventory.name,
    domains,
    facets,
    invalidAnswers: invalid.length,
    missingAnswers,
    invalid,
  };
}

/** Flattens one respondent's scores to a row: respondent, domains in inventory order, [facets], counts. */
export function scoreRowOf(scores: RespondentScores, withFacets = false): ScoreRow {
  const row: Record<string, string | number | null> = { respondent: scores.respondent };
  for (const [domain, score] of Object.entries(scores.domains)) row[domain] = score.score;
  if (withFacets) {
    for (const [domain, facets] of Object.entries(scores.facets)) {
      for (const [facet, score] of Object.entries(facets)) row[facetColumn(domain, facet)] = score.score;
    }
  }
  row.invalidAnswers = scores.invalidAnswers;
  row.missingAnswers = scores.missingAnswers;
  return row as ScoreRow;
}

/** Scores many respondents; respondent names must be unique. */
export function scoreAllRespondents(
  inventory: Inventory,
  respondents: readonly RespondentAnswers[],
  options: ScoringOptions = {},
): RespondentScores[] {
  const seen = new Set<string>();
  return respondents.map((respondent) => {
    if (seen.has(respondent.respondent)) {
      throw new DataError(`respondent "${respondent.respondent}" appears twice`, {
        record: respondent.respondent,
        field: "respondent",
      });
    }
    seen.add(respondent.respondent);
    return scoreRespondent(inventory, respondent, options);
  });
}

/** Plain-rows variant of scoreRespondents (no DataFrame): one row per respondent. */
export function scoreRespondentRows(
  inventory: Inventory,
  respondents: readonly RespondentAnswers[],
  options: ScoringOptions & { facets?: boolean } = {},
): ScoreRow[] {
  return scoreAllRespondents(inventory, respondents, options).map((scores) => scoreRowOf(scores, options.facets));
}
