import type { Dialogue } from "../../data/types";
import { formatDialogueHistory } from "../../prompts/format-dialogue";
import { parseDialogueTurns, type ParsedDialogue } from "../../prompts/parse-dialogue";
import { formatStrategyDefinitions } from "../../prompts/strategy-definitions";
import { formatTraitDescriptions, formatTraitScores } from "../../prompts/trait-descriptions";
import { UsageError } from "../../errors";
import { dialogueFields, isTraitCondition, TRAIT_CONDITIONS, type DialogueRow, type TraitCondition } from "../dialogue-rows";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult } from "../types";

export interface ContinueDialogueOptions extends StageOptions {
  /** both (Figure 16, the paper's "w/ PT"), hexaco or csi (Table 8), none (Figure 18, "w/o PT"); default both. */
  traits?: TraitCondition;
  /**
   * The seeker's scores (answerInventory's `scores`: personaId + `HEXACO-60:<domain>` / `CSI:<domain>` columns),
   * needed for every condition but none. The persona of ESConv dialogue "train:12" is "esconv:train:12".
   */
  scores?: readonly Record<string, unknown>[] | unknown;
}

/** The persona id of an ESConv dialogue's seeker, as extractPersonas names it. */
export function esconvPersonaId(dialogue: Pick<Dialogue, "id">): string {
  return dialogue.id.startsWith("esconv:") ? dialogue.id : `esconv:${dialogue.id}`;
}

/**
 * Figures 16 and 18: a follow-up conversation three days after an ESConv dialogue, with the seeker's HEXACO and/or
 * CSI scores in the prompt or without them. Dialogues whose seeker has no scores become failure rows.
 */
export async function continueDialogue(dialogues: readonly Dialogue[] | unknown, options: ContinueDialogueOptions = {}): Promise<StageResult<DialogueRow>> {
  const stage = "continueDialogue";
  const condition = options.traits ?? "both";
  if (!isTraitCondition(condition)) throw new UsageError(`traits must be one of ${TRAIT_CONDITIONS.join(", ")}, got "${String(condition)}"`);
  const all = tableRows<Dialogue>(dialogues, "dialogues");
  const chosen = sampleRows(all, options.n, options.seed ?? 1);
  const scoreRows = options.scores === undefined ? [] : tableRows<Record<string, unknown>>(options.scores, "scores");
  const scoresById = new Map(scoreRows.map((row) => [String(row.personaId ?? row.respondent), row]));
  const hexaco = condition === "both" || condition === "hexaco";
  const csi = condition === "both" || condition === "csi";
  if ((hexaco || csi) && options.scores === undefined) {
    throw new UsageError(`continueDialogue with traits "${condition}" needs the seekers' scores (options.scores, from answerInventory)`);
  }
  return withContext(options, async (context) => {
    const strategyDefinitions = formatStrategyDefinitions();
    const withScores = chosen.filter((dialogue) => condition === "none" || scoresById.has(esconvPersonaId(dialogue)));
    const missing = chosen.filter((dialogue) => !withScores.includes(dialogue));
    const calls: StageCall<ParsedDialogue>[] = withScores.map((dialogue) => {
      const personaId = esconvPersonaId(dialogue);
      const scores = scoresById.get(personaId) as Record<string, number | null> | undefined;
      const history = formatDialogueHistory(dialogue.turns);
      const variables =
        condition === "none"
          ? { strategyDefinitions, history }
          : {
              strategyDefinitions,
              history,
              hexaco,
              csi,
              ...(hexaco ? { hexacoDescriptions: formatTraitDescriptions("HEXACO-60"), hexacoScores: formatTraitScores("HEXACO-60", scores ?? {}) } : {}),
              ...(csi ? { csiDescriptions: formatTraitDescriptions("CSI"), csiScores: formatTraitScores("CSI", scores ?? {}) } : {}),
            };
      return {
        itemId: `${personaId}/${condition}`,
        promptId: condition === "none" ? "continue-without-traits" : "continue-with-traits",
        variables,
        parse: (raw) => parseDialogueTurns(raw),
      };
    });
    const result = await runStageCalls(stage, calls, options, context);
    if (result.outcomes.length === 0 && calls.length > 0) return stageResult(stage, [], result);
    const rows: DialogueRow[] = result.outcomes.map((outcome, index) => {
      const personaId = esconvPersonaId(withScores[index]);
      return {
        dialogueId: `${personaId}/${condition}`,
        personaId,
        condition,
        sourceDialogueId: personaId,
        ...dialogueFields(outcome.value),
        ...rowBase(stage, context, [outcome]),
      };
    });
    for (const dialogue of missing) {
      const personaId = esconvPersonaId(dialogue);
      const base = rowBase(stage, context, []);
      rows.push({
        dialogueId: `${personaId}/${condition}`,
        personaId,
        condition,
        sourceDialogueId: personaId,
        ...dialogueFields(undefined),
        ...base,
        status: "failed",
        error: `no trait scores for persona ${personaId} (run answerInventory on its card first)`,
        promptId: condition === "none" ? "continue-without-traits" : "continue-with-traits",
      });
    }
    return stageResult(stage, rows, result);
  });
}
