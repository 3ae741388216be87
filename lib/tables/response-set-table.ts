import { RESPONSE_SET_CUTOFFS, type ResponseSetCounts, type ResponseSetRow } from "../psychometrics/response-sets";
import { formatCorrelation } from "./format";
import { builtTable, left, right, type Table } from "./table";

const fixed = (digits: number) => (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits) : "");

/** Response-set checks per persona and inventory, the flags, and the counts flagged and excluded in the notes. */
export function responseSetTable(
  rows: readonly (ResponseSetRow & { group?: string })[],
  counts: ResponseSetCounts,
  options: { title?: string; simulated?: boolean; name?: string; excludeFlagged: boolean },
): Table {
  const cut = RESPONSE_SET_CUTOFFS;
  return builtTable({ title: "Response-set checks per persona (before scoring)", name: "response-sets" }, options, {
    columns: [
      left("group", "Group"),
      left("personaId", "Persona"),
      left("inventory", "Inventory"),
      right("acquiescence", "Acquiescence", fixed(2)),
      right("agreeBoth", "Agree with both", formatCorrelation),
      right("longestRun", "Longest run"),
      right("itemSd", "Item SD", fixed(2)),
      right("midpointRate", "Midpoint rate", formatCorrelation),
      right("invalidRate", "Invalid rate", formatCorrelation),
      left("flags", "Flags"),
    ],
    rows: rows.map((row) => ({ ...row, group: row.group ?? "", flags: row.flags.join(", ") })),
    notes: [
      `${counts.flagged} of ${counts.personas} personas flagged (acquiescence ${counts.byCheck.acquiescence}, agree with both ${counts.byCheck.agreeBoth}, straight-lining ${counts.byCheck.straightLining}, midpoint ${counts.byCheck.midpoint}, invalid ${counts.byCheck.invalid}); ${counts.excluded} excluded${options.excludeFlagged ? " (--exclude-flagged)" : " (--exclude-flagged not given)"}.`,
      `Cut-offs (docs/analysis.md, "Response sets"): acquiescence >= ${cut.acquiescence}; agree with both >= ${cut.agreeBoth}; longest run >= ${cut.longestRun} or item SD < ${cut.itemSd}; midpoint rate > ${cut.midpointRate}; invalid rate > ${cut.invalidRate}.`,
    ],
  });
}
