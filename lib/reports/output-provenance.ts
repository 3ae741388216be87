import { promptTemplate } from "../prompts/render-prompt";
import type { OutputProvenance, PromptProvenance } from "../tables/output-readme";
import type { AnalysisRunOptions } from "./run-options";

/** The prompts of a question with the version and hash in force (after overrides). */
export function promptProvenance(ids: readonly string[], overrides?: Record<string, string>): PromptProvenance[] {
  return ids.map((id) => {
    const template = promptTemplate(id, { overrides });
    return { id, version: template.prompt.version, hash: template.prompt.hash };
  });
}

/**
 * The run-level provenance of an analyze* call: seed, N and what it counts, and the prompts in force. `question`:
 * its prompt ids and what its N means (a question module's `prompts` and `nMeaning`, lib/questions).
 */
export function runProvenance(
  question: { prompts: readonly string[]; nMeaning: string },
  options: Pick<AnalysisRunOptions, "n" | "seed" | "promptOverrides">,
): Pick<OutputProvenance, "seed" | "n" | "nMeaning" | "prompts"> {
  return { seed: options.seed ?? 1, n: options.n, nMeaning: question.nMeaning, prompts: promptProvenance(question.prompts, options.promptOverrides) };
}
