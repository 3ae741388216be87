import { itemTotalChart } from "../../charts/item-total-chart";
import { reliabilityChart } from "../../charts/reliability-chart";
import { expectedPairs } from "../../inventory/expected-pairs";
import type { Inventory } from "../../inventory/inventory-schema";
import { inventoryId } from "../../inventory/load-inventory";
import { UsageError } from "../../errors";
import { logprobsRefusal } from "../../providers/capabilities";
import { runRq1, type Rq1Result } from "../rq1/run-rq1";
import { answerInventory, standardInventories, type AnswerRow } from "../../pipeline/stages/answer-inventory";
import { cronbachAlpha } from "../../psychometrics/cronbach-alpha";
import { itemMatrices } from "../../psychometrics/item-matrix";
import { EXTRACT_DATASETS } from "../../pipeline/stages/extract-personas";
import { reliabilitySummary, type ReliabilityReport } from "../../psychometrics/domain-reliability";
import { OMEGA_ESTIMATOR } from "../../psychometrics/mcdonald-omega";
import { sampleStability, type DomainStability } from "../../psychometrics/sample-stability";
import { facetReliabilityTable, itemTotalsTable, logprobReliabilityTable, mtmmTable, reliabilityTable, stabilityTable, type Grouped } from "../../tables/psychometric-tables";
import { PSYCHOMETRICS_ABOUT } from "./about";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rowsToCsv } from "../../tables/csv";
import type { Table } from "../../tables/table";
import { withCondition, type AnalysisOutput, type NamedFigure } from "../../reports/analysis-output";
import { groupMtmm, groupReliability } from "../../reports/psychometric-sections";
import { datasetLabel, pipelineOptions, type AnalysisRunOptions } from "../../reports/run-options";
import { applyVariant, type VariantOptions } from "../../reports/variant-provenance";
import { makeDirectory } from "../../files/make-directory";
import { responseSetSection } from "../shared/response-set-section";

export interface PsychometricsAnalysisOptions extends AnalysisRunOptions, VariantOptions {
  /** Default: ESConv, CAMS and Dreaddit, as RQ1. */
  datasets?: readonly string[];
  /** Answer every statement K times for test-retest stability; default 1 (no stability tables). */
  samples?: number;
  /** Temperature of the answer stage; default 0 (the paper). */
  temperature?: number;
  /**
   * Inventories: catalog ids, JSON paths or loaded inventories (default HEXACO-60 and CSI from the data folder);
   * their facets give the facet table; the first two make the MTMM view.
   */
  inventories?: readonly (string | Inventory)[];
  /**
   * A separate pass asking for the answer token's top-5 log-probabilities (its own cache keys, so it is paid
   * once more): reliability of the expected answer beside that of the chosen digit. Anthropic gives none
   * (UsageError); OpenAI, OpenAI-compatible local servers that return them, and the sim do.
   */
  logprobs?: boolean;
  /** Leave the personas flagged by the response-set checks out of every statistic (default false: flagged and counted only). */
  excludeFlagged?: boolean;
}

/** One answers-<inventory>.csv: one row per persona (and sample when K > 1), one column per item id, raw 1-5 or empty. */
export interface AnswerFile {
  name: string;
  csv: string;
}

export interface PsychometricsAnalysis extends AnalysisOutput {
  question: "psychometrics";
  runs: Rq1Result[];
  /** All groups pooled (every dataset's personas). */
  pooled: ReliabilityReport;
  /** Per dataset. */
  groups: Array<{ group: string; report: ReliabilityReport }>;
  stability: Grouped<DomainStability>[];
  /** With logprobs: per domain, alpha of the chosen digit and of the expected answer, from the logprob pass. */
  logprobReliability: LogprobReliability[];
  answerFiles: AnswerFile[];
}

export interface LogprobReliability {
  inventory: string;
  domain: string;
  alphaChosen: number;
  alphaExpected: number;
  /** Answers of the logprob pass whose expected answer could be computed (the provider returned digits 1-5). */
  withLogprobs: number;
  answers: number;
}

/** The wide answer table of one inventory: raw answers (not keyed), empty where missing or unreadable. */
export function answerTable(rows: readonly (AnswerRow & { dataset?: string })[], inventory: Inventory, samples: number): AnswerFile {
  const mine = rows.filter((row) => row.inventory === inventory.name);
  const byRespondent = new Map<string, Record<string, unknown>>();
  for (const row of mine) {
    const key = `${row.personaId}\u0000${row.sample}`;
    const entry = byRespondent.get(key) ?? { personaId: row.personaId, ...(row.dataset ? { dataset: row.dataset } : {}), ...(samples > 1 ? { sample: row.sample } : {}) };
    entry[String(row.itemId)] = row.answer;
    byRespondent.set(key, entry);
  }
  const leading = ["personaId", ...(mine.some((row) => row.dataset) ? ["dataset"] : []), ...(samples > 1 ? ["sample"] : [])];
  const columns = [...leading, ...inventory.items.map((item) => String(item.id))];
  // The header stays on line 1 (any CSV reader's defaults work); simulated or not is in summary.json and README.md.
  return {
    name: `answers-${inventory.name}.csv`,
    csv: rowsToCsv([...byRespondent.values()], { columns }),
  };
}

