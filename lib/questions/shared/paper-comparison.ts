import type { PersonaCardStatistics } from "../../analysis/persona-card-statistics";
import type { PairwiseRow } from "../../analysis/pairwise-table";
import { PAIRED_CSI_DOMAIN, type HexacoDomain } from "../../analysis/domains";
import type { Rq1Group } from "../../analysis/rq1-correlations";
import type { ConsistencyResult } from "../rq2/rq2-consistency";
import type { StrategyResult } from "../rq3/rq3-strategies";
import { formatCorrelation, formatNumber, formatP, formatPercent } from "../../tables/format";
import type { CellValue, Table } from "../../tables/table";
import { paperPairedCorrelations, paperTablesOf, tableRange, PAPER_RQ2_SHIFT, PAPER_STRATEGY_SHARES, PAPER_TABLE1, PAPER_TABLE9 } from "../../reports/paper-numbers";
import { datasetLabel } from "../../reports/run-options";
import { center, left, right } from "../../tables/table";
import { dataBesideThePaper, rq1BesideThePaper, rq3BesideThePaper } from "../../reports/beside-the-paper";

const text = (value: CellValue) => (value === null ? "" : String(value));

/** Table 1 of this run beside the paper's, one row per statistic and dataset. */
export function compareTable1(statistics: readonly PersonaCardStatistics[], simulated: boolean): Table {
  const fields = ["personas", "averageDescriptionWords", "averageProblemWords", "withAge", "withGender", "withOccupation"] as const;
  return {
    name: "paper-table1",
    title: "Table 1: this run vs the paper",
    simulated,
    columns: [
      left("dataset", "Dataset"), left("statistic", "Statistic"), right("run", "This run", formatNumber), right("paper", "Paper", formatNumber),
    ],
    rows: statistics.flatMap((item) =>
      fields.map((field) => ({ dataset: datasetLabel(item.dataset), statistic: field, run: item[field] as number, paper: (PAPER_TABLE1[item.dataset]?.[field] as number | undefined) ?? null })),
    ),
    notes: ["The paper extracted every card of each dataset; a run with a small N counts only its sample, so compare averages, not counts.", ...dataBesideThePaper()],
  };
}

/**
 * The alignment check of each dataset/model group beside the paper's paired correlations of the same dataset:
 * Tables 2-4 beside ESConv, 10-12 beside CAMS, 13-15 beside Dreaddit; nothing beside outside cards.
 */
export function compareRq1(groups: readonly Rq1Group[], simulated: boolean): Table {
  const models = Object.keys(paperPairedCorrelations("esconv"));
  const datasets = [...new Set(groups.map((group) => group.group.dataset))];
  const outside = datasets.filter((dataset) => paperTablesOf(dataset).length === 0);
  const tablesNamed = datasets
    .filter((dataset) => paperTablesOf(dataset).length)
    .map((dataset) => `${tableRange(paperTablesOf(dataset))} (${datasetLabel(dataset!)})`);
  return {
    name: "paper-rq1",
    title: `Paired HEXACO-CSI correlations: this run vs the paper's Tables ${tablesNamed.join(", ") || "2-4, 10-15"}`,
    simulated,
    columns: [
      left("group", "Run group"), left("pair", "HEXACO <-> CSI"), right("r", "r (this run)", formatCorrelation),
      center("aligned", "aligned (paired |r| largest in row)", (value) => (value ? "yes" : "no")),
      left("paperTables", "paper tables", text),
      ...models.map((model) => ({ key: model, label: `paper ${model}`, align: "right" as const, format: formatCorrelation })),
    ],
    rows: groups.flatMap((group) => {
      const paper = paperPairedCorrelations(group.group.dataset);
      const tables = tableRange(paperTablesOf(group.group.dataset));
      return group.alignment.map((row) => {
        const domain = row.hexacoDomain as HexacoDomain;
        return {
          group: group.label,
          pair: `${domain} <-> ${PAIRED_CSI_DOMAIN[domain] ?? "?"}`,
          r: row.pairedR,
          aligned: row.aligned,
          paperTables: tables || null,
          ...Object.fromEntries(models.map((model) => [model, paper[model]?.[domain] ?? null])),
        };
      });
    }),
    notes: [
      ...(outside.length ? [`No paper values beside ${outside.map((dataset) => dataset ?? "outside cards").join(", ")}: the paper did not measure these cards.`] : []),
      ...rq1BesideThePaper(),
    ],
  };
}

