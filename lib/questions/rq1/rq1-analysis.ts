import { paperTablesOf } from "../../reports/paper-numbers";
import { correctionName, DEFAULT_CORRECTION } from "../../stats/adjust";
import { minimumDetectableCorrelation } from "../../stats/correlation-power";
import { readerModelName } from "../../charts/model-label";
import { correlationHeatmap } from "../../charts/correlation-heatmap";
import type { Rq1Group } from "../../analysis/rq1-correlations";
import type { ImportedPersonaCards } from "../../data/import-persona-cards";
import { EXTRACT_DATASETS } from "../../pipeline/stages/extract-personas";
import { runRq1, type Rq1Result } from "./run-rq1";
import { personaCardTable } from "../../tables/persona-tables";
import { rq1Report } from "./rq1-report";
import { withCondition, type AnalysisOutput, type NamedDocument, type NamedFigure } from "../../reports/analysis-output";
import { compareRq1, compareTable1 } from "../shared/paper-comparison";
import { domainOf } from "../../analysis/domains";
import { UsageError } from "../../errors";
import { expectedPairs, paperPairs, type ExpectedPairs } from "../../inventory/expected-pairs";
import { inventoryId, loadInventories, type InventoryChoice } from "../../inventory/load-inventory";
import { responseSetSection } from "../shared/response-set-section";
import { applyVariant } from "../../reports/variant-provenance";
import { runProvenance } from "../../reports/output-provenance";
import { datasetLabel, pipelineOptions, type AnalysisRunOptions, checkRunOptions } from "../../reports/run-options";
import { rq1PsychometricSection } from "../../reports/psychometric-sections";
import { RQ1_ABOUT } from "./about";
import { personaCardDocument } from "../shared/text-figure-documents";

export interface Rq1AnalysisOptions extends AnalysisRunOptions {
  /** Default: all three (ESConv, CAMS, Dreaddit), as Tables 2-4 and 10-15. */
  datasets?: readonly string[];
  /** The researcher's own persona cards (importPersonaCards), measured instead of the datasets' extracted cards. */
  cards?: ImportedPersonaCards;
  /** Judge own cards with the Figure 14 filter first (default false: taken as given). */
  filter?: boolean;
  /**
   * The inventories answered (catalog ids, JSON paths or loaded inventories): the first two are correlated, rows x
   * columns, with their expected pairs (lib/inventory/pairings); default the paper's hexaco60 then csi96.
   */
  inventories?: readonly InventoryChoice[];
  /**
   * Leave the personas flagged by the response-set checks out of the correlations (default false). The counts
   * flagged and excluded are in summary.json either way; the per-persona table is written when excluding.
   */
  excludeFlagged?: boolean;
}

export interface Rq1Analysis extends AnalysisOutput {
  question: "rq1";
  runs: Rq1Result[];
  report: ReturnType<typeof rq1Report>;
}

/** The heatmap of one dataset/model group's HEXACO x CSI matrix (the paper's Tables 2-4 and 10-15 as a figure). */
export function rq1Heatmap(group: Rq1Group, simulated: boolean, pairs: ExpectedPairs = paperPairs(), options: { nameEveryModel?: boolean } = {}): NamedFigure {
  const { label: rowLabel } = pairs.rows;
  const { label: columnLabel } = pairs.columns;
  const matrix = group.matrix;
  // Titles and file names name the model as a reader knows it; the id (e.g. sim-1-seed1-truth617c8761) goes to layout.meta.
  // Several models side by side name every simulated profile ("simulated aligned", "simulated llama-like").
  const profile = options.nameEveryModel ? ("always" as const) : ("unless-default" as const);
  const model = group.group.model ? readerModelName(group.group.model, { simulated, profile }) : "";
  const where = [group.group.dataset ? datasetLabel(group.group.dataset) : "", model].filter(Boolean).join(", ");
  // File names: "sim" for any simulated model (as the tables name it), never the truth hash.
  // A profile other than the default ("sim-llama-like"), or every profile with several models, keeps files apart.
  const fileModel = group.group.model ? (simulated ? model.replace(/^simulated/, "sim") : model) : "";
  const slug = [group.group.dataset, fileModel].filter(Boolean).join("-").toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const figure: NamedFigure = {
    name: `rq1-heatmap${slug ? `-${slug}` : ""}`,
    spec: correlationHeatmap({
      rows: matrix.rowVariables.map(domainOf),
      columns: matrix.columnVariables.map(domainOf),
      values: matrix.cells.map((row) => row.map((cell) => cell.r)),
      // The marks use the table's p: adjusted over the matrix's cells when a correction was made, named in the key.
      pValues: matrix.cells.map((row) => row.map((cell) => cell.adjustedP ?? cell.p)),
      pValueNote: matrix.correction === "none" ? "unadjusted" : `${correctionName(matrix.correction)}-adjusted over ${matrix.cells.flat().length} tests`,
      minimumDetectable: minimumDetectableCorrelation(group.personas),
      title: `${rowLabel} x ${columnLabel} correlations${where ? ` (${where})` : ""}, n = ${group.personas}`,
      simulated,
      xTitle: `${columnLabel} domain`,
      yTitle: `${rowLabel} domain`,
    }),
  };
  if (group.group.model) figure.spec = { ...figure.spec, layout: { ...figure.spec.layout, meta: { ...(figure.spec.layout.meta as object), model: group.group.model } } };
  return figure;
}

