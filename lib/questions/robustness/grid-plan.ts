import { UsageError } from "../../errors";
import type { Inventory } from "../../inventory/inventory-schema";
import { formatDollars } from "../../llm/runner/ledger";
import type { ModelRequest } from "../../llm/types";
import { estimatePlan, planned } from "../../pipeline/estimate-plan";
import type { PipelineContext } from "../../pipeline/pipeline-context";
import { conditionName, isPaperCondition, PAPER_CONDITION, type AnswerCondition } from "../../pipeline/answer-condition";
import { requestCondition } from "../../prompts/condition-prompt";
import { planPersonaCards } from "../rq1/rq1-plan";
import type { EstimateAnalysisOptions } from "../shared/plan-options";
import { describeDesign, gridDesign, ITEM_ORDER_NOTE, type GridDesign, type GridOptions } from "./grid-design";
import { robustnessDatasets, robustnessInventories } from "./robustness-defaults";

/** What the grid's plan is computed from: a question's plan options plus the grid's. */
export interface RobustnessPlanOptions extends EstimateAnalysisOptions {
  grid?: GridOptions;
}

/** One condition's share of the dry run: its answer calls (every persona, statement and repeat) and their cost. */
export interface ConditionEstimate {
  condition: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  listDollars: number;
  batchDollars: number;
  /** Set when this condition sends the same requests as another of the grid (item order alone differs): 0 new calls. */
  sameRequestsAs?: string;
}

/** The conditions among `conditions` with requests of their own, in order (one per requestCondition). */
export function distinctAsked(conditions: readonly AnswerCondition[]): AnswerCondition[] {
  const seen = new Map<string, AnswerCondition>();
  for (const condition of conditions) {
    const asked = requestCondition(condition);
    if (!seen.has(conditionName(asked))) seen.set(conditionName(asked), asked);
  }
  return [...seen.values()];
}

/**
 * Per condition of the design: its answer calls (n personas x datasets x statements x repeats) and their estimated
 * tokens and dollars, priced from one persona's stand-in requests and scaled (so it takes milliseconds at any n).
 */
export function conditionEstimates(context: PipelineContext, design: GridDesign, options: { n: number; datasets: number; inventories: readonly Inventory[]; overrides?: Record<string, string> }): ConditionEstimate[] {
  const scale = options.n * options.datasets * design.repeats;
  // The first condition of each requestCondition group pays; the others send the same requests (answered from the cache).
  const payer = new Map<string, string>();
  return design.conditions.map((condition) => {
    const asked = conditionName(requestCondition(condition));
    const first = payer.get(asked);
    if (first !== undefined) return { condition: conditionName(condition), calls: 0, inputTokens: 0, outputTokens: 0, listDollars: 0, batchDollars: 0, sameRequestsAs: first };
    payer.set(asked, conditionName(condition));
    const perPersona = planned.answers(context, options.inventories, options.overrides, condition);
    const one = estimatePlan(perPersona, context);
    return {
      condition: conditionName(condition),
      calls: perPersona.length * scale,
      inputTokens: one.inputTokens * scale,
      outputTokens: one.outputTokens * scale,
      listDollars: one.listDollars * scale,
      batchDollars: one.batchDollars * scale,
    };
  });
}

/** The dry run's lines per condition, after the design. */
export function formatConditionEstimates(design: GridDesign, estimates: readonly ConditionEstimate[]): string[] {
  const width = Math.max(9, ...estimates.map((row) => row.condition.length));
  return [
    `Design: ${describeDesign(design)}${design.half ? `; aliases: ${design.half.aliases.join("; ")}` : ""}.`,
    `Answer calls per condition (every persona, statement and repeat; the paper condition is the ordinary run):`,
    `  ${"condition".padEnd(width)}  ${"calls".padStart(10)}  ${"input tokens".padStart(13)}  ${"list".padStart(9)}  ${"batch".padStart(9)}`,
    ...(design.factors.some((choice) => choice.factor === "itemOrder") ? [`Note: ${ITEM_ORDER_NOTE}.`] : []),
    ...estimates.map(
      (row) =>
        `  ${row.condition.padEnd(width)}  ${String(row.calls).padStart(10)}  ${Math.round(row.inputTokens).toLocaleString("en-US").padStart(13)}  ${formatDollars(row.listDollars).padStart(9)}  ${formatDollars(row.batchDollars).padStart(9)}` +
        (row.sameRequestsAs ? `  (the requests of ${row.sameRequestsAs}, from the cache)` : ""),
    ),
  ];
}

/**
 * Every request the grid would send, before any is sent: the RQ1 persona cards per dataset (extraction exactly,
 * filter and trait descriptions as stand-ins), then every condition's answers (stand-ins, `repeats` each). Over
 * `grid.maxCalls`: a UsageError (one line, exit 2), nothing sent.
 */
export async function planRobustness(options: RobustnessPlanOptions): Promise<ModelRequest[]> {
  const design = gridDesign(options.grid);
  const datasets = robustnessDatasets(options.datasets);
  const inventories = robustnessInventories(options.inventories);
  // One persona's requests per condition (its own template and scale text), repeated for every persona and repeat.
  // The paper cell is always answered (the ordinary RQ1 run that chooses and describes the personas), in the design or not.
  // Conditions differing only in item order send the same requests: each distinct request is planned once.
  const conditions = distinctAsked(design.conditions.some(isPaperCondition) ? design.conditions : [PAPER_CONDITION, ...design.conditions]);
  const answers = conditions.map((condition) => planned.answers(options.context, inventories, options.promptOverrides, condition));
  const describe = planned.describe(options.context, options.promptOverrides);
  const cards = await planPersonaCards({ ...options, datasets }, false);
  const perDataset = describe.length * options.n + answers.reduce((sum, list) => sum + list.length, 0) * options.n * design.repeats;
  checkMaxCalls(cards.length + perDataset * datasets.length, options.grid?.maxCalls, conditions.length, design.repeats);
  // Filled in place (a paper-scale grid plans millions of references to a few hundred stand-in requests).
  const requests: ModelRequest[] = new Array(cards.length + perDataset * datasets.length);
  let at = 0;
  for (const request of cards) requests[at++] = request;
  for (let dataset = 0; dataset < datasets.length; dataset++) {
    for (let persona = 0; persona < options.n; persona++) for (const request of describe) requests[at++] = request;
    // Each statement's stand-in in one run (the estimate prices a run of one object at the cost of a counter).
    for (const condition of answers) for (const request of condition) for (let copy = 0; copy < options.n * design.repeats; copy++) requests[at++] = request;
  }
  return requests;
}

/** --max-calls: a grid planning more calls is refused before anything is sent. */
export function checkMaxCalls(calls: number, maxCalls: number | undefined, conditions: number, repeats: number): void {
  if (maxCalls === undefined || calls <= maxCalls) return;
  throw new UsageError(
    `the grid plans ${calls} calls (${conditions} conditions x ${repeats} repeat${repeats === 1 ? "" : "s"}), over --max-calls ${maxCalls}; nothing was sent. Lower --n, choose fewer factors or levels (--factor NAME=a,b), use --design half, or raise --max-calls`,
  );
}