/**
 * Are the model's inventory answers reliable measurements? The RQ1 personas (per dataset: cards extracted,
 * filtered, traits described, HEXACO-60 and CSI answered, through the cache), then per group and pooled: alpha
 * with a bootstrap CI and omega per domain, alpha per facet, corrected item-total correlations with the flagged
 * items, the HEXACO x CSI multitrait-multimethod view, and with --samples K > 1 the test-retest stability.
 */
export async function analyzePsychometrics(options: PsychometricsAnalysisOptions): Promise<PsychometricsAnalysis> {
  const datasets = [...(options.datasets ?? EXTRACT_DATASETS)];
  const samples = options.samples ?? 1;
  const inventories = standardInventories(options.inventories);
  // The MTMM view needs a row and a column inventory (the first two, with their expected pairs).
  const pairs = inventories.length >= 2 ? expectedPairs(inventories[0], inventories[1]) : undefined;
  const measuredWith = inventories.map((inventory) => inventory.name).join(" and ");
  const seed = options.seed ?? 1;
  const refusal = options.logprobs ? logprobsRefusal(options.context.model.provider) : undefined;
  if (refusal) throw new UsageError(refusal);
  const runs: Rq1Result[] = [];
  for (const dataset of datasets) {
    options.onStep?.(
      `Psychometrics ${datasetLabel(dataset)}: persona cards, traits, ${measuredWith} answers (n = ${options.n}, ${samples} sample${samples === 1 ? "" : "s"}, temperature ${options.temperature ?? 0})`,
    );
    runs.push(await runRq1({ ...pipelineOptions(options), dataset, n: options.n, inventories, samples, temperature: options.temperature }));
  }
  const simulated = options.context.simulated;
  // Response-set checks before scoring; with --exclude-flagged the flagged personas leave every statistic.
  const responseSets = responseSetSection(
    runs.map((run) => ({ group: datasetLabel(run.dataset), rows: run.answers.rows })),
    inventories,
    { excludeFlagged: options.excludeFlagged ?? false, simulated, name: "psychometrics-response-sets" },
  );
  const kept = <Row extends { personaId: string }>(rows: readonly Row[]) => (responseSets.excluded.size ? rows.filter((row) => !responseSets.excluded.has(row.personaId)) : [...rows]);
  const answers = runs.flatMap((run) => kept(run.answers.rows).map((row) => ({ ...row, dataset: run.dataset })));
  const groups = runs.map((run) => ({ group: run.dataset, report: groupReliability(kept(run.answers.rows), inventories, seed, true, pairs) }));
  const pooled = groupReliability(answers, inventories, seed, true, pairs);
  const grouped = <Row>(pick: (report: ReliabilityReport) => Row[]) => [
    ...groups.flatMap(({ group, report }) => pick(report).map((row) => ({ ...row, group: datasetLabel(group) }))),
    ...(groups.length > 1 ? pick(pooled).map((row) => ({ ...row, group: "all" })) : []),
  ];
  const stability: Grouped<DomainStability>[] =
    samples > 1
      ? [
          ...runs.flatMap((run) => sampleStability(run.answers.rows).map((row) => ({ ...row, group: datasetLabel(run.dataset) }))),
          ...(runs.length > 1 ? sampleStability(answers).map((row) => ({ ...row, group: "all" })) : []),
        ]
      : [];
  const logprobReliability: LogprobReliability[] = [];
  if (options.logprobs) {
    const passes: AnswerRow[] = [];
    for (const run of runs) {
      options.onStep?.(`Psychometrics ${datasetLabel(run.dataset)}: the log-probability pass (every statement once more, top-5 log-probabilities)`);
      passes.push(...(await answerInventory(run.personas, { ...pipelineOptions(options), inventories, logprobs: true, temperature: options.temperature })).rows);
    }
    const chosen = itemMatrices(passes);
    const expected = itemMatrices(passes.map((row) => ({ ...row, answer: row.expectedAnswer })));
    for (const [inventory, domains] of chosen) {
      for (const [domain, matrix] of domains) {
        const mine = passes.filter((row) => row.inventory === inventory && row.domain === domain);
        logprobReliability.push({
          inventory,
          domain,
          alphaChosen: cronbachAlpha(matrix.values),
          alphaExpected: cronbachAlpha(expected.get(inventory)!.get(domain)!.values),
          withLogprobs: mine.filter((row) => row.expectedAnswer !== null).length,
          answers: mine.length,
        });
      }
    }
  }
  const tables: Table[] = [
    reliabilityTable(grouped((report) => report.domains), { simulated }),
    facetReliabilityTable(grouped((report) => report.facets), { simulated }),
    itemTotalsTable(grouped((report) => report.itemTotals), { simulated, flaggedOnly: true }),
    itemTotalsTable(grouped((report) => report.itemTotals), { simulated }),
    ...(pairs
      ? runs.map((run, index) =>
          mtmmTable(groupMtmm(kept(run.scores), groups[index].report, pairs), {
            simulated,
            labels: { rows: pairs.rows.label, columns: pairs.columns.label },
            name: `psychometrics-mtmm-${run.dataset}`,
            title: `Multitrait-multimethod view of ${pairs.rows.label} x ${pairs.columns.label} (${datasetLabel(run.dataset)}): observed and disattenuated correlations`,
          }),
        )
      : []),
    ...(stability.length ? [stabilityTable(stability, { simulated, temperature: options.temperature ?? 0 })] : []),
    ...(logprobReliability.length ? [logprobReliabilityTable(logprobReliability, { simulated })] : []),
    responseSets.table,
  ];
  // Titles stay on one line (a two-line Plotly title is clipped); the model id is in summary.json and scores.csv.
  const where = datasets.map(datasetLabel).join(", ");
  const figures: NamedFigure[] = [
    ...inventories.map((inventory) => ({
      name: `psychometrics-item-total-${inventory.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
      spec: itemTotalChart({
        items: pooled.itemTotals.filter((item) => item.inventory === inventory.name),
        title: `${inventory.name}: corrected item-total correlations (${where}, n = ${pooled.domains.find((entry) => entry.inventory === inventory.name)?.n ?? 0})`,
        simulated,
      }),
    })),
    {
      name: "psychometrics-reliability",
      spec: reliabilityChart({
        domains: pooled.domains.map((entry) => ({ ...entry, label: `${entry.inventory === "HEXACO-60" ? "H" : entry.inventory}: ${entry.domain}` })),
        title: `Alpha (95% bootstrap CI) and omega total (${where}, n = ${pooled.domains[0]?.n ?? 0})`,
        simulated,
      }),
    },
  ];
  const scores = runs.flatMap((run) => withCondition(run.scores, "measured"));
  // The variant (name, id, version and hash of every prompt in force) on every table, figure, score row and summary.
  const output: PsychometricsAnalysis = {
    question: "psychometrics",
    simulated,
    provider: options.context.model.provider,
    model: options.context.model.model,
    scores,
    tables,
    figures,
    documents: [],
    summary: {
      n: options.n,
      seed,
      samples,
      temperature: options.temperature ?? 0,
      datasets,
      // Recorded when chosen (the paper's default outputs stay as they were).
      ...(options.inventories ? { inventories: inventories.map(inventoryId) } : {}),
      omegaEstimator: OMEGA_ESTIMATOR,
      reliability: reliabilitySummary(pooled.domains),
      reliabilityByGroup: Object.fromEntries(groups.map(({ group, report }) => [group, reliabilitySummary(report.domains)])),
      responseSets: responseSets.counts,
      flaggedItems: pooled.flagged.map(({ inventory, domain, itemId, reversed, correctedItemTotal, reason }) => ({ inventory, domain, itemId, key: reversed ? "reversed" : "forward", correctedItemTotal, reason })),
      ...(stability.length ? { stability } : {}),
      ...(logprobReliability.length ? { logprobReliability } : {}),
      prompts: [...new Map(answers.map((row) => [row.promptId, { id: row.promptId, version: row.promptVersion, hash: row.promptHash }])).values()],
    },
    runs,
    pooled,
    groups,
    stability,
    logprobReliability,
    answerFiles: inventories.map((inventory) => answerTable(answers, inventory, samples)),
  };
  return applyVariant(output, options, PSYCHOMETRICS_ABOUT.prompts);
}

/** Writes answers-<inventory>.csv into `directory` (next to what writeAnalysis writes); returns the paths. */
export function writeAnswerFiles(output: Pick<PsychometricsAnalysis, "answerFiles">, directory: string): string[] {
  makeDirectory(directory);
  return output.answerFiles.map((file) => {
    const path = join(directory, file.name);
    writeFileSync(path, file.csv);
    return path;
  });
}
