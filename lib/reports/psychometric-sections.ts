import { paperPairs, type ExpectedPairs } from "../inventory/expected-pairs";
import type { Inventory } from "../inventory/inventory-schema";
import type { AnswerRow } from "../pipeline/stages/answer-inventory";
import { alphaByColumn, facetsOf, reliabilityReport, reliabilitySummary, type ReliabilityReport } from "../psychometrics/domain-reliability";
import { multitraitMultimethod, type MtmmSummary } from "../psychometrics/multitrait-multimethod";
import { reliableChange } from "../psychometrics/reliable-change";
import { mtmmTable, reliabilityTable, reliableChangeTable } from "../tables/psychometric-tables";
import type { Table } from "../tables/table";
import { datasetLabel } from "./run-options";

/** What the RQ1 and RQ2 reports gain from lib/psychometrics: tables and the summary.json entries. */
export interface PsychometricSection {
  tables: Table[];
  summary: Record<string, unknown>;
}

/** Reliability of one group's answers (keyed, first sample), with the facets of the given inventories. */
export function groupReliability(
  answers: readonly AnswerRow[],
  inventories: readonly Inventory[] = [],
  seed = 1,
  interval: boolean | "bootstrap" | "feldt" = true,
  pairs?: ExpectedPairs,
): ReliabilityReport {
  return reliabilityReport(answers, { facets: facetsOf(inventories), inventories, seed, interval, pairs });
}

/** The MTMM view of one group's scores with its own alphas. */
export function groupMtmm(scores: readonly Record<string, unknown>[], report: ReliabilityReport, pairs?: ExpectedPairs): MtmmSummary {
  return multitraitMultimethod(scores, alphaByColumn(report.domains), pairs);
}

/** RQ1: alpha (with CI) and omega per dataset and domain, and the MTMM table beside the correlation tables. */
export function rq1PsychometricSection(
  runs: ReadonlyArray<{ dataset: string; answers: { rows: AnswerRow[] }; scores: readonly Record<string, unknown>[] }>,
  simulated: boolean,
  seed = 1,
  pairs: ExpectedPairs = paperPairs(),
): PsychometricSection {
  const tables: Table[] = [];
  const labels = { rows: pairs.rows.label, columns: pairs.columns.label };
  const reliability: Record<string, unknown> = {};
  const domains = [];
  for (const run of runs) {
    // Alpha with Feldt's analytic CI (a bootstrap per domain and dataset tripled the warm re-run at N = 300; analyze
    // psychometrics keeps the bootstrap) and omega.
    const report = groupReliability(run.answers.rows, [], seed, "feldt", pairs);
    domains.push(...report.domains.map((entry) => ({ ...entry, group: datasetLabel(run.dataset) })));
    reliability[run.dataset] = reliabilitySummary(report.domains);
    tables.push(
      mtmmTable(groupMtmm(run.scores, report, pairs), {
        simulated,
        labels,
        name: `rq1-mtmm-${run.dataset}`,
        title: `${labels.rows} x ${labels.columns} (${datasetLabel(run.dataset)}): observed and disattenuated correlations`,
      }),
    );
  }
  const title = "Reliability of the answers: Cronbach's alpha (Feldt 95% CI) and McDonald's omega total";
  return { tables: [reliabilityTable(domains, { simulated, name: "rq1-reliability", title, interval: "feldt" }), ...tables], summary: { reliability } };
}

/** RQ2: alpha of the original personas' answers and the reliable change index, next to the Wilcoxon table. */
export function rq2PsychometricSection(
  originalAnswers: readonly AnswerRow[],
  originalScores: readonly Record<string, unknown>[],
  extractedScores: readonly Record<string, unknown>[],
  simulated: boolean,
  seed = 1,
): PsychometricSection {
  const report = groupReliability(originalAnswers, [], seed);
  const change = reliableChange(originalScores, extractedScores, alphaByColumn(report.domains));
  return {
    tables: [reliabilityTable(report.domains, { simulated, name: "rq2-reliability", title: "Reliability of the original personas' answers: alpha (bootstrap 95% CI) and omega total" }), reliableChangeTable(change.summary, { simulated })],
    summary: { reliability: reliabilitySummary(report.domains), reliableChange: change.summary },
  };
}
