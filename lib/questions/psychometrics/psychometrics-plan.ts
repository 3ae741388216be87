import type { ModelRequest } from "../../llm/types";
import { planned } from "../../pipeline/estimate-plan";
import { standardInventories } from "../../pipeline/stages/answer-inventory";
import { EXTRACT_DATASETS } from "../../pipeline/stages/extract-personas";
import { planRq1 } from "../rq1/rq1-plan";
import type { EstimateAnalysisOptions } from "../shared/plan-options";

export interface PsychometricsPlanOptions extends EstimateAnalysisOptions {
  samples?: number;
  temperature?: number;
  logprobs?: boolean;
}

/** RQ1's plan, plus every statement answered K - 1 more times per persona and dataset, plus the log-probability pass. */
export async function planPsychometrics(options: PsychometricsPlanOptions): Promise<ModelRequest[]> {
  const requests = await planRq1(options);
  const datasets = (options.datasets ?? EXTRACT_DATASETS).length;
  const extra = planned.answers(options.context, standardInventories(options.inventories)).map((request) => ({ ...request, temperature: options.temperature ?? 0 }));
  const repeats = ((options.samples ?? 1) - 1) * options.n * datasets;
  for (let index = 0; index < repeats; index++) requests.push(...extra);
  // The log-probability pass: every statement once more per persona, with top_logprobs (its own cache keys).
  const logprobPasses = options.logprobs ? options.n * datasets : 0;
  const withLogprobs = extra.map((request) => ({ ...request, topLogprobs: 5 }));
  for (let index = 0; index < logprobPasses; index++) requests.push(...withLogprobs);
  return requests;
}
