import { UsageError } from "../errors";
import { NOTEBOOK_PROMPTS, promptTable as templateTable } from "../reports";
import type { Table } from "../tables/table";

// The research questions as the notebook API offers them. The analyses live with their question; this file is the
// one place lib/notebook names them, so moving a question's code changes one import here.
export { dataOverview, analyzeRq1, analyzeRq2, analyzeRq3, analyzePsychometrics, analyzeRq1Models, compareRq3Modes, besideThePaper, loadAnalysisFolder } from "../reports";

/**
 * The prompt templates a question uses (`"data"`, `"rq1"`, `"rq2"`, `"rq3"`), or the given prompt ids, with their
 * version and the hash of the text in force now: the hash changes when a template is edited or overridden.
 */
export function promptTable(prompts: string | readonly string[], overrides?: Record<string, string>): Table {
  if (typeof prompts !== "string") return templateTable(prompts, overrides);
  const ids = NOTEBOOK_PROMPTS[prompts];
  if (!ids) throw new UsageError(`promptTable: unknown question "${prompts}"; use one of ${Object.keys(NOTEBOOK_PROMPTS).join(", ")}, or pass prompt ids`);
  return templateTable(ids, overrides);
}
