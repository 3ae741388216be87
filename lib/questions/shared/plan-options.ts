import type { ModelRequest } from "../../llm/types";
import type { GenerationMode, TraitCondition } from "../../pipeline/dialogue-rows";
import type { PipelineContext } from "../../pipeline/pipeline-context";
import type { Inventory } from "../../inventory/inventory-schema";
import type { GridOptions } from "../robustness/grid-design";

/** What a question's plan (its requests before any is sent, for the --dry-run estimate) is computed from. */
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
  /** robustness: the grid's factors, levels, design, repeats and --max-calls. */
  grid?: GridOptions;
}

/** Appends with a loop: push(...list) passes every element as an argument, which overflows the stack at paper scale. */
export function append(requests: ModelRequest[], more: readonly ModelRequest[]): void {
  for (const request of more) requests.push(request);
}

/** The options of one stage's dry run (its `planned` requests, nothing sent). */
export function dryRunOptions(options: EstimateAnalysisOptions) {
  return { context: options.context, seed: options.seed ?? 1, dryRun: true as const, promptOverrides: options.promptOverrides };
}
