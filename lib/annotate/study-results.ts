import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pairwiseTable, type PairwiseRow } from "../analysis/pairwise-table";
import { compareTable9 } from "../reports/paper-comparison";
import { rowsToCsv } from "../tables/csv";
import { pairwiseJudgementTable } from "../tables/evaluation-tables";
import { formatFixed, formatPercent } from "../tables/format";
import type { Table } from "../tables/table";
import { writeTables } from "../tables/write-tables";
import { annotatorAgreement, type AgreementOptions, type CriterionAgreement } from "./agreement";
import { loadJudgementLines } from "./dialogue-lines";
import { humanLlmAgreement, majorityOutcome, type HumanLlmAgreement } from "./llm-agreement";
import { LLM_JUDGEMENTS_FILE, loadStudy, type Study } from "./study-file";
import { studyProgress, readStudyJudgements, type StudyProgress } from "./study-progress";
import type { HumanJudgement } from "./study-store";
import { makeDirectory } from "../files/make-directory";

export interface StudyResults {
  study: Pick<Study, "seed" | "source" | "provider" | "model" | "simulated" | "createdAt"> & { pairs: number };
  progress: StudyProgress;
  judgements: HumanJudgement[];
  /** Table 9 rows from the human judgements (every judgement counts; sign test per criterion). */
  pairwise: PairwiseRow[];
  agreement: CriterionAgreement[];
  /** Empty when the rq3 run had no LLM judge. */
  llmAgreement: HumanLlmAgreement[];
  tables: Table[];
}

const interval = (low: unknown, high: unknown) => `[${formatFixed(low, 2)}, ${formatFixed(high, 2)}]`;

function sourceNote(study: Study): string[] {
  return [
    `Dialogues: ${study.pairs.length} with/without persona pairs from ${study.source} (${study.provider}:${study.model}), drawn with seed ${study.seed}.`,
    ...(study.simulated ? ["The dialogues judged were made by the offline sim provider (no language model was called); the judgements are the annotators'."] : []),
  ];
}

export function agreementTable(rows: readonly CriterionAgreement[], study: Study, options: { resamples: number; seed: number }): Table {
  return {
    name: "annotate-agreement",
    title: "Inter-annotator agreement per criterion (outcomes mapped back to with vs without persona)",
    columns: [
      { key: "criterion", label: "Criterion", align: "left" },
      { key: "items", label: "pairs", align: "right" },
      { key: "annotators", label: "annotators", align: "right" },
      { key: "alpha", label: "Krippendorff alpha (ordinal)", align: "right", format: (value) => formatFixed(value, 3) },
      { key: "alphaInterval", label: "95% CI", align: "right" },
      { key: "fleissKappa", label: "Fleiss kappa", align: "right", format: (value) => formatFixed(value, 3) },
      { key: "fleissInterval", label: "95% CI", align: "right" },
      { key: "fleissItems", label: "pairs (Fleiss)", align: "right" },
      { key: "fleissRaters", label: "judgements per pair (Fleiss)", align: "right" },
      { key: "fleissExcluded", label: "pairs left out (Fleiss)", align: "right" },
      { key: "percentAgreement", label: "pairwise agreement", align: "right", format: (value) => formatPercent(value, 0) },
    ],
    rows: rows.map((row) => ({
      criterion: row.criterion,
      items: row.items,
      annotators: row.annotators,
      alpha: row.alpha,
      alphaInterval: interval(row.alphaInterval.low, row.alphaInterval.high),
      fleissKappa: row.fleissKappa,
      fleissInterval: interval(row.fleissInterval.low, row.fleissInterval.high),
      fleissItems: row.fleissItems,
      fleissRaters: row.fleissRaters,
      fleissExcluded: row.fleissExcluded,
      percentAgreement: row.percentAgreement,
    })),
    notes: [
      "Answers are mapped from left/right to the with-persona side before agreement (placement differs per annotator). Ordinal codes: loss < tie < win.",
      "Krippendorff's alpha uses every pair judged by two or more annotators (it handles unequal numbers natively). Fleiss' kappa needs the same number of judgements per pair: it uses the pairs with the most common number and leaves the others out (counted).",
      `95% CIs: percentile bootstrap over pairs, ${options.resamples} resamples, seed ${options.seed}. NA: too few judgements or no variation.`,
      ...sourceNote(study),
    ],
  };
}

export function llmAgreementTable(rows: readonly HumanLlmAgreement[], study: Study): Table {
  return {
    name: "annotate-human-vs-llm",
    title: "Human annotators vs the LLM judge per criterion",
    columns: [
      { key: "criterion", label: "Criterion", align: "left" },
      { key: "judge", label: "LLM judge", align: "left" },
      { key: "pairs", label: "pairs", align: "right" },
      { key: "kappa", label: "Cohen kappa (LLM vs human majority)", align: "right", format: (value) => formatFixed(value, 3) },
      { key: "majorityAgreement", label: "agreement with majority", align: "right", format: (value) => formatPercent(value, 0) },
      { key: "judgementAgreement", label: "agreement with single judgements", align: "right", format: (value) => formatPercent(value, 0) },
      { key: "tiedVotes", label: "pairs with a tied human vote", align: "right" },
    ],
    rows: rows.map((row) => ({ ...row })),
    notes: ["Both sides are outcomes from the with-persona dialogue's side. Pairs whose human vote has no single most common outcome are left out of the kappa (counted).", ...sourceNote(study)],
  };
}

