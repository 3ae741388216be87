import { UsageError } from "../errors";
import { withFigureExporter } from "../export/figure-exporter";
import { defaultProvider } from "../providers/registry";
import { formatModelSpec, type ModelSpec } from "../providers/model-spec";
import { formatEstimate } from "../llm/runner/estimate";
import { closingSummary, exitCodeOf, formatClosingSummary } from "../llm/runner/closing-summary";
import { createPipelineContext, SIMULATED_BANNER } from "../pipeline/pipeline-context";
import type { CacheMode } from "../llm/cache/response-cache";
import { combineModelOutputs, estimateModels, failedCalls, unconfiguredMessage, unconfiguredModels } from "../reports/analyze-models";
import type { AnalysisOutput } from "../reports/analysis-output";
import { chooseStrategyClassifier } from "../reports/classifier-choice";
import { analyzeRq1Models, type AnalysisModel } from "../reports/rq1-models-analysis";
import { analyzeRq2 } from "../reports/rq2-analysis";
import { analyzeRq3 } from "../reports/rq3-analysis";
import { writeAnalysis } from "../reports/write-analysis";
import type { AnalyzeArgs } from "./commands/analyze";

function openModels(specs: readonly ModelSpec[], cacheMode: CacheMode, options: AnalyzeArgs): AnalysisModel[] {
  return specs.map((spec) => ({
    label: formatModelSpec(spec),
    context: createPipelineContext({ model: spec, cacheMode, seed: options.seed, concurrency: options.concurrency }),
  }));
}

async function runAnalysis(models: readonly AnalysisModel[], options: AnalyzeArgs, log: (message: string) => void): Promise<AnalysisOutput> {
  const run = {
    n: options.n,
    seed: options.seed,
    concurrency: options.concurrency,
    progress: options.quiet ? (false as const) : undefined,
    onStep: log,
    variant: options.variant,
    promptOverrides: options.promptOverrides,
  };
  if (options.question === "rq1") return analyzeRq1Models({ ...run, models, datasets: options.datasets, extractWith: options.extractWith, inventories: options.inventories });
  if (options.generation === "both") throw new UsageError("--generation both compares the modes for one model; with several --model choose omniscient or role-play");
  const generation = options.generation;
  const choice = options.question === "rq3" ? await chooseStrategyClassifier(options.classifier) : undefined;
  if (choice) log(choice.message);
  // One provider's calls do not wait for another's: each model has its own context, rate limits and ledger.
  const outputs = await Promise.all(
    models.map(async (model) => ({
      label: model.label,
      output:
        options.question === "rq2"
          ? await analyzeRq2({ ...run, context: model.context, generation, rolePlay: options.rolePlay })
          : await analyzeRq3({ ...run, context: model.context, classifier: choice!.classifier, evaluation: choice!.evaluation, generation, rolePlay: options.rolePlay }),
    })),
  );
  return combineModelOutputs(options.question, outputs);
}

/**
 * `analyze rq1|rq2|rq3 --model A --model B ...`: the same analysis with every model, set side by side. A model that
 * is not configured stops the run before anything is sent, unless the cache answers everything it needs.
 */
export async function analyzeSeveralModels(options: AnalyzeArgs): Promise<number> {
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const fallback = options.provider ?? defaultProvider();
  const specs: ModelSpec[] = options.models.map((model) => ({ provider: model.provider ?? fallback, model: model.model }));
  const missing = unconfiguredModels(specs);
  const close = (models: readonly AnalysisModel[]) => models.forEach((model) => model.context.close());

  if (options.dryRun) {
    const models = openModels(specs, options.cacheMode, options);
    try {
      const estimate = await estimateModels(options.question, models, {
        n: options.n,
        seed: options.seed,
        datasets: options.datasets,
        promptOverrides: options.promptOverrides,
        generation: options.generation,
        maxTurns: options.rolePlay.maxTurns,
      });
      console.log(`${options.question} with ${models.map((model) => model.label).join(", ")}, n = ${options.n}\n${formatEstimate(estimate)}`);
      if (missing.length) console.log(`Note: ${unconfiguredMessage(missing, { dryRun: true })}`);
      return 0;
    } finally {
      close(models);
    }
  }

  let output: AnalysisOutput | undefined;
  let models: AnalysisModel[] = [];
  try {
    if (missing.length) {
      // Only a cache that answers every call of the unconfigured models lets the comparison run without them being
      // configured; a read-only pass finds out without sending anything for any model.
      log(`${missing.map(({ spec }) => formatModelSpec(spec)).join(", ")} not configured: checking whether the cache answers everything they need`);
      try {
        models = openModels(specs, "read-only", options);
        const cachedOutput = await runAnalysis(models, { ...options, quiet: true }, () => undefined);
        if (failedCalls(models) === 0) output = cachedOutput;
      } catch {
        // A missing cache file or any read-only miss that a stage raises means: not everything is cached.
      }
      if (!output) {
        console.error(`persona-talks analyze: ${unconfiguredMessage(missing)}`);
        return 3;
      }
    } else {
      models = openModels(specs, options.cacheMode, options);
      if (models.some((model) => model.context.simulated)) log(SIMULATED_BANNER);
      output = await runAnalysis(models, options, log);
    }
    // How each model's calls went (done, from cache, failed, retries by cause), kept with the numbers they made.
    const calls = models.map((model) => ({ label: model.label, summary: closingSummary(model.context.ledger) }));
    output = { ...output, summary: { ...output.summary, run: Object.fromEntries(calls.map(({ label, summary }) => [label, summary])) } };
    const finished = output;
    const written = await withFigureExporter({ log }, (exporter) => writeAnalysis(finished, options.out, { exporter }));
    for (const model of models) log(`${model.label}\n${model.context.ledger.formatTable()}`);
    console.log(
      `${output.simulated ? `${SIMULATED_BANNER}\n` : ""}${options.question} with ${models.length} models: wrote ${written.files.length} files to ${options.out} ` +
        `(${output.tables.length} tables, ${output.figures.length + output.documents.length} figures, scores.csv, summary.json)`,
    );
    for (const message of written.messages) console.log(message);
    for (const { label, summary } of calls) log(`${label}: ${formatClosingSummary(summary)}`);
    return Math.max(...calls.map(({ summary }) => exitCodeOf(summary, false)));
  } finally {
    close(models);
  }
}
