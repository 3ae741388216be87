import { PAPER_STRATEGY_TABLES, PAPER_TABLE1, PAPER_TABLE9, PAPER_TABLE16, paperAlignmentSentences, paperStatement } from "./paper-numbers";
import { datasetLabel } from "./run-options";

// The "Beside the paper" sentences of the notebooks and the comparison tables' notes. Every number in them is
// computed from lib/reports/paper-numbers.json; the paper's own claims appear only quoted ("The paper states").

const percent = (share: number, digits = 2) => `${(share * 100).toFixed(digits)}%`;
const grouped = (value: number) => value.toLocaleString("en-US");
const words = (value: number) => value.toFixed(2);

function table1Sentence(): string {
  const parts = Object.entries(PAPER_TABLE1).map(
    ([dataset, row]) =>
      `${datasetLabel(dataset)} ${grouped(row.personas as number)} personas, ${row.averageDescriptionWords} words of description and ${row.averageProblemWords} of problem on average, ` +
      `${grouped(row.withAge as number)} with age, ${grouped(row.withGender as number)} with gender, ${grouped(row.withOccupation as number)} with occupation`,
  );
  return `The paper's Table 1 (every card of each dataset): ${parts.join("; ")}. With a small N compare the averages and shares, not the counts.`;
}

function strategySentences(): string[] {
  const table5 = PAPER_STRATEGY_TABLES["5"];
  const both = table5.conditions.both;
  const none = table5.conditions.none;
  const strategies = Object.keys(both);
  const higher = strategies.filter((strategy) => both[strategy] > none[strategy]);
  const lower = strategies.filter((strategy) => both[strategy] < none[strategy]);
  const table8 = PAPER_STRATEGY_TABLES["8"].conditions;
  const largestGap = strategies.map((strategy) => ({ strategy, gap: Math.abs(table8.hexaco[strategy] - table8.csi[strategy]) })).sort((a, b) => b.gap - a.gap)[0];
  const win = Object.entries(PAPER_TABLE9).map(([criterion, row]) => `${criterion} ${percent(row.win, 0)} / ${percent(row.loss, 0)}`);
  return [
    `The paper's Table 5 (${table5.model}) shows with vs without persona traits: ${strategies.map((strategy) => `${strategy} ${percent(both[strategy])} vs ${percent(none[strategy])}`).join(", ")}; ` +
      `higher with traits: ${higher.join(", ")}; lower: ${lower.join(", ")}.`,
    `The paper's Table 8 shows HEXACO-only and CSI-only shares differing by at most ${(largestGap.gap * 100).toFixed(2)} percentage points (${largestGap.strategy}).`,
    paperStatement("rq3"),
    `The paper's Table 9 (human raters) shows the with-persona dialogue winning / losing: ${win.join(", ")}.`,
  ];
}

function table16Sentence(): string {
  const withPersona = PAPER_TABLE16.withPersona;
  const without = PAPER_TABLE16.withoutPersona;
  return (
    `The paper's Table 16 shows ${grouped(withPersona.totalTurns)} vs ${grouped(without.totalTurns)} turns and ${words(withPersona.averageWords)} vs ${words(without.averageWords)} words per turn ` +
    `(seeker ${words(withPersona.averageSeekerWords)} vs ${words(without.averageSeekerWords)}, supporter ${words(withPersona.averageSupporterWords)} vs ${words(without.averageSupporterWords)}) with vs without personas.`
  );
}

// The sentences set beside a run's results, per question: each question module's `besideThePaper` (lib/questions);
// `besideThePaper(id)` there looks them up.

/** Section 3: Table 1 of the paper. */
export function dataBesideThePaper(): string[] {
  return [table1Sentence()];
}

/** RQ1: the paper's statements and its alignment per dataset. */
export function rq1BesideThePaper(): string[] {
  return [
    paperStatement("rq1"),
    paperStatement("rq1-exceptions"),
    ...paperAlignmentSentences(),
    "Aligned means the paired CSI domain has the largest |r| in its HEXACO row (ties count as aligned), for this run and the paper's tables alike.",
  ];
}

/** RQ2: the directions the paper states for Figures 5-8. */
export function rq2BesideThePaper(): string[] {
  return [
    paperStatement("rq2-shift"),
    paperStatement("rq2-ablation"),
    "The paper gives no test statistics for Figures 5-8; the directions beside this run (paper-rq2) are read from that text.",
  ];
}

/** RQ3: Tables 5, 8, 9 and 16 of the paper. */
export function rq3BesideThePaper(): string[] {
  return [...strategySentences(), table16Sentence()];
}
