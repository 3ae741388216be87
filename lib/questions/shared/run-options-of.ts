import type { AnalysisRunOptions } from "../../reports/run-options";
import type { QuestionRun } from "../question-module";

/**
 * The generic run options of a question run (n, seed, variant, prompts, progress, ...), without its context and
 * without the question-specific options, which analyze* functions refuse as unknown keys.
 */
export function runOptionsOf(run: Omit<QuestionRun, "context">): Omit<AnalysisRunOptions, "context"> {
  const { n, seed, progress, promptOverrides, variant, concurrency, onStep, correction } = run;
  const options: Omit<AnalysisRunOptions, "context"> = { n, seed, progress, promptOverrides, variant, concurrency, onStep, correction };
  for (const key of Object.keys(options) as (keyof typeof options)[]) if (options[key] === undefined) delete options[key];
  return options;
}
