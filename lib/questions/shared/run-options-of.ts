import type { AnalysisRunOptions } from "../../reports/run-options";
import type { QuestionRun } from "../question-module";

/** The generic run options of a question run (context, n, seed, variant, ...), without the question-specific ones. */
export function runOptionsOf<Run extends Omit<QuestionRun, "context">>(run: Run): Omit<AnalysisRunOptions, "context"> & Pick<Run, never> {
  const { n, seed, progress, promptOverrides, variant, concurrency, onStep } = run;
  const options: Omit<AnalysisRunOptions, "context"> = { n, seed, progress, promptOverrides, variant, concurrency, onStep };
  for (const key of Object.keys(options) as (keyof typeof options)[]) if (options[key] === undefined) delete options[key];
  return options;
}
