import { formatStrategyDefinitions } from "../../prompts/strategy-definitions";
import { parseDialogueTurns, type ParsedDialogue } from "../../prompts/parse-dialogue";
import { NO_PERSONA_DESCRIPTION } from "../../prompts/no-persona-description";
import { personaKey } from "../persona-key";
import { dialogueFields, dialogueConditionName, type DialogueRow, type GenerationCondition } from "../dialogue-rows";
import type { PersonaInput } from "../persona-identity";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult } from "../types";

export { NO_PERSONA_DESCRIPTION };

export interface GenerateDialogueOptions extends StageOptions {
  /** "persona" (default): the persona's description and trait statements; "no-persona": the ablation of Section 5.3. */
  condition?: GenerationCondition;
}

/**
 * Figure 17: an emotional support dialogue for each persona, with the supporter's strategy per turn. Without a
 * persona every prompt has the same text, so each gets its own sample index (and cache key).
 */
export async function generateDialogue(personas: readonly PersonaInput[] | unknown, options: GenerateDialogueOptions = {}): Promise<StageResult<DialogueRow>> {
  const stage = "generateDialogue";
  const condition = options.condition ?? "persona";
  dialogueConditionName(condition);
  const all = tableRows<PersonaInput & { status?: string }>(personas, "personas").filter((persona) => persona.status !== "failed");
  const chosen = sampleRows(all, options.n, options.seed ?? 1);
  return withContext(options, async (context) => {
    const strategyDefinitions = formatStrategyDefinitions();
    const calls: StageCall<ParsedDialogue>[] = chosen.map((persona, index) => ({
      itemId: `${persona.id}/${condition}`,
      promptId: "generate-dialogue",
      variables: {
        strategyDefinitions,
        description: condition === "persona" ? persona.traitDescription || persona.description : NO_PERSONA_DESCRIPTION,
      },
      sampleIndex: condition === "persona" ? undefined : index,
      parse: (raw) => parseDialogueTurns(raw),
    }));
    const result = await runStageCalls(stage, calls, options, context);
    const rows: DialogueRow[] = result.outcomes.map((outcome, index) => ({
      dialogueId: `generated:${chosen[index].id}:${condition}`,
      personaId: chosen[index].id,
      personaKey: personaKey(chosen[index]),
      condition,
      sourceDialogueId: null,
      ...dialogueFields(outcome.value),
      ...rowBase(stage, context, [outcome]),
    }));
    return stageResult(stage, rows, result);
  });
}
