import type { ModeSurvivalRow } from "./mode-statistics";
import { formatFixed, formatP } from "../../tables/format";
import type { Table } from "../../tables/table";
import { finiteOrNull } from "../../stats/finite-or-null";


/** RQ2 under both modes: mean shift and mean absolute change per domain, and the paired test of the changes. */
export function modeSurvivalTable(rows: readonly ModeSurvivalRow[], options: { simulated?: boolean } = {}): Table {
  return {
    title: "Original vs re-extracted trait scores, omniscient vs role-play generation",
    name: "rq2-modes-survival",
    simulated: options.simulated,
    columns: [
      { key: "inventory", label: "Inventory", align: "left" },
      { key: "domain", label: "Dimension", align: "left" },
      { key: "personas", label: "n", align: "right" },
      { key: "omniscientShift", label: "Shift (omniscient)", align: "right", format: (value) => formatFixed(value, 2) },
      { key: "rolePlayShift", label: "Shift (role-play)", align: "right", format: (value) => formatFixed(value, 2) },
      { key: "omniscientAbsoluteChange", label: "|Change| (omniscient)", align: "right", format: (value) => formatFixed(value, 2) },
      { key: "rolePlayAbsoluteChange", label: "|Change| (role-play)", align: "right", format: (value) => formatFixed(value, 2) },
      { key: "p", label: "p", align: "right", format: formatP },
      { key: "rankBiserial", label: "r_rb", align: "right", format: (value) => formatFixed(value, 2) },
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
  };
}
