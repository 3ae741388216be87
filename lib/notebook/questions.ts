import { UsageError } from "../errors";
import { hasQuestion, questionIds, questionPrompts } from "../questions";
import { promptTable as templateTable } from "../reports";
import type { Table } from "../tables/table";

// The research questions as the notebook API offers them. The analyses live with their question (lib/questions,
// found through its registry); this file is the one place lib/notebook names them.
export { dataOverview, analyzeRq1, analyzeRq2, analyzeRq3, analyzePsychometrics, analyzeRobustness, analyzeRq1Models, compareRq3Modes, besideThePaper } from "../questions";
export { loadAnalysisFolder } from "../reports";

/**
 * The prompt templates a registered question uses (`"data"`, `"rq1"`, `"rq2"`, `"rq3"`, `"psychometrics"`, or one
 * added with registerQuestion), or the given prompt ids, with their version and the hash of the text in force now:
 * the hash changes when a template is edited or overridden.
 */
export function promptTable(prompts: string | readonly string[], overrides?: Record<string, string>): Table {
  if (typeof prompts !== "string") return templateTable(prompts, overrides);
  if (!hasQuestion(prompts)) throw new UsageError(`promptTable: unknown question "${prompts}"; use one of ${questionIds().join(", ")}, or pass prompt ids`);
  return templateTable(questionPrompts(prompts), overrides);
}
