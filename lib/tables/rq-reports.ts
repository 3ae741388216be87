import { pcaAblation, type PcaAblationResult } from "../analysis/pca-ablation";
import { dialogueStatistics, type DialogueStatistics } from "../analysis/dialogue-statistics";
import { pairwiseTable, type PairwiseRow } from "../analysis/pairwise-table";
import { rq1CorrelationsByGroup, type Rq1Group } from "../analysis/rq1-correlations";
import { rq2Consistency, type ConsistencyResult } from "../analysis/rq2-consistency";
import { rq3Strategies, type StrategyResult } from "../analysis/rq3-strategies";
import { rq1Summary, rq2Summary, rq3Summary } from "../analysis/summary";
import { conditionLabel } from "../analysis/turns";
import { pairingAbbreviations, paperPairs, type ExpectedPairs } from "../inventory/expected-pairs";
import type { Correction } from "../stats/adjust";
import { consistencyTable, pcaSpreadTable } from "./consistency-tables";
import { alignmentTable, correlationDetailTable, correlationTable } from "./correlation-tables";
import { dialogueStatisticsTable, pairwiseJudgementTable } from "./evaluation-tables";
import { residualTable, strategyTable } from "./strategy-tables";
import type { Table } from "./table";

// One call per research question: rows in, results + every paper-style table + the summary JSON out. These are
// what a CLI command or a notebook cell needs; all are pure (no files, no randomness beyond the given seed).

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export interface Rq1ReportOptions {
  correction?: Correction;
  /** Fields that split the rows into separate matrices; dataset and model unless given. */
  groupBy?: readonly string[];
  emphasis?: "strongest" | "paired" | "none";
  simulated?: boolean;
  /** Row and column inventories with their expected pairs (lib/inventory expectedPairs); the paper's unless given. */
  pairs?: ExpectedPairs;
}

/** RQ1: a correlation matrix, its alignment check and a detail table per dataset/model group (Tables 2-4, 10-15). */
export function rq1Report(scoreRows: unknown, options: Rq1ReportOptions = {}) {
  const pairs = options.pairs ?? paperPairs();
  const labels = { rows: pairs.rows.label, columns: pairs.columns.label };
  const abbreviations = pairingAbbreviations(pairs);
  const groups: Rq1Group[] = rq1CorrelationsByGroup(scoreRows, { correction: options.correction, groupBy: options.groupBy, pairs });
  const tables: Table[] = groups.flatMap((group) => {
    const known = Object.values(group.group).filter((value) => value.length > 0);
    const suffix = known.length > 0 ? `-${slug(known.join("-"))}` : "";
    const dataset = group.group.dataset;
    const model = group.group.model;
    const where = `${dataset ? ` from ${dataset}` : ""}${model ? ` measured by ${model}` : ""}`;
    return [
      correlationTable(group.matrix, {
        title: `Correlations between ${labels.columns} and ${labels.rows}${where}`,
        labels,
        abbreviations,
        simulated: options.simulated,
        emphasis: options.emphasis,
        alignment: group.alignment,
        name: `rq1-correlations${suffix}`,
      }),
      alignmentTable(group.alignment, { title: `Alignment check${where}`, labels, simulated: options.simulated, name: `rq1-alignment${suffix}` }),
      correlationDetailTable(group.matrix, {
        title: `${labels.rows} x ${labels.columns} correlations with 95% confidence intervals${where}`,
        labels,
        simulated: options.simulated,
        name: `rq1-correlations-detail${suffix}`,
      }),
    ];
  });
  return { groups, tables, summary: rq1Summary(groups, { simulated: options.simulated }) };
}

export interface Rq2ReportOptions {
  /** Scores of personas re-extracted from dialogues generated WITHOUT a persona (the Section 5.3 ablation). */
  withoutRows?: unknown;
  correction?: Correction;
  /** Keep only rows of this condition (see rq2Consistency). */
  condition?: string;
  standardize?: boolean;
  simulated?: boolean;
}

/** RQ2: per-dimension consistency table and, with `withoutRows`, the PCA ablation (spread per condition). */
export function rq2Report(originalRows: unknown, extractedRows: unknown, options: Rq2ReportOptions = {}) {
  const consistency: ConsistencyResult = rq2Consistency(originalRows, extractedRows, {
    correction: options.correction,
    condition: options.condition,
  });
  const ablation: PcaAblationResult | undefined =
    options.withoutRows !== undefined ? pcaAblation(extractedRows, options.withoutRows, { standardize: options.standardize }) : undefined;
  const tables: Table[] = [consistencyTable(consistency, { simulated: options.simulated })];
  if (ablation) tables.push(pcaSpreadTable(ablation, { simulated: options.simulated }));
  return { consistency, ablation, tables, summary: rq2Summary(consistency, ablation, { simulated: options.simulated }) };
}

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
