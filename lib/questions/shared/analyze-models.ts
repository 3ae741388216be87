import { estimatePlan, planned } from "../../pipeline/estimate-plan";
import { EXTRACT_DATASETS } from "../../pipeline/stages/extract-personas";
import { standardInventories } from "../../pipeline/stages/answer-inventory";
import { isConfigured } from "../../llm/environment";
import { setupHint } from "../../llm/provider-definition";
import { defaultProvider, getProvider } from "../../providers/registry";
import type { CacheMode } from "../../llm/cache/response-cache";
import { createPipelineContext } from "../../pipeline/pipeline-context";
import type { RunEstimate } from "../../llm/runner/estimate";
import type { ModelRequest } from "../../llm/types";
import type { ModelSpec } from "../../providers/model-spec";
import { formatModelSpec, parseModelSpecs } from "../../providers/model-spec";
import type { AnalysisOutput, NamedFigure, Question } from "../../reports/analysis-output";
import { getQuestion } from "../registry";
import { connectionSettings } from "../../llm/environment";
import { plannedRequests, type EstimateAnalysisOptions } from "./estimate-analysis";
import type { AnalysisModel } from "../rq1/rq1-models-analysis";
import { labelOutput } from "../../reports/label-output";

/**
 * One pipeline context per model ("openai:gpt-4o-mini", "sim:llama-like"; a bare id uses the default provider), for
 * analyzeRq1Models in a notebook. Each has its own provider, rate limits and ledger; all share the response cache.
 */
export function openModels(specs: readonly string[], options: { cacheMode?: CacheMode; seed?: number; concurrency?: number } = {}): AnalysisModel[] {
  return parseModelSpecs(specs, undefined).map((spec) => {
    const provider = spec.provider ?? defaultProvider();
    return {
      label: formatModelSpec({ provider, model: spec.model }),
      context: createPipelineContext({ model: { provider, model: spec.model }, cacheMode: options.cacheMode, seed: options.seed, concurrency: options.concurrency }),
    };
  });
}

/** The models of `specs` that have no key or base URL in the environment (a provider that needs no settings, like sim, never does). */
export function unconfiguredModels(specs: readonly ModelSpec[], env?: Record<string, string | undefined>): Array<{ spec: ModelSpec; hint: string }> {
  return specs
    .map((spec) => ({ spec, provider: getProvider(spec.provider) }))
    .filter(({ provider }) => provider.needs !== "nothing" && !isConfigured(provider, env ? { env } : {}))
    .map(({ spec, provider }) => ({ spec, hint: setupHint(provider) }));
}

/** "anthropic:claude-3-5-haiku-20241022 is not configured: set ANTHROPIC_API_KEY ...; fix it or drop its --model". */
export function unconfiguredMessage(missing: ReturnType<typeof unconfiguredModels>, options: { dryRun?: boolean } = {}): string {
  const one = missing.length === 1;
  const what = missing.map(({ spec, hint }) => `${formatModelSpec(spec)} is not configured (${hint})`).join("; ");
  if (options.dryRun) return `${what}; a real run stops before sending anything until ${one ? "it is" : "they are"} configured or ${one ? "its" : "their"} --model removed.`;
  return `${what}; nothing was sent for any model. Configure ${one ? "it" : "them"} or remove ${one ? "its" : "their"} --model (no half-run comparisons).`;
}

/** Failed calls across the models' ledgers (a read-only pass fails exactly the calls the cache cannot answer). */
export function failedCalls(models: readonly AnalysisModel[]): number {
  return models.reduce((sum, model) => sum + model.context.ledger.rows().reduce((rows, row) => rows + row.failedCalls, 0), 0);
}

/**
 * Every request a multi-model analysis would send: the first model's (or extractor's) whole plan, then each other
 * model's: the question's `planOtherModel` (RQ1: describe-and-answer on the same personas), else its whole plan.
 */
export async function plannedModelRequests(
  question: Question,
  models: readonly AnalysisModel[],
  options: Omit<EstimateAnalysisOptions, "context">,
): Promise<ModelRequest[]> {
  const requests: ModelRequest[] = [];
  const append = (more: readonly ModelRequest[]) => {
    for (const request of more) requests.push(request);
  };
  const module = getQuestion(question);
  for (const [index, model] of models.entries()) {
    if (index > 0 && module.planOtherModel) append(await module.planOtherModel({ ...options, context: model.context }));
    else append(await plannedRequests(question, { ...options, context: model.context }));
  }
  return requests;
}

/** The dry-run estimate of a multi-model analysis: one row per model plus the total (see formatEstimate). */
export async function estimateModels(
  question: Question,
  models: readonly AnalysisModel[],
  options: Omit<EstimateAnalysisOptions, "context">,
): Promise<RunEstimate> {
  return estimatePlan(await plannedModelRequests(question, models, options), models[0].context);
}

/**
 * RQ2 or RQ3 run once per model, set side by side: every score row gets its model, every table and figure the
 * model in its title and file name, and summary.json one entry per model.
 */
export function combineModelOutputs(question: Question, outputs: ReadonlyArray<{ label: string; output: AnalysisOutput }>): AnalysisOutput {
  const parts = outputs.map(({ label, output }) => labelOutput(output, label));
  return {
    question,
    simulated: outputs.some(({ output }) => output.simulated),
    provider: [...new Set(outputs.map(({ output }) => output.provider))].join(","),
    model: outputs.map(({ label }) => label).join(","),
    scores: outputs.flatMap(({ label, output }) => output.scores.map((row) => ({ ...row, model: label }))),
    tables: parts.flatMap((part) => part.tables),
    figures: parts.flatMap((part) => part.figures),
    documents: parts.flatMap((part) => part.documents),
    summary: {
      models: Object.fromEntries(outputs.map(({ label, output }) => [label, output.summary])),
      ...(outputs[0]?.output.variant ? { variant: outputs[0].output.variant } : {}),
    },
    ...(outputs[0]?.output.variant ? { variant: outputs[0].output.variant } : {}),
    ...(outputs[0]?.output.provenance ? { provenance: outputs[0].output.provenance } : {}),
  };
}
