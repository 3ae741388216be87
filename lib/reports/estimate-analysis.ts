import { loadEsconv } from "../data/esconv";
import type { RunEstimate } from "../llm/runner/estimate";
import type { ModelRequest } from "../llm/types";
import { estimatePlan, planned } from "../pipeline/estimate-plan";
import type { PipelineContext } from "../pipeline/pipeline-context";
import { GENERATION_MODES, type GenerationMode, type TraitCondition } from "../pipeline/dialogue-rows";
import { DEFAULT_MAX_TURNS } from "../pipeline/stages/role-play-dialogue";
import { standardInventories } from "../pipeline/stages/answer-inventory";
import { continueDialogue } from "../pipeline/stages/continue-dialogue";
import { expandPersonaHub, personaHubEntries } from "../pipeline/stages/expand-persona-hub";
import { EXTRACT_DATASETS, extractPersonas, loadPersonaSources } from "../pipeline/stages/extract-personas";
import { sampleRows } from "../pipeline/table";
import type { Question } from "./analysis-output";
import type { Inventory } from "../inventory/inventory-schema";

/** Appends with a loop: push(...list) passes every element as an argument, which overflows the stack at paper scale. */
function append(requests: ModelRequest[], more: readonly ModelRequest[]): void {
  for (const request of more) requests.push(request);
}

export interface EstimateAnalysisOptions {
  context: PipelineContext;
  n: number;
  seed?: number;
  datasets?: readonly string[];
  conditions?: readonly TraitCondition[];
  judge?: boolean;
  noPersona?: boolean;
  promptOverrides?: Record<string, string>;
  /** How dialogues are generated (rq2, rq3): one call each (default), turn by turn by two agents, or both. */
  generation?: GenerationMode | "both";
  /** Role-play: utterances per dialogue (default DEFAULT_MAX_TURNS, the most a dialogue can take). */
  maxTurns?: number;
  /** rq1, psychometrics: the inventories answered (ids, paths or loaded); default the paper's pair. */
  inventories?: readonly (string | Inventory)[];
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
  if (options.generation === "both") {
    for (const generation of GENERATION_MODES) for (const request of await plannedRequests(question, { ...options, generation })) requests.push(request);
    return requests;
  }
  const rolePlay = options.generation === "role-play";
  const turns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  // psychometrics measures the RQ1 personas (its --samples K > 1 adds K - 1 answer passes; see analyze-psychometrics).
  if (question === "rq1" || question === "psychometrics") {
    for (const dataset of options.datasets ?? EXTRACT_DATASETS) {
      // runRq1 extracts about twice as many cards as it keeps, since the filter rejects some.
      const extracted = Math.max(2 * n, 10);
      append(requests, ((await extractPersonas(loadPersonaSources(dataset), { ...dry, n: extracted })).planned ?? []));
      append(requests, planned.times(extracted, () => planned.filter(context, overrides)));
      append(requests, planned.measure(context, n, standardInventories(options.inventories), overrides));
    }
  } else if (question === "rq2") {
    const conditions = options.noPersona === false ? 1 : 2;
    append(requests, ((await expandPersonaHub(personaHubEntries(), { ...dry, n })).planned ?? []));
    append(requests, planned.answers(context, standardInventories(), overrides).flatMap((request) => Array.from({ length: n }, () => request)));
    for (let condition = 0; condition < conditions; condition++) {
      if (rolePlay) for (let persona = 0; persona < n; persona++) append(requests, planned.rolePlay(context, turns, { overrides }));
      else append(requests, planned.times(n, () => planned.generate(context, overrides)));
      append(requests, planned.times(n, () => planned.reextract(context, overrides)));
      append(requests, planned.measure(context, n, standardInventories(), overrides));
    }
  } else {
    const conditions = options.conditions ?? ["both", "none", "hexaco", "csi"];
    const dialogues = sampleRows(loadEsconv(), n, options.seed ?? 1);
    if (rolePlay || conditions.some((condition) => condition !== "none")) append(requests, (await extractPersonas(dialogues, { ...dry })).planned ?? []);
    if (conditions.some((condition) => condition !== "none")) append(requests, planned.measure(context, dialogues.length, standardInventories(), overrides));
    for (const condition of conditions) {
      if (rolePlay) {
        for (const dialogue of dialogues) append(requests, planned.rolePlay(context, turns, { history: dialogue.turns, traits: condition !== "none", overrides }));
      } else if (condition === "none") append(requests, (await continueDialogue(dialogues, { ...dry, traits: "none" })).planned ?? []);
      else append(requests, dialogues.map((dialogue) => planned.continueWithTraits(context, dialogue.turns, overrides)));
    }
    if ((options.judge ?? true) && conditions.includes("both") && conditions.includes("none")) {
      append(requests, planned.times(dialogues.length, () => planned.judge(context, overrides)));
    }
  }
  return requests;
}

/** The dry-run cost estimate of an analysis (calls, cached calls, tokens, dollars at list and Batch prices). */
export async function estimateAnalysis(question: Question, options: EstimateAnalysisOptions): Promise<RunEstimate> {
  return estimatePlan(await plannedRequests(question, options), options.context);
}
