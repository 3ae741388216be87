import { promptVariant, variantRecord, type PromptOverrideSource, type PromptVariant, type VariantRecord } from "../prompts/prompt-variant";
import { getQuestion } from "../questions/registry";
import type { AnalysisOutput } from "../reports/analysis-output";
import type { Answers } from "./stage-types";
import { stageOf } from "./stage-input";
import { compareVariants, type ComparableAnalysis, type VariantComparison } from "../reports/variant-comparison";

/**
 * Prompt variants from a notebook: `pt.variant(name, overrides)` names a set of template overrides (text, or
 * { file }), `pt.prompts.edit(id, fn)` derives a template from the one in force, `pt.compare(a, b)` sets two
 * results side by side. See docs/prompts-and-sim.md, "Prompt variants".
 */

export interface NotebookVariant extends PromptVariant {
  /** Spread into analyzeRq1/2/3 or stage options: `{ variant, promptOverrides }`. */
  readonly options: { variant: string; promptOverrides: Record<string, string> };
  /** The name and the id, version and hash of every prompt in force (for a question's prompts when given). */
  record(question?: string): VariantRecord;
}

/** A named prompt variant, checked now (unknown prompt ids, template variables, missing files fail in this cell). */
export function variant(name: string, overrides: Record<string, PromptOverrideSource> = {}): NotebookVariant {
  const checked = promptVariant(name, overrides);
  return {
    ...checked,
    options: { variant: checked.name, promptOverrides: { ...checked.overrides } },
    record: (question?: string) => variantRecord({ name: checked.name, overrides: checked.overrides, prompts: question ? getQuestion(question).prompts : undefined }),
  };
}

type Comparable = AnalysisOutput | ComparableAnalysis | Answers | readonly Record<string, unknown>[];

function comparable(input: Comparable, fallback: string): ComparableAnalysis {
  // A session's answers: their score rows, which carry the session's variant.
  if (!Array.isArray(input) && stageOf(input) === "answerInventory") return comparable((input as Answers).scores as unknown as Record<string, unknown>[], fallback);
  if (!Array.isArray(input)) return input as ComparableAnalysis;
  const rows = input as readonly Record<string, unknown>[];
  const name = typeof rows[0]?.variant === "string" ? (rows[0].variant as string) : fallback;
  return { question: "scores", simulated: rows.some((row) => row.simulated === true), scores: rows, summary: {}, variant: { name, prompts: {} } };
}

/**
 * Two results side by side, paired by persona: analyses (analyzeRq1... outputs), export folders read with
 * loadAnalysisFolder, a session's answers (run.answer), or their score rows (`answers.scores`). Each side is named
 * by its prompt variant (the session's, carried on the answers and their rows; "A" and "B" only when unnamed). Per-domain differences with a paired Wilcoxon test and a 95% CI, the
 * change of each HEXACO x CSI correlation with a bootstrap CI, the change of strategy shares (RQ3); `.tables`,
 * `.figures` (show them with the notebook display helpers), `.summary`.
 */
export function compare(
  a: Comparable,
  b: Comparable,
  options: { resamples?: number; seed?: number } = {},
): VariantComparison {
  return compareVariants(comparable(a, "A"), comparable(b, "B"), options);
}
