import { dialogueStatistics, type DialogueStatistics } from "../../analysis/dialogue-statistics";
import { pairwiseTable, type PairwiseRow } from "../../analysis/pairwise-table";
import { rq3Strategies, type StrategyResult } from "./rq3-strategies";
import { rq3Summary } from "./rq3-summary";
import { conditionLabel } from "../../analysis/turns";
import { dialogueStatisticsTable, pairwiseJudgementTable } from "./evaluation-tables";
import { residualTable, strategyTable } from "./strategy-tables";
import type { Table } from "../../tables/table";

// RQ3's report: rows in, results + every paper-style table + the summary JSON out (pure).

export interface Rq3ReportOptions {
  /** Pairwise judgements (Table 9), when there are any. */
  judgements?: unknown;
  resamples?: number;
  seed?: number | string;
  simulated?: boolean;
}

/**
 * RQ3: strategy distributions (Tables 5-7: with vs without traits; Table 8: HEXACO vs CSI; plus all conditions
 * with bootstrap intervals), residual tables, dialogue statistics (Table 16) and the pairwise table (Table 9).
 */
export function rq3Report(turnRows: unknown, options: Rq3ReportOptions = {}) {
  const strategies: StrategyResult = rq3Strategies(turnRows, { resamples: options.resamples, seed: options.seed });
  const statistics: DialogueStatistics[] = dialogueStatistics(turnRows);
  const pairwise: PairwiseRow[] | undefined = options.judgements !== undefined ? pairwiseTable(options.judgements) : undefined;
  const simulated = options.simulated;
  const tables: Table[] = [];
  const has = (condition: string) => strategies.conditions.includes(condition);
  const pairs: [string, string, string][] = [
    ["both", "none", "Strategy distribution with persona traits (PT) and without"],
    ["hexaco", "csi", "Strategy distribution with HEXACO scores and with CSI scores"],
  ];
  for (const [first, second, title] of pairs) {
    if (!has(first) || !has(second)) continue;
    tables.push(strategyTable(strategies, { conditions: [first, second], title, simulated, name: `rq3-strategies-${first}-${second}` }));
    const test = strategies.pairwise.find((item) => item.conditions[0] === first && item.conditions[1] === second);
    if (test) tables.push(residualTable(test, { simulated, name: `rq3-residuals-${first}-${second}` }));
  }
  tables.push(
    strategyTable(strategies, {
      intervals: true,
      title: `Strategy distribution per condition (${strategies.conditions.map(conditionLabel).join(", ")}) with 95% bootstrap intervals`,
      simulated,
      name: "rq3-strategies-all",
    }),
  );
  if (strategies.chiSquare && strategies.conditions.length > 2) {
    tables.push(residualTable(strategies.chiSquare, { simulated, name: "rq3-residuals-all" }));
  }
  tables.push(dialogueStatisticsTable(statistics, { simulated }));
  if (pairwise && pairwise.length > 0) tables.push(pairwiseJudgementTable(pairwise, { simulated }));
  return { strategies, statistics, pairwise, tables, summary: rq3Summary(strategies, pairwise, { simulated }) };
}
