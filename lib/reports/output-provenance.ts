import { promptTemplate } from "../prompts/render-prompt";
import type { OutputProvenance, PromptProvenance } from "../tables/output-readme";
import { NOTEBOOK_PROMPTS } from "./prompt-table";
import type { AnalysisRunOptions } from "./run-options";

const N_MEANING: Record<string, string> = {
  data: "personas measured per dataset (extracted and kept by the filter)",
  rq1: "personas measured per dataset",
  rq2: "personas measured (PersonaHub personas expanded and scored)",
  rq3: "ESConv dialogues continued",
};

/** The prompts of a question with the version and hash in force (after overrides). */
export function promptProvenance(ids: readonly string[], overrides?: Record<string, string>): PromptProvenance[] {
  return ids.map((id) => {
    const template = promptTemplate(id, { overrides });
    return { id, version: template.prompt.version, hash: template.prompt.hash };
  });
}

/** The run-level provenance of an analyze* call: seed, N and what it counts, and the prompts in force. */
export function runProvenance(question: keyof typeof NOTEBOOK_PROMPTS, options: Pick<AnalysisRunOptions, "n" | "seed" | "promptOverrides">): Pick<OutputProvenance, "seed" | "n" | "nMeaning" | "prompts"> {
  return { seed: options.seed ?? 1, n: options.n, nMeaning: N_MEANING[question], prompts: promptProvenance(NOTEBOOK_PROMPTS[question], options.promptOverrides) };
}

