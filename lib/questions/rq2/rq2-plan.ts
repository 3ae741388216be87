import type { ModelRequest } from "../../llm/types";
import { planned } from "../../pipeline/estimate-plan";
import { standardInventories } from "../../pipeline/stages/answer-inventory";
import { expandPersonaHub, personaHubEntries } from "../../pipeline/stages/expand-persona-hub";
import { DEFAULT_MAX_TURNS } from "../../pipeline/stages/role-play-dialogue";
import { append, dryRunOptions, type EstimateAnalysisOptions } from "../shared/plan-options";

/** RQ2's requests before any is sent (one generation mode): expansion exactly, the later stages as stand-ins. */
export async function planRq2(options: EstimateAnalysisOptions): Promise<ModelRequest[]> {
  const { context, n } = options;
  const overrides = options.promptOverrides;
  const rolePlay = options.generation === "role-play";
  const turns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const requests: ModelRequest[] = [];
  const conditions = options.noPersona === false ? 1 : 2;
  append(requests, (await expandPersonaHub(personaHubEntries(), { ...dryRunOptions(options), n })).planned ?? []);
  append(requests, planned.answers(context, standardInventories(), overrides).flatMap((request) => Array.from({ length: n }, () => request)));
  for (let condition = 0; condition < conditions; condition++) {
    if (rolePlay) for (let persona = 0; persona < n; persona++) append(requests, planned.rolePlay(context, turns, { overrides }));
    else append(requests, planned.times(n, () => planned.generate(context, overrides)));
    append(requests, planned.times(n, () => planned.reextract(context, overrides)));
    append(requests, planned.measure(context, n, standardInventories(), overrides));
  }
  return requests;
}