/**
 * An example persona card (the paper's Figure 2): the first card measured, of the first dataset (or of the cards
 * given); none when no card was measured.
 */
export function examplePersonaCard(runs: readonly Rq1Result[], modelName: string, simulated: boolean): NamedDocument[] {
  for (const run of runs) {
    const card = run.measured.find((row) => row.status === "ok");
    if (!card) continue;
    const by = card.sourceDataset === "custom" ? "" : `, extracted by ${modelName}`;
    return [personaCardDocument("rq1-persona-card", card, { title: `An example persona card (Figure 2): ${datasetLabel(run.dataset)}, card ${card.id}${by}`, simulated })];
  }
  return [];
}

/**
 * RQ1 (Section 4) end to end: per dataset, persona cards extracted and filtered, traits described, HEXACO-60 and
 * CSI answered and scored (runRq1, cached); then Table 1, the correlation tables with the alignment check
 * (Tables 2-4, 10-15) and a heatmap per dataset and model.
 */
export async function analyzeRq1(options: Rq1AnalysisOptions): Promise<Rq1Analysis> {
  checkRunOptions(options, "analyzeRq1", ["datasets", "cards", "filter", "inventories", "excludeFlagged"]);
  const inventories = loadInventories(options.inventories ?? []);
  if (inventories.length < 2) throw new UsageError("RQ1 correlates two inventories: give two (--inventory ROWS --inventory COLUMNS)");
  const pairs = expectedPairs(inventories[0], inventories[1]);
  const measuredWith = inventories.map((inventory) => inventory.name).join(" and ");
  const runs: Rq1Result[] = [];
  if (options.cards) {
    const source = options.cards.report.source;
    options.onStep?.(`RQ1 on ${options.cards.cards.length} own persona cards ("${source}"): describe traits, answer ${measuredWith} (n = ${options.n})`);
    runs.push(await runRq1({ ...pipelineOptions(options), dataset: source, n: options.n, cards: options.cards.cards, filter: options.filter ?? false, inventories }));
  }
  const datasets = options.cards ? [] : [...(options.datasets ?? EXTRACT_DATASETS)];
  for (const dataset of datasets) {
    options.onStep?.(`RQ1 ${datasetLabel(dataset)}: extract and filter persona cards, describe traits, answer ${measuredWith} (n = ${options.n})`);
    runs.push(await runRq1({ ...pipelineOptions(options), dataset, n: options.n, inventories }));
  }
  const simulated = options.context.simulated;
  // Response-set checks before scoring; with --exclude-flagged the flagged personas leave the correlations.
  const excludeFlagged = options.excludeFlagged ?? false;
  const responseSets = responseSetSection(runs.map((run) => ({ group: datasetLabel(run.dataset), rows: run.answers.rows })), inventories, { excludeFlagged, simulated, name: "rq1-response-sets" });
  options.onStep?.(`Response-set checks: ${responseSets.counts.flagged} of ${responseSets.counts.personas} personas flagged, ${responseSets.counts.excluded} excluded`);
  const scores = runs.flatMap((run) => withCondition(run.scores, "measured"));
  const report = rq1Report(excludeFlagged ? scores.filter((row) => !responseSets.excluded.has(String(row.personaId))) : scores, { simulated, pairs, correction: options.correction ?? DEFAULT_CORRECTION });
  // The paper's numbers compare only with the paper's pair of inventories.
  const paperPair = pairs.rows.id === paperPairs().rows.id && pairs.columns.id === paperPairs().columns.id;
  const statistics = runs.flatMap((run) => run.statistics);
  const table1 = personaCardTable(statistics, { title: "Statistics of the extracted persona cards (Table 1)", simulated, name: "table1-persona-cards" });
  // Alpha per dataset and domain, and the MTMM view (observed beside disattenuated r): lib/psychometrics.
  const psychometrics = rq1PsychometricSection(runs, simulated, options.seed ?? 1, pairs);
  return applyVariant(
    {
      question: "rq1" as const,
      provenance: runProvenance(RQ1_ABOUT, options),
      simulated,
      provider: options.context.model.provider,
      model: options.context.model.model,
      scores,
      // The paper's numbers go beside the paper's datasets only: outside cards (--cards) get none.
      tables: [
        table1,
        ...report.tables,
        ...(statistics.some((item) => paperTablesOf(item.dataset).length) ? [compareTable1(statistics, simulated)] : []),
        ...(paperPair && report.groups.some((group) => paperTablesOf(group.group.dataset).length) ? [compareRq1(report.groups, simulated)] : []),
        ...psychometrics.tables,
        ...(excludeFlagged ? [responseSets.table] : []),
      ],
      figures: report.groups.map((group) => rq1Heatmap(group, simulated, pairs)),
      documents: examplePersonaCard(runs, readerModelName(options.context.model.model, { simulated }), simulated),
      summary: {
        ...report.summary,
        table1: statistics,
        ...(options.cards ? { cardMapping: options.cards.report } : {}),
        ...psychometrics.summary,
        responseSets: responseSets.counts,
        // Recorded when not the paper's pair (the paper's outputs stay as they were).
        ...(paperPair ? {} : { inventories: inventories.map(inventoryId), expectedPairs: { rows: pairs.rows.id, columns: pairs.columns.id, citation: pairs.citation ?? null, pairs: pairs.pairs } }),
      },
      runs,
      report,
    },
    options,
    RQ1_ABOUT.prompts,
  );
}
