import type { Correction } from "../stats/adjust";
import { checkWholeNumber, rejectUnknownKeys } from "../check-options";
import { UsageError } from "../errors";
import type { ProgressReporter } from "../llm/runner/progress";
import type { PipelineContext } from "../pipeline/pipeline-context";

/** What every analyze* function takes: the shared pipeline context plus the size and seed of the run. */
export interface AnalysisRunOptions {
  context: PipelineContext;
  n: number;
  seed?: number;
  /** Default: the runner's (a bar on stderr, or in place in a notebook); false for none. */
  progress?: ProgressReporter | false;
  /** Template text per prompt id (see lib/prompts overrides): new text, new hash, new cache keys. */
  promptOverrides?: Record<string, string>;
  /**
   * The prompt variant's name, stamped on every score row, table, figure and summary (applyVariant); default
   * "paper" without overrides, else "custom-<hash>". See lib/prompts/prompt-variant.ts.
   */
  variant?: string;
  concurrency?: number;
  /** Called before each stage group ("RQ1 esconv: extract, filter, describe, answer"), for CLI/notebook messages. */
  onStep?: (message: string) => void;
  /**
   * Multiple-comparison correction of a correlation matrix's p-values (the marks of its heatmap, its table's count of
   * significant cells, its detail table): "holm" (default, DEFAULT_CORRECTION), "bh" (Benjamini-Hochberg) or "none".
   */
  correction?: Correction;
}

/** The keys of AnalysisRunOptions, for the run-time check (add a key here when adding one to the interface). */
export const RUN_OPTION_KEYS = ["context", "n", "seed", "progress", "promptOverrides", "variant", "concurrency", "onStep", "correction"] as const;

/**
 * Checks an analyze* call's options at run time (JavaScript callers and options built elsewhere get no type check):
 * unknown keys (a typo like `promptOverride` or `contxt`), a missing context, n and seed that are not whole numbers.
 */
export function checkRunOptions(options: unknown, where: string, extraKeys: readonly string[] = []): void {
  if (options === undefined || options === null) throw new UsageError(`${where}: options are required, e.g. ${where}(run.analysisOptions()) in a notebook`);
  rejectUnknownKeys(options, [...RUN_OPTION_KEYS, ...extraKeys], where);
  const given = options as Partial<AnalysisRunOptions>;
  const context = given.context as Partial<PipelineContext> | undefined;
  if (!context || typeof context !== "object" || !context.model || !context.cache) {
    throw new UsageError(`${where}: options.context must be a pipeline context (run.context or run.analysisOptions() in a notebook, createPipelineContext() in code), got ${context === undefined ? "nothing" : typeof context}`);
  }
  if (given.n === undefined) throw new UsageError(`${where}: options.n is required (personas per dataset, or dialogues for rq3)`);
  checkWholeNumber(given.n, "n", where, 1);
  checkWholeNumber(given.seed, "seed", where, 0);
}

/** The stage options an analyze* function hands to lib/pipeline. */
export function pipelineOptions(options: AnalysisRunOptions) {
  return {
    context: options.context,
    seed: options.seed ?? 1,
    progress: options.progress,
    promptOverrides: options.promptOverrides,
    concurrency: options.concurrency,
  };
}

/** "esconv" -> "ESConv": dataset names as the paper writes them. */
export function datasetLabel(dataset: string): string {
  return ({ esconv: "ESConv", cams: "CAMS", dreaddit: "Dreaddit", personahub: "PersonaHub" } as Record<string, string>)[dataset] ?? dataset;
}
