import { UsageError } from "../errors";
import type { AnswerSheet } from "./answer";
import type { Inventory } from "./inventory-schema";
import { scoreColumn } from "./score-columns";
import { scoreRespondent, type RespondentScores, type ScoringOptions } from "./score-inventory";

export interface InventoryAnswers {
  inventory: Inventory;
  answers: AnswerSheet;
}

/**
 * One respondent scored on several inventories: `respondent`, one `<inventory name>:<domain>` column per domain
 * (null when missing), and the invalid and missing answer counts summed over the inventories. The column names
 * of the counts contain no ":" so parseScoreColumn never mistakes them for domains.
 */
export type WideScoreRow = { respondent: string; invalidAnswers: number; missingAnswers: number } & Record<
  string,
  string | number | null
>;

/** The score columns of a wide row, in order: inventories as given, domains in inventory order. */
export function wideScoreColumns(inventories: readonly Inventory[]): string[] {
  return inventories.flatMap((inventory) => inventory.domains.map((domain) => scoreColumn(inventory.name, domain)));
}

/** Scores e.g. HEXACO-60 and CSI answers of one persona into one wide row; `details` keeps per-inventory counts. */
export function scoreWideRow(
  respondent: string,
  parts: readonly InventoryAnswers[],
  options: ScoringOptions = {},
): { row: WideScoreRow; details: RespondentScores[] } {
  const names = new Set<string>();
  for (const part of parts) {
    if (names.has(part.inventory.name)) throw new UsageError(`inventory "${part.inventory.name}" given twice`);
    names.add(part.inventory.name);
  }
  const details = parts.map((part) => scoreRespondent(part.inventory, { respondent, answers: part.answers }, options));
  const row: Record<string, string | number | null> = { respondent };
  details.forEach((scores) => {
    for (const [domain, score] of Object.entries(scores.domains)) row[scoreColumn(scores.inventory, domain)] = score.score;
  });
  row.invalidAnswers = details.reduce((total, scores) => total + scores.invalidAnswers, 0);
  row.missingAnswers = details.reduce((total, scores) => total + scores.missingAnswers, 0);
  return { row: row as WideScoreRow, details };
}
