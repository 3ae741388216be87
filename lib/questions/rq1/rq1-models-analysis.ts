import { DEFAULT_CORRECTION } from "../../stats/adjust";
import { crossModelSummary } from "./cross-model";
import { expectedPairs, paperPairs } from "../../inventory/expected-pairs";
import { loadInventories, type InventoryChoice } from "../../inventory/load-inventory";
import { UsageError } from "../../errors";
import { EXTRACT_DATASETS, type PersonaSource } from "../../pipeline/stages/extract-personas";
import { runRq1, type Rq1Result } from "./run-rq1";
import type { PipelineContext } from "../../pipeline/pipeline-context";
import { crossModelAlignmentTable, modelDifferenceTable } from "./cross-model-tables";
import { personaCardTable } from "../../tables/persona-tables";
import { rq1Report } from "./rq1-report";
import { withCondition, type AnalysisOutput } from "../../reports/analysis-output";
import { paperPairedCorrelations } from "../../reports/paper-numbers";
import { RQ1_ABOUT } from "./about";
import type { Inventory } from "../../inventory/inventory-schema";
import { examplePersonaCard, rq1Heatmap } from "./rq1-analysis";
import { readerModelName } from "../../charts/model-label";
import { applyVariant } from "../../reports/variant-provenance";
import { runProvenance } from "../../reports/output-provenance";
import { datasetLabel, pipelineOptions, type AnalysisRunOptions } from "../../reports/run-options";

/** One model of a multi-model analysis: its label in tables (`openai:gpt-4o-mini`) and its own pipeline context. */
export interface AnalysisModel {
  label: string;
  context: PipelineContext;
}

export interface Rq1ModelsOptions extends Omit<AnalysisRunOptions, "context"> {
  /** Two or more models; each has its own context (provider, rate limits, ledger) and they run in parallel. */
  models: readonly AnalysisModel[];
  datasets?: readonly string[];
  /**
   * Who extracts and filters the persona cards: the label of one model (default: the first), whose kept cards every
   * model then measures, so that the comparison is paired; or "each", every model its own cards (unpaired: the
   * differences then use only the personas that several models happened to keep).
   */
  extractWith?: string | "each";
  /** Persona sources per dataset instead of the data folder's (tests, your own sources). */
  sources?: (dataset: string) => readonly PersonaSource[];
  /** Catalog ids, JSON paths or loaded inventories; the first two are correlated. Default: HEXACO-60 and CSI. */
  inventories?: readonly InventoryChoice[];
}

export interface Rq1ModelsAnalysis extends AnalysisOutput {
  question: "rq1";
  /** Per dataset, per model label, that model's run. */
  runs: Array<{ dataset: string; model: string; run: Rq1Result }>;
  crossModel: ReturnType<typeof crossModelSummary>;
}

// Which of the paper's models a real model is, for the "Paper r" column; simulated models are not the paper's models.
const PAPER_MODEL_OF: Record<string, string> = {
  "openai:gpt-4o-mini": "gpt-4o-mini",
  "openai:gpt-4o-mini-2024-07-18": "gpt-4o-mini",
  "anthropic:claude-3-5-haiku-20241022": "claude-3.5-haiku",
  "anthropic:claude-3-5-haiku-latest": "claude-3.5-haiku",
};

function paperModel(label: string): string | undefined {
  if (PAPER_MODEL_OF[label]) return PAPER_MODEL_OF[label];
  if (label.startsWith("local:") && /llama-?3\.1-?8b/i.test(label)) return "llama-3.1-8b";
  return undefined;
}

/** The paper's paired r of this dataset and model: Tables 2-4 (ESConv), 10-12 (CAMS), 13-15 (Dreaddit); none for outside cards. */
export function paperPairedR(dataset: string, model: string, hexacoDomain: string): number | undefined {
  const paper = paperModel(model);
  if (!paper) return undefined;
  return paperPairedCorrelations(dataset)[paper]?.[hexacoDomain];
}

/**
 * RQ1 with several models side by side (Tables 2-4 read across models): per dataset the cards are extracted and
 * filtered once (by `extractWith`), every model describes and measures the same personas, and the result has one
 * correlation table per dataset and model plus the cross-model summary (alignment per model, differences of each r
 * between models with paired bootstrap CIs).
 */
