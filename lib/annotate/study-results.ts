import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pairwiseTable, type PairwiseRow } from "../analysis/pairwise-table";
import { compareTable9 } from "../questions/shared/paper-comparison";
import { rowsToCsv } from "../tables/csv";
import { pairwiseJudgementTable } from "../questions/rq3/evaluation-tables";
import { formatFixed, formatPercent } from "../tables/format";
import type { Table } from "../tables/table";
import { writeTables } from "../tables/write-tables";
import { annotatorAgreement, type AgreementOptions, type CriterionAgreement } from "./agreement";
import { loadJudgementLines } from "../reports/dialogue-lines";
import { screenAnnotators, type AnnotatorScreening } from "./exclusions";
import { loadProtocol, type Protocol } from "./protocol";
import { agreementTable, exclusionsTable, llmAgreementTable, sourceNote } from "./results-tables";
import { spreadsheetSafeRow } from "./spreadsheet-safe";
import { humanLlmAgreement, majorityOutcome, type HumanLlmAgreement } from "./llm-agreement";
import { LLM_JUDGEMENTS_FILE, loadStudy, type Study } from "./study-file";
import { studyProgress, readStudyJudgements, type StudyProgress } from "./study-progress";
import type { HumanJudgement } from "./study-store";
import { left, right } from "../tables/table";
import { makeDirectory } from "../files/make-directory";

export interface StudyResults {
  study: Pick<Study, "seed" | "source" | "provider" | "model" | "simulated" | "createdAt"> & { pairs: number };
  progress: StudyProgress;
  /** The study judgements that count: excluded annotators' judgements left out. */
  judgements: HumanJudgement[];
  /** Every stored judgement: study, practice and attention items, excluded annotators included. */
  allJudgements: HumanJudgement[];
  /** Every annotator's attention checks and time per pair, and whether the protocol excludes them (who and why). */
  exclusions: AnnotatorScreening[];
  /** What the protocol.json in force said about checks and exclusions, and its hash (recorded in summary.json). */
  protocol: { sha256: string; practicePairs: number; attention: { degraded: number; gold: number; criteria: string[] }; exclusion: Protocol["exclusion"] };
  /** Table 9 rows from the human judgements (every judgement counts; sign test per criterion). */
  pairwise: PairwiseRow[];
  agreement: CriterionAgreement[];
  /** Empty when the rq3 run had no LLM judge. */
  llmAgreement: HumanLlmAgreement[];
  tables: Table[];
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
  const protocol = loadProtocol(directory);
  const { judgements: allJudgements } = readStudyJudgements(directory, study, { kinds: ["study", "practice", "attention"] });
  const exclusions = screenAnnotators(allJudgements, protocol);
  const excluded = new Set(exclusions.filter((row) => row.excluded).map((row) => row.annotator));
  const judgements = allJudgements.filter((row) => row.kind === "study" && !excluded.has(row.annotator));
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
    `${judgements.length} judgements by ${annotators} annotator(s)${excluded.size ? ` (${excluded.size} excluded annotator(s) left out: see annotate-exclusions)` : ""}; every judgement counts. Win: the with-persona dialogue judged better. p: two-sided exact sign test, ties dropped.`,
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
  const tables = [table9, table9Majority, paper, agreementTable(agreement, study, { resamples, seed }), ...(llmAgreement.length ? [llmAgreementTable(llmAgreement, study)] : []), exclusionsTable(exclusions, protocol, study)];
  return {
    study: { seed: study.seed, source: study.source, provider: study.provider, model: study.model, simulated: study.simulated, createdAt: study.createdAt, pairs: study.pairs.length },
    progress: studyProgress(directory),
    judgements,
    allJudgements,
    exclusions,
    protocol: {
      sha256: createHash("sha256").update(JSON.stringify(protocol)).digest("hex"),
      practicePairs: study.practice.length,
      attention: { degraded: protocol.attention.degraded, gold: protocol.attention.gold.length, criteria: [...protocol.attention.criteria] },
      exclusion: protocol.exclusion,
    },
    pairwise,
    agreement,
    llmAgreement,
    tables,
  };
}

/** Writes every results table (.md, .tex, .csv), judgements.csv (one row per stored judgement, spreadsheet-safe) and summary.json into `out`. */
export function writeStudyResults(results: StudyResults, out: string): string[] {
  makeDirectory(out);
  const files = writeTables(results.tables, out);
  const judgementsPath = join(out, "judgements.csv");
  const excludedNames = new Set(results.exclusions.filter((row) => row.excluded).map((row) => row.annotator));
  writeFileSync(
    judgementsPath,
    // Every cell a spreadsheet could run as a formula (an annotator named "=HYPERLINK(...)") is quoted.
    rowsToCsv(
      results.allJudgements.map((row) => spreadsheetSafeRow({ ...row, excluded: excludedNames.has(row.annotator) })),
      { columns: ["annotator", "kind", "pairId", "criterion", "answer", "swapped", "outcome", "expected", "position", "ms", "savedAt", "excluded"] },
    ),
  );
  const summaryPath = join(out, "summary.json");
  const summary = {
    study: results.study,
    annotators: results.progress.annotators,
    judgements: results.judgements.length,
    protocol: results.protocol,
    exclusions: results.exclusions,
    table9: results.pairwise,
    agreement: results.agreement,
    humanVsLlm: results.llmAgreement,
  };
  writeFileSync(summaryPath, JSON.stringify(summary, null, 2) + "\n");
  return [...files, judgementsPath, summaryPath];
}
