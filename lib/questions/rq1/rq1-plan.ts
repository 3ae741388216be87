import type { ModelRequest } from "../../llm/types";
import { planned } from "../../pipeline/estimate-plan";
import { standardInventories } from "../../pipeline/stages/answer-inventory";
import { EXTRACT_DATASETS, extractPersonas, loadPersonaSources } from "../../pipeline/stages/extract-personas";
import { append, dryRunOptions, type EstimateAnalysisOptions } from "../shared/plan-options";

/**
 * RQ1's requests before any is sent: per dataset the extraction exactly (so cached ones count as cached), the
 * filter, trait descriptions and answers as stand-ins of typical length. Psychometrics measures the same personas.
 */
export async function planRq1(options: EstimateAnalysisOptions): Promise<ModelRequest[]> {
  return planPersonaCards(options, true);
}

/**
 * The persona cards of each dataset: extracted (exactly) and filtered; with `measure`, described and answered too
 * (RQ1). Without, the data overview's plan.
 */
export async function planPersonaCards(options: EstimateAnalysisOptions, measure: boolean): Promise<ModelRequest[]> {
  const { context, n } = options;
  const overrides = options.promptOverrides;
  const requests: ModelRequest[] = [];
  for (const dataset of options.datasets ?? EXTRACT_DATASETS) {
    // runRq1 extracts about twice as many cards as it keeps, since the filter rejects some.
    const extracted = Math.max(2 * n, 10);
    append(requests, (await extractPersonas(loadPersonaSources(dataset), { ...dryRunOptions(options), n: extracted })).planned ?? []);
    append(requests, planned.times(extracted, () => planned.filter(context, overrides)));
    if (measure) append(requests, planned.measure(context, n, standardInventories(options.inventories), overrides));
  }
  return requests;
}

/** With several models, each model after the first describes and answers for the same personas (analyzeRq1Models). */
export async function planRq1OtherModel(options: EstimateAnalysisOptions): Promise<ModelRequest[]> {
  const requests: ModelRequest[] = [];
  for (const _dataset of options.datasets ?? EXTRACT_DATASETS) append(requests, planned.measure(options.context, options.n, standardInventories(options.inventories), options.promptOverrides));
  return requests;
}
