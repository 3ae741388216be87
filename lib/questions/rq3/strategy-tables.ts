import type { StrategyLabel } from "../../data/types";
import type { ChiSquareSummary, StrategyResult } from "./rq3-strategies";
import { conditionLabel } from "../../analysis/turns";
import { formatFixed, formatP, formatPercent } from "../../tables/format";
import type { Table, TableColumn } from "../../tables/table";

/** The strategy names as the paper's Tables 5-8 print them. */
export const STRATEGY_SHORT_NAMES: Readonly<Record<StrategyLabel, string>> = {
  Question: "question",
  "Restatement or Paraphrasing": "restatement or paraph.",
  "Reflection of feelings": "reflection of feelings",
  "Self-disclosure": "self-disclosure",
  "Affirmation and Reassurance": "affirmation and reass.",
  "Providing Suggestions": "providing suggestions",
  Information: "information",
  Others: "others",
};

/** "chi2(7) = 123.45, p < .001, Cramer's V = .21" for a note. */
export function describeChiSquare(test: ChiSquareSummary): string {
  const p = formatP(test.p);
  return `chi2(${test.degreesOfFreedom}) = ${formatFixed(test.statistic)}, p ${p.startsWith("<") ? p : `= ${p}`}, Cramer's V = ${formatFixed(test.cramersV, 2).replace(/^0\./, ".")}`;
}

export interface StrategyTableOptions {
  /** Conditions shown as columns (two for Tables 5-8); all analysed conditions unless given. */
  conditions?: readonly string[];
  /** Add a "[low, high]" interval column after each share column. */
  intervals?: boolean;
  title?: string;
  simulated?: boolean;
  name?: string;
}

/** Tables 5-8: strategy shares per condition, as "27.23%", with the chi-square test in the notes. */
export function strategyTable(result: StrategyResult, options: StrategyTableOptions = {}): Table {
  const conditions = options.conditions ? [...options.conditions] : result.conditions;
  const columns: TableColumn[] = [{ key: "strategy", label: "Strategy", align: "left" }];
  for (const condition of conditions) {
    columns.push({ key: condition, label: conditionLabel(condition), align: "right", format: (value) => formatPercent(value) });
    if (options.intervals) {
      columns.push({
        key: `${condition} interval`,
        label: `${conditionLabel(condition)} 95% CI`,
        align: "right",
        format: (value) => String(value),
      });
    }
  }
  const rows = result.strategies.map((strategy) => {
    const row: Record<string, string | number | null> = { strategy: STRATEGY_SHORT_NAMES[strategy] };
    for (const condition of conditions) {
      const share = result.shares.find((item) => item.condition === condition && item.strategy === strategy);
      row[condition] = share && Number.isFinite(share.share) ? share.share : null;
      if (options.intervals) {
        row[`${condition} interval`] =
          share && Number.isFinite(share.low) ? `[${(share.low * 100).toFixed(2)}, ${(share.high * 100).toFixed(2)}]` : null;
      }
    }
    return row;
  });
  const notes: string[] = [];
  const counts = conditions.map((condition) => {
    const index = result.conditions.indexOf(condition);
    return `${conditionLabel(condition)}: ${result.labelledTurns[index]} labelled supporter turns in ${result.dialogues[index]} dialogues${
      result.unlabelledTurns[index] > 0 ? ` (${result.unlabelledTurns[index]} unlabelled, excluded)` : ""
    }`;
  });
  notes.push(`Share of each strategy among labelled supporter turns. ${counts.join("; ")}.`);
  const test =
    conditions.length === 2
      ? result.pairwise.find((item) => item.conditions.includes(conditions[0]) && item.conditions.includes(conditions[1]))
      : conditions.length === result.conditions.length
        ? (result.chiSquare ?? undefined)
        : undefined;
  if (test) notes.push(`Chi-square test of independence (condition x strategy): ${describeChiSquare(test)}.`);
  if (options.intervals) {
    notes.push(
      `95% percentile bootstrap intervals over ${result.bootstrap.resamples} resamples of dialogues (seed ${String(result.bootstrap.seed)}).`,
    );
  }
  return {
    title: options.title ?? `Strategy distribution: ${conditions.map(conditionLabel).join(" vs ")}`,
    columns,
    rows,
    notes,
    simulated: options.simulated,
    name: options.name ?? `rq3-strategies-${conditions.join("-")}`,
  };
}

/** Adjusted standardized residuals of a chi-square test: one row per strategy, one column per condition. */
export function residualTable(test: ChiSquareSummary, options: { title?: string; simulated?: boolean; name?: string } = {}): Table {
  const columns: TableColumn[] = [
    { key: "strategy", label: "Strategy", align: "left" },
    ...test.conditions.map((condition) => ({
      key: condition,
      label: conditionLabel(condition),
      align: "right" as const,
      format: (value: unknown) => formatFixed(value, 2),
    })),
  ];
  const emphasis: { row: number; column: string }[] = [];
  const rows = test.strategies.map((strategy, rowIndex) => {
    const row: Record<string, string | number | null> = { strategy: STRATEGY_SHORT_NAMES[strategy] };
    for (const condition of test.conditions) {
      const cell = test.residuals.find((item) => item.condition === condition && item.strategy === strategy);
      row[condition] = cell && Number.isFinite(cell.residual) ? cell.residual : null;
      if (cell && Math.abs(cell.residual) > 1.96) emphasis.push({ row: rowIndex, column: condition });
    }
    return row;
  });
  return {
    title: options.title ?? `Adjusted standardized residuals: ${test.conditions.map(conditionLabel).join(" vs ")}`,
    columns,
    rows,
    notes: [`${describeChiSquare(test)}.`, "Bold: |residual| > 1.96 (the cell departs from independence at the 5% level, unadjusted)."],
    simulated: options.simulated,
    emphasis,
    name: options.name ?? `rq3-residuals-${test.conditions.join("-")}`,
  };
}