/** One judgement row per pair and criterion: the annotators' most common outcome (pairs without one are counted, not kept). */
export function majorityRows(judgements: readonly HumanJudgement[]): { rows: { pairId: string; criterion: HumanJudgement["criterion"]; outcome: HumanJudgement["outcome"] }[]; tied: number } {
  const groups = new Map<string, HumanJudgement[]>();
  for (const judgement of judgements) {
    const key = `${judgement.pairId}\u0000${judgement.criterion}`;
    groups.set(key, [...(groups.get(key) ?? []), judgement]);
  }
  const rows: { pairId: string; criterion: HumanJudgement["criterion"]; outcome: HumanJudgement["outcome"] }[] = [];
  let tied = 0;
  for (const group of groups.values()) {
    const outcome = majorityOutcome(group.map((judgement) => judgement.outcome));
    if (outcome) rows.push({ pairId: group[0].pairId, criterion: group[0].criterion, outcome });
    else tied++;
  }
  return { rows, tied };
}

/** Table 9, agreement and human vs LLM from a study folder. */
export function studyResults(directory: string, options: AgreementOptions = {}): StudyResults {
  const study = loadStudy(directory);
  const { judgements } = readStudyJudgements(directory, study);
  const resamples = options.resamples ?? 2000;
  const seed = options.seed ?? study.seed;
  const pairwise = pairwiseTable(judgements.map((row) => ({ pairId: row.pairId, criterion: row.criterion, outcome: row.outcome })));
  const agreement = annotatorAgreement(judgements, { ...options, resamples, seed });
  const llm = loadJudgementLines(join(resolve(directory), LLM_JUDGEMENTS_FILE));
  const llmAgreement = llm.length && judgements.length ? humanLlmAgreement(judgements, llm) : [];
  const annotators = new Set(judgements.map((row) => row.annotator)).size;
  const table9: Table = {
    ...pairwiseJudgementTable(pairwise, { name: "annotate-table9", title: "Human evaluation: dialogues with vs without persona traits (Table 9)" }),
  };
  table9.notes = [
    ...table9.notes,
    `${judgements.length} judgements by ${annotators} annotator(s); every judgement counts. Win: the with-persona dialogue judged better. p: two-sided exact sign test, ties dropped.`,
    ...sourceNote(study),
  ];
  const majority = majorityRows(judgements);
  const table9Majority: Table = pairwiseJudgementTable(majority.rows.length ? pairwiseTable(majority.rows) : [], {
    name: "annotate-table9-majority",
    title: "Human evaluation, one outcome per pair (the annotators' majority)",
  });
  table9Majority.notes = [
    ...table9Majority.notes,
    `Judgements of one pair are not independent; here each pair counts once, with its annotators' most common outcome (${majority.tied} pair-criterion votes without a single most common outcome left out).`,
    ...sourceNote(study),
  ];
  const paper = { ...compareTable9(pairwise, false), name: "annotate-paper-table9", title: "This study's human evaluation vs the paper's (Table 9)", notes: ["The paper's numbers are from 10 annotators on 50 pairs.", ...sourceNote(study)] };
  const tables = [table9, table9Majority, paper, agreementTable(agreement, study, { resamples, seed }), ...(llmAgreement.length ? [llmAgreementTable(llmAgreement, study)] : [])];
  return {
    study: { seed: study.seed, source: study.source, provider: study.provider, model: study.model, simulated: study.simulated, createdAt: study.createdAt, pairs: study.pairs.length },
    progress: studyProgress(directory),
    judgements,
    pairwise,
    agreement,
    llmAgreement,
    tables,
  };
}

/** Writes every results table (.md, .tex, .csv), judgements.csv (one row per judgement) and summary.json into `out`. */
export function writeStudyResults(results: StudyResults, out: string): string[] {
  makeDirectory(out);
  const files = writeTables(results.tables, out);
  const judgementsPath = join(out, "judgements.csv");
  writeFileSync(
    judgementsPath,
    rowsToCsv(results.judgements as unknown as Record<string, unknown>[], {
      columns: ["annotator", "pairId", "criterion", "answer", "swapped", "outcome", "position", "savedAt"],
    }),
  );
  const summaryPath = join(out, "summary.json");
  const summary = {
    study: results.study,
    annotators: results.progress.annotators,
    judgements: results.judgements.length,
    table9: results.pairwise,
    agreement: results.agreement,
    humanVsLlm: results.llmAgreement,
  };
  writeFileSync(summaryPath, JSON.stringify(summary, null, 2) + "\n");
  return [...files, judgementsPath, summaryPath];
}
