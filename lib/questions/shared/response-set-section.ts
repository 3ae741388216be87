import { UsageError } from "../../errors";
import type { Inventory } from "../../inventory/inventory-schema";
import type { ItemAnswer } from "../../psychometrics/item-matrix";
import { flaggedPersonas, responseSetChecks, responseSetCounts, type ResponseSetCounts, type ResponseSetRow } from "../../psychometrics/response-sets";
import { responseSetTable } from "../../tables/response-set-table";
import type { Table } from "../../tables/table";

/** The response-set checks of a question's answers: rows, counts, the personas to leave out and the table. */
export interface ResponseSetSection {
  rows: Array<ResponseSetRow & { group: string }>;
  counts: ResponseSetCounts;
  /** The personas left out of the statistics (empty unless excludeFlagged). */
  excluded: ReadonlySet<string>;
  table: Table;
}

/** Runs the response-set checks per group (dataset) of answer rows, before scoring (rq1, psychometrics). */
export function responseSetSection(
  groups: ReadonlyArray<{ group: string; rows: readonly ItemAnswer[] }>,
  inventories: readonly Inventory[],
  options: { excludeFlagged: boolean; simulated: boolean; name?: string },
): ResponseSetSection {
  const rows = groups.flatMap(({ group, rows: answers }) => responseSetChecks(answers, inventories).map((row) => ({ ...row, group })));
  const counts = responseSetCounts(rows, options.excludeFlagged);
  const excluded = options.excludeFlagged ? flaggedPersonas(rows) : new Set<string>();
  if (counts.personas > 0 && excluded.size === counts.personas) {
    throw new UsageError(`--exclude-flagged leaves no persona: all ${counts.personas} were flagged by the response-set checks (${Object.entries(counts.byCheck).filter(([, count]) => count > 0).map(([check, count]) => `${check} ${count}`).join(", ")}); run without --exclude-flagged to see the checks per persona`);
  }
  return { rows, counts, excluded, table: responseSetTable(rows, counts, { simulated: options.simulated, excludeFlagged: options.excludeFlagged, name: options.name }) };
}
