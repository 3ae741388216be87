import { loadEsconv } from "../data/esconv";
import type { RunEstimate } from "../llm/runner/estimate";
import type { ModelRequest } from "../llm/types";
import { estimatePlan, planned } from "../pipeline/estimate-plan";
import type { PipelineContext } from "../pipeline/pipeline-context";
import type { TraitCondition } from "../pipeline/dialogue-rows";
import { standardInventories } from "../pipeline/stages/answer-inventory";
import { continueDialogue } from "../pipeline/stages/continue-dialogue";
import { expandPersonaHub, personaHubEntries } from "../pipeline/stages/expand-persona-hub";
import { EXTRACT_DATASETS, extractPersonas, loadPersonaSources } from "../pipeline/stages/extract-personas";
import { sampleRows } from "../pipeline/table";
import type { Question } from "./analysis-output";

export interface EstimateAnalysisOptions {
  context: PipelineContext;
  n: number;
  seed?: number;
  datasets?: readonly string[];
  conditions?: readonly TraitCondition[];
  judge?: boolean;
  noPersona?: boolean;
  promptOverrides?: Record<string, string>;
}

/**
 * Every request an analysis would send, before any is sent: the first stage's requests exactly (so cached ones
 * count as cached), later stages as stand-ins of typical length (their prompts depend on earlier answers).
 */
export async function plannedRequests(question: Question, options: EstimateAnalysisOptions): Promise<ModelRequest[]> {
  const { context, n } = options;
  const overrides = options.promptOverrides;
  const dry = { context, seed: options.seed ?? 1, dryRun: true, promptOverrides: overrides };
  const requests: ModelRequest[] = [];
  // psychometrics measures the RQ1 personas (its --samples K > 1 adds K - 1 answer passes; see analyze-psychometrics).
  if (question === "rq1" || question === "psychometrics") {
    for (const dataset of options.datasets ?? EXTRACT_DATASETS) {
      // runRq1 extracts about twice as many cards as it keeps, since the filter rejects some.
      const extracted = Math.max(2 * n, 10);
      requests.push(...((await extractPersonas(loadPersonaSources(dataset), { ...dry, n: extracted })).planned ?? []));
      requests.push(...planned.times(extracted, () => planned.filter(context, overrides)));
      requests.push(...planned.measure(context, n, standardInventories(), overrides));
    }
  } else if (question === "rq2") {
    const conditions = options.noPersona === false ? 1 : 2;
    requests.push(...((await expandPersonaHub(personaHubEntries(), { ...dry, n })).planned ?? []));
    requests.push(...planned.answers(context, standardInventories(), overrides).flatMap((request) => Array.from({ length: n }, () => request)));
    for (let condition = 0; condition < conditions; condition++) {
      requests.push(...planned.times(n, () => planned.generate(context, overrides)));
      requests.push(...planned.times(n, () => planned.reextract(context, overrides)));
      requests.push(...planned.measure(context, n, standardInventories(), overrides));
    }
  } else {
    const conditions = options.conditions ?? ["both", "none", "hexaco", "csi"];
    const dialogues = sampleRows(loadEsconv(), n, options.seed ?? 1);
    if (conditions.some((condition) => condition !== "none")) {
      requests.push(...((await extractPersonas(dialogues, { ...dry })).planned ?? []));
      requests.push(...planned.measure(context, dialogues.length, standardInventories(), overrides));
    }
    for (const condition of conditions) {
      if (condition === "none") requests.push(...((await continueDialogue(dialogues, { ...dry, traits: "none" })).planned ?? []));
      else requests.push(...dialogues.map((dialogue) => planned.continueWithTraits(context, dialogue.turns, overrides)));
    }
    if ((options.judge ?? true) && conditions.includes("both") && conditions.includes("none")) {
      requests.push(...planned.times(dialogues.length, () => planned.judge(context, overrides)));
    }
  }
  return requests;
}

/** The dry-run cost estimate of an analysis (calls, cached calls, tokens, dollars at list and Batch prices). */
export async function estimateAnalysis(question: Question, options: EstimateAnalysisOptions): Promise<RunEstimate> {
  return estimatePlan(await plannedRequests(question, options), options.context);
}
