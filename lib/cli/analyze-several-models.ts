import { UsageError } from "../errors";
import { withFigureExporter } from "../export/figure-exporter";
import { defaultProvider } from "../providers/registry";
import { formatModelSpec, type ModelSpec } from "../providers/model-spec";
import { formatEstimate } from "../llm/runner/estimate";
import { closingSummary, exitCodeOf, formatClosingSummary } from "../llm/runner/closing-summary";
import { createPipelineContext, SIMULATED_BANNER } from "../pipeline/pipeline-context";
import type { CacheMode } from "../llm/cache/response-cache";
import { estimateModels, failedCalls, unconfiguredMessage, unconfiguredModels } from "../questions/shared/analyze-models";
import type { AnalysisOutput } from "../reports/analysis-output";
import type { AnalysisModel } from "../questions/rq1/rq1-models-analysis";
import type { QuestionModule } from "../questions/question-module";
import { questionRun, type AnalyzeArgs } from "./analysis-run-options";
import { writeAndReport } from "./write-and-report";

function openModels(specs: readonly ModelSpec[], cacheMode: CacheMode, options: AnalyzeArgs): AnalysisModel[] {
  return specs.map((spec) => ({
    label: formatModelSpec(spec),
    context: createPipelineContext({ model: spec, cacheMode, seed: options.seed, concurrency: options.concurrency }),
  }));
}

async function runAnalysis(module: QuestionModule, models: readonly AnalysisModel[], options: AnalyzeArgs, log: (message: string) => void): Promise<AnalysisOutput> {
  if (options.generation === "both") throw new UsageError("--generation both compares the modes for one model; with several --model choose omniscient or role-play");
  return module.analyzeModels!(questionRun(options, log), { models, extractWith: options.extractWith });
}

/**
 * `analyze rq1|rq2|rq3 --model A --model B ...`: the same analysis with every model, set side by side. A model that
 * is not configured stops the run before anything is sent, unless the cache answers everything it needs.
 */
export async function analyzeSeveralModels(module: QuestionModule, options: AnalyzeArgs, command: readonly string[] = []): Promise<number> {
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
        const cachedOutput = await runAnalysis(module, models, { ...options, quiet: true }, () => undefined);
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
      output = await runAnalysis(module, models, options, log);
    }
    // How each model's calls went (done, from cache, failed, retries by cause), kept with the numbers they made.
    const calls = models.map((model) => ({ label: model.label, summary: closingSummary(model.context.ledger) }));
    output = { ...output, summary: { ...output.summary, run: Object.fromEntries(calls.map(({ label, summary }) => [label, summary])), command: [...command] } };
    await writeAndReport(output, { module, out: options.out, made: ` with ${models.length} models`, log, figureSize: options.figureSize });
    for (const model of models) log(`${model.label}\n${model.context.ledger.formatTable()}`);
    for (const { label, summary } of calls) log(`${label}: ${formatClosingSummary(summary)}`);
    return Math.max(...calls.map(({ summary }) => exitCodeOf(summary, false)));
  } finally {
    close(models);
  }
}
