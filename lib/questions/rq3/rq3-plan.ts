import { loadEsconv } from "../../data/esconv";
import type { ModelRequest } from "../../llm/types";
import { planned } from "../../pipeline/estimate-plan";
import { standardInventories } from "../../pipeline/stages/answer-inventory";
import { continueDialogue } from "../../pipeline/stages/continue-dialogue";
import { extractPersonas } from "../../pipeline/stages/extract-personas";
import { DEFAULT_MAX_TURNS } from "../../pipeline/stages/role-play-dialogue";
import { sampleRows } from "../../pipeline/table";
import { append, dryRunOptions, type EstimateAnalysisOptions } from "../shared/plan-options";

/** RQ3's requests before any is sent (one generation mode): per trait condition the continuations, then the judge. */
export async function planRq3(options: EstimateAnalysisOptions): Promise<ModelRequest[]> {
  const { context, n } = options;
  const overrides = options.promptOverrides;
  const dry = dryRunOptions(options);
  const rolePlay = options.generation === "role-play";
  const turns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const requests: ModelRequest[] = [];
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
  return requests;
}