/** The mean shift per HEXACO dimension beside the direction the paper reports (Section 5.2). */
export function compareRq2(consistency: ConsistencyResult, simulated: boolean): Table {
  const direction = (shift: number, p: number) => (!Number.isFinite(p) || p >= 0.05 ? "similar" : shift > 0 ? "higher" : "lower");
  return {
    name: "paper-rq2",
    title: "Re-extracted vs original HEXACO scores: this run vs the paper (Section 5.2, Figures 5-7)",
    simulated,
    columns: [
      left("domain", "HEXACO domain"), right("meanShift", "mean shift", (value) => (typeof value === "number" ? value.toFixed(2) : "NA")),
      right("p", "Wilcoxon p", formatP), left("run", "this run", text), left("paper", "paper", text),
    ],
    rows: consistency.rows
      .filter((row) => row.inventory === "HEXACO-60")
      .map((row) => ({ domain: row.domain, meanShift: row.meanShift, p: row.p, run: direction(row.meanShift, row.p), paper: PAPER_RQ2_SHIFT[row.domain] ?? null })),
    notes: ["'similar' means p >= .05 here; the paper judges by eye from box plots (no test), so only the directions compare."],
  };
}

/** Strategy shares per condition beside Table 5 (gpt-4o-mini, with vs without traits) and Table 8 (HEXACO vs CSI; the paper does not name its model). */
export function compareRq3(strategies: StrategyResult, simulated: boolean): Table {
  const conditions = strategies.conditions.filter((condition) => PAPER_STRATEGY_SHARES[condition]);
  const share = (condition: string, strategy: string) => strategies.shares.find((item) => item.condition === condition && item.strategy === strategy)?.share ?? null;
  return {
    name: "paper-rq3",
    title: "Strategy shares: this run vs the paper's Table 5 (gpt-4o-mini) and Table 8 (model not stated)",
    simulated,
    columns: [
      left("strategy", "Strategy"),
      ...conditions.flatMap((condition) => [
        { key: `run:${condition}`, label: `${condition} (run)`, align: "right" as const, format: formatPercent },
        { key: `paper:${condition}`, label: `${condition} (paper)`, align: "right" as const, format: formatPercent },
      ]),
    ],
    rows: strategies.strategies.map((strategy) => ({
      strategy,
      ...Object.fromEntries(conditions.flatMap((condition) => [[`run:${condition}`, share(condition, strategy)], [`paper:${condition}`, PAPER_STRATEGY_SHARES[condition][strategy] ?? null]])),
    })),
    notes: ["both = w/ PT, none = w/o PT (Table 5); hexaco and csi as Table 8.", ...rq3BesideThePaper()],
  };
}

/** The pairwise judgements (an LLM judge here) beside the paper's human evaluation (Table 9). */
export function compareTable9(pairwise: readonly PairwiseRow[], simulated: boolean): Table {
  return {
    name: "paper-table9",
    title: "With vs without persona traits: this run's judge vs the paper's human evaluation (Table 9)",
    simulated,
    columns: [
      left("criterion", "Criterion"), right("win", "win (run)", (value) => formatPercent(value, 0)),
      right("tie", "tie (run)", (value) => formatPercent(value, 0)), right("loss", "loss (run)", (value) => formatPercent(value, 0)),
      right("paperWin", "win (paper)", (value) => formatPercent(value, 0)), right("paperTie", "tie (paper)", (value) => formatPercent(value, 0)),
      right("paperLoss", "loss (paper)", (value) => formatPercent(value, 0)),
    ],
    rows: pairwise.map((row) => ({
      criterion: row.criterion,
      win: row.winShare,
      tie: row.tieShare,
      loss: row.lossShare,
      paperWin: PAPER_TABLE9[row.criterion]?.win ?? null,
      paperTie: PAPER_TABLE9[row.criterion]?.tie ?? null,
      paperLoss: PAPER_TABLE9[row.criterion]?.loss ?? null,
    })),
    notes: ["The paper's numbers are from 10 human annotators on 50 pairs; this run uses the LLM judge of Section 6.2's criteria."],
  };
}