export async function analyzeRq1Models(options: Rq1ModelsOptions): Promise<Rq1ModelsAnalysis> {
  const models = options.models;
  if (models.length === 0) throw new Error("analyzeRq1Models needs at least one model");
  const labels = models.map((model) => model.label);
  if (new Set(labels).size !== labels.length) throw new Error(`model labels must differ, got ${labels.join(", ")}`);
  const each = options.extractWith === "each";
  const extractor = each ? undefined : models.find((model) => model.label === (options.extractWith ?? labels[0]));
  if (!each && !extractor) throw new Error(`extractWith "${options.extractWith}" is none of the models (${labels.join(", ")})`);
  const datasets = [...(options.datasets ?? EXTRACT_DATASETS)];
  const inventories = loadInventories(options.inventories ?? []);
  if (inventories.length < 2) throw new UsageError("RQ1 correlates two inventories: give two (--inventory ROWS --inventory COLUMNS)");
  const pairs = expectedPairs(inventories[0], inventories[1]);
  const runs: Rq1ModelsAnalysis["runs"] = [];
  const runOne = (model: AnalysisModel, dataset: string, measureCards?: Rq1Result["measured"]) =>
    runRq1({
      ...pipelineOptions({ ...options, context: model.context }),
      dataset,
      n: options.n,
      // The other models measure the extractor's chosen cards as given (no second filter), so the personas match.
      ...(measureCards ? { cards: measureCards, filter: false } : {}),
      sources: options.sources?.(dataset),
      inventories,
    });
  for (const dataset of datasets) {
    if (extractor) {
      options.onStep?.(`RQ1 ${datasetLabel(dataset)}: ${extractor.label} extracts and filters the persona cards and measures them (n = ${options.n})`);
      const first = await runOne(extractor, dataset);
      const others = models.filter((model) => model !== extractor);
      if (others.length) options.onStep?.(`RQ1 ${datasetLabel(dataset)}: ${others.map((model) => model.label).join(", ")} measure the same ${first.measured.length} personas`);
      // Each model has its own provider, rate limits and ledger, so their calls run in parallel.
      const measured = await Promise.all(others.map((model) => runOne(model, dataset, first.measured)));
      runs.push({ dataset, model: extractor.label, run: first }, ...others.map((model, index) => ({ dataset, model: model.label, run: measured[index] })));
    } else {
      options.onStep?.(`RQ1 ${datasetLabel(dataset)}: every model extracts, filters and measures its own persona cards (n = ${options.n})`);
      const results = await Promise.all(models.map((model) => runOne(model, dataset)));
      runs.push(...models.map((model, index) => ({ dataset, model: model.label, run: results[index] })));
    }
  }
  const simulated = models.some((model) => model.context.simulated);
  const scores = runs.flatMap(({ model, run }) => withCondition(run.scores, "measured").map((row) => ({ ...row, model })));
  const report = rq1Report(scores, { simulated, groupBy: ["dataset", "model"], pairs, correction: options.correction ?? DEFAULT_CORRECTION });
  const crossModel = crossModelSummary(scores, { seed: options.seed ?? 1, pairs });
  const statistics = runs.filter(({ model }) => each || model === extractor?.label).flatMap(({ run }) => run.statistics);
  const table1 = personaCardTable(statistics, {
    title: `Statistics of the extracted persona cards (Table 1)${extractor ? `, extracted by ${extractor.label}` : ""}`,
    simulated,
    name: "table1-persona-cards",
  });
  // The paper's paired r belong to the paper's pair of inventories only.
  const paperPair = pairs.rows.id === paperPairs().rows.id && pairs.columns.id === paperPairs().columns.id;
  const tableOptions = { simulated, paperPairedR: paperPair ? paperPairedR : undefined, pairs };
  return applyVariant({
    question: "rq1" as const,
    provenance: runProvenance(RQ1_ABOUT, options),
    simulated,
    provider: [...new Set(models.map((model) => model.context.model.provider))].join(","),
    model: labels.join(","),
    scores,
    tables: [
      table1,
      crossModelAlignmentTable(crossModel, tableOptions),
      modelDifferenceTable(crossModel.differences, tableOptions),
      modelDifferenceTable(crossModel.differences, { ...tableOptions, cells: "all" }),
      ...report.tables,
    ],
    figures: report.groups.map((group) => rq1Heatmap(group, simulated, pairs, { nameEveryModel: true })),
    // Figure 2: one example card, of the first run (the extractor's, or the first model's own).
    documents: runs.length ? examplePersonaCard([runs[0].run], readerModelName(runs[0].model, { simulated: models.find((model) => model.label === runs[0].model)?.context.simulated, profile: "always" }), simulated) : [],
    summary: {
      ...report.summary,
      models: models.map((model) => ({ label: model.label, provider: model.context.model.provider, model: model.context.model.model, simulated: model.context.simulated })),
      extractedBy: extractor?.label ?? "each",
      crossModel: {
        alignedCounts: crossModel.alignedCounts,
        alignment: crossModel.alignment,
        differences: crossModel.differences.filter((item) => item.paired),
      },
      table1: statistics,
    },
    runs,
    crossModel,
  }, options, RQ1_ABOUT.prompts);
}
