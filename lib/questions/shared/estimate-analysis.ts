import type { RunEstimate } from "../../llm/runner/estimate";
import type { ModelRequest } from "../../llm/types";
import { estimatePlan } from "../../pipeline/estimate-plan";
import { GENERATION_MODES } from "../../pipeline/dialogue-rows";
import { UsageError } from "../../errors";
import { getQuestion } from "../registry";
import { append, type EstimateAnalysisOptions } from "./plan-options";

export type { EstimateAnalysisOptions } from "./plan-options";

/**
 * Every request an analysis would send, before any is sent: the question's plan (lib/questions/<id>/), the first
 * stage's requests exactly (so cached ones count as cached), later stages as stand-ins of typical length (their
 * prompts depend on earlier answers). --generation both plans each mode.
 */
export async function plannedRequests(question: string, options: EstimateAnalysisOptions): Promise<ModelRequest[]> {
  const module = getQuestion(question);
  if (!module.plan) throw new UsageError(`${question} has no dry-run plan; run it without --dry-run`);
  if (options.generation !== "both") return module.plan(options);
  const requests: ModelRequest[] = [];
  for (const generation of GENERATION_MODES) append(requests, await module.plan({ ...options, generation }));
  return requests;
}

/** The dry-run cost estimate of an analysis (calls, cached calls, tokens, dollars at list and Batch prices). */
export async function estimateAnalysis(question: string, options: EstimateAnalysisOptions): Promise<RunEstimate> {
  return estimatePlan(await plannedRequests(question, options), options.context);
}
