import type { DataFrame } from "danfojs-node";
import { loadDanfo } from "./load-danfo";
import type { Inventory } from "../inventory/inventory-schema";
import {
  facetColumn,
  inventoryFacets,
  scoreRespondentRows,
  type RespondentAnswers,
  type ScoreRow,
  type ScoringOptions,
} from "../inventory/score-inventory";
import { scoreWideRow, wideScoreColumns, type InventoryAnswers, type WideScoreRow } from "../inventory/score-wide";

// The inventory scorer's DataFrame edges live here (lib/tables), apart from the pure scorer in lib/inventory, so the CLI and library callers that only need plain
// rows do not pay for loading danfojs (several seconds).

function columnsOf(inventory: Inventory, withFacets: boolean): string[] {
  const columns = ["respondent", ...inventory.domains];
  if (withFacets) {
    for (const [domain, facet] of inventoryFacets(inventory)) columns.push(facetColumn(domain, facet));
  }
  return [...columns, "invalidAnswers", "missingAnswers"];
}

/** Turns rows into a DataFrame with the given column order (an empty list still yields the columns). */
export function rowsToDataFrame(rows: readonly Record<string, unknown>[], columns: string[]): DataFrame {
  const { DataFrame } = loadDanfo();
  if (rows.length === 0) return new DataFrame([], { columns });
  return new DataFrame(rows.map((row) => columns.map((column) => row[column] ?? null)), { columns });
}

/**
 * Scores many respondents on one inventory: a DataFrame with one row per respondent and columns `respondent`,
 * one per domain (null = missing under the minimum-valid-share rule), optionally `<domain>/<facet>` columns,
 * `invalidAnswers` and `missingAnswers`.
 */
export function scoreRespondents(
  inventory: Inventory,
  respondents: readonly RespondentAnswers[],
  options: ScoringOptions & { facets?: boolean } = {},
): DataFrame {
  const rows: ScoreRow[] = scoreRespondentRows(inventory, respondents, options);
  return rowsToDataFrame(rows, columnsOf(inventory, options.facets ?? false));
}

/** Many respondents on several inventories: one wide row each with `<inventory name>:<domain>` columns. */
export function scoreWideTable(
  respondents: readonly { respondent: string; parts: readonly InventoryAnswers[] }[],
  inventories: readonly Inventory[],
  options: ScoringOptions = {},
): DataFrame {
  const rows: WideScoreRow[] = respondents.map((entry) => scoreWideRow(entry.respondent, entry.parts, options).row);
  return rowsToDataFrame(rows, ["respondent", ...wideScoreColumns(inventories), "invalidAnswers", "missingAnswers"]);
}
