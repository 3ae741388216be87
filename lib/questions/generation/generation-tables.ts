import type { ModeSurvivalRow } from "./mode-statistics";
import { formatFixed, formatP } from "../../tables/format";
import type { Table } from "../../tables/table";
import { builtTable, left, right } from "../../tables/table";
import { finiteOrNull } from "../../stats/finite-or-null";


/** RQ2 under both modes: mean shift and mean absolute change per domain, and the paired test of the changes. */
export function modeSurvivalTable(rows: readonly ModeSurvivalRow[], options: { simulated?: boolean } = {}): Table {
  return builtTable({ title: "Original vs re-extracted trait scores, omniscient vs role-play generation", name: "rq2-modes-survival" }, options, {
    columns: [
      left("inventory", "Inventory"), left("domain", "Dimension"), right("personas", "n"),
      right("omniscientShift", "Shift (omniscient)", (value) => formatFixed(value, 2)),
      right("rolePlayShift", "Shift (role-play)", (value) => formatFixed(value, 2)),
      right("omniscientAbsoluteChange", "|Change| (omniscient)", (value) => formatFixed(value, 2)),
      right("rolePlayAbsoluteChange", "|Change| (role-play)", (value) => formatFixed(value, 2)), right("p", "p", formatP),
      right("rankBiserial", "r_rb", (value) => formatFixed(value, 2)),
    ],
    rows: rows.map((row) => ({
      inventory: row.inventory,
      domain: row.domain,
      personas: row.personas,
      omniscientShift: finiteOrNull(row.omniscientShift),
      rolePlayShift: finiteOrNull(row.rolePlayShift),
      omniscientAbsoluteChange: finiteOrNull(row.omniscientAbsoluteChange),
      rolePlayAbsoluteChange: finiteOrNull(row.rolePlayAbsoluteChange),
      p: finiteOrNull(row.p),
      rankBiserial: finiteOrNull(row.rankBiserial),
    })),
    notes: [
      "Shift: mean of re-extracted minus original score; |Change|: mean absolute difference (how far a trait drifts through a dialogue and back).",
      "p: Wilcoxon signed-rank test of |change| under role-play vs omniscient generation, paired by persona (two-sided); r_rb > 0: role-play changes traits more.",
    ],
  });
}
