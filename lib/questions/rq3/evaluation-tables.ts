import type { DialogueStatistics } from "../../analysis/dialogue-statistics";
import type { PairwiseRow } from "../../analysis/pairwise-table";
import { conditionLabel } from "../../analysis/turns";
import { formatNumber, formatP, formatPercent } from "../../tables/format";
import { statisticRows } from "../../tables/statistic-rows";
import type { CellReference, Table, TableColumn } from "../../tables/table";
import { builtTable, left, right } from "../../tables/table";

/** Table 9: win/tie/loss shares per criterion (largest bold, as in the paper) and the sign test p. */
export function pairwiseJudgementTable(rows: readonly PairwiseRow[], options: { title?: string; simulated?: boolean; name?: string } = {}): Table {
  const adjusted = rows.some((row) => row.adjustedP !== undefined);
  const percent = (value: unknown) => formatPercent(value, 0);
  const columns: TableColumn[] = [
    left("criterion", "w/ vs. w/o PT"), right("win", "Win", percent), right("tie", "Tie", percent), right("loss", "Loss", percent), right("n", "n"),
    right("p", "p (sign test)", formatP),
    ...(adjusted ? [{ key: "adjustedP", label: "p (adjusted)", align: "right" as const, format: formatP }] : []),
  ];
  const emphasis: CellReference[] = [];
  const tableRows = rows.map((row, index) => {
    const largest = Math.max(row.winShare, row.tieShare, row.lossShare);
    for (const [key, share] of [["win", row.winShare], ["tie", row.tieShare], ["loss", row.lossShare]] as const) {
      if (share === largest) emphasis.push({ row: index, column: key });
    }
    return {
      criterion: row.criterion,
      win: row.winShare,
      tie: row.tieShare,
      loss: row.lossShare,
      n: row.n,
      p: row.p,
      ...(adjusted ? { adjustedP: row.adjustedP ?? null } : {}),
    };
  });
  return {
    title: options.title ?? "Pairwise evaluation of dialogues generated with vs without personas",
    columns,
    rows: tableRows,
    notes: [
      "Win: the dialogue generated with the persona is better on the criterion. Bold: the most frequent outcome.",
      "p: two-sided exact sign test of wins against losses (ties dropped).",
    ],
    simulated: options.simulated,
    emphasis,
    name: options.name ?? "rq3-pairwise",
  };
}

const STATISTIC_ROWS: readonly [keyof DialogueStatistics, string][] = [
  ["totalWords", "Total Words"],
  ["totalTurns", "Total Turns"],
  ["averageWords", "Avg Words (Total)"],
  ["seekerWords", "Seeker Words"],
  ["seekerTurns", "Seeker Turns"],
  ["averageSeekerWords", "Avg Words (Seeker)"],
  ["supporterWords", "Supporter Words"],
  ["supporterTurns", "Supporter Turns"],
  ["averageSupporterWords", "Avg Words (Supporter)"],
  ["dialogues", "Dialogues"],
];

/** Table 16: one row per statistic, one column per condition. */
export function dialogueStatisticsTable(
  statistics: readonly DialogueStatistics[],
  options: { title?: string; simulated?: boolean; name?: string } = {},
): Table {
  const columns: TableColumn[] = [
    left("statistic", ""),
    ...statistics.map((item) => ({
      key: item.condition,
      label: conditionLabel(item.condition),
      align: "right" as const,
      format: (value: unknown) => formatNumber(value),
    })),
  ];
  const rows = statisticRows(statistics, STATISTIC_ROWS, (item) => item.condition);
  return builtTable({ title: "Statistics of generated dialogues", name: "rq3-dialogue-statistics" }, options, {
    columns,
    rows,
    notes: ["Words are whitespace-separated tokens; averages are words per turn."],
  });
}
