import { readerModelName } from "../charts/model-label";
import { simulatedModelName } from "../providers/simulated-model-name";
import { datasetLabel } from "./run-options";

/**
 * A model as captions and table titles name it, like the figures: a simulated model by its display name with
 * SIMULATED ("Simulated aligned (SIMULATED)"), a paper model in the paper's spelling ("gpt-4o-mini"), anything else
 * without vendor path or date suffix. The internal id (sim-3-aligned-seed1-truth1e096f79) stays in summary.json
 * and the README's provenance.
 */
export function captionModelName(model: string): string {
  return (/^sim(-|:|$)/.test(model) ? simulatedModelName(model) : undefined) ?? readerModelName(model);
}

/** " from ESConv measured by Simulated aligned (SIMULATED)": where a result comes from, for a caption or title. */
export function captionWhere(group: { dataset?: string; model?: string }): string {
  return `${group.dataset ? ` from ${datasetLabel(group.dataset)}` : ""}${group.model ? ` measured by ${captionModelName(group.model)}` : ""}`;
}
