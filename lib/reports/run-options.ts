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
