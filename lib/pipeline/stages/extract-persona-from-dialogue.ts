import type { Turn } from "../../data/types";
import { formatDialogueTranscript } from "../../prompts/format-dialogue";
import { parsePersonaCard, type PersonaCardFields } from "../../prompts/parse-persona";
import { dialogueConditionName } from "../dialogue-rows";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult, StageRowBase } from "../types";
import { emptyCard } from "./extract-personas";
import type { PersonaCard } from "../../data/types";

/** A persona re-extracted from a generated dialogue: `derivedFrom` is the persona the dialogue was generated for. */
export type DerivedPersonaRow = StageRowBase &
  PersonaCard & {
    derivedFrom: string;
    /** The origin's content key for the simulator (the dialogue's personaKey), when the dialogue carries one. */
    derivedFromKey?: string;
    /** The simulator's name of the generation condition ("persona", "no-persona", "with-traits", ...). */
    condition: string;
    dialogueId: string;
  };

/**
 * Section 5.1: the Figure 11 extraction applied to a generated dialogue, so the seeker can be scored again and
 * compared with the persona the dialogue was generated from (RQ2).
 */
export async function extractPersonaFromDialogue(
  dialogues: readonly { dialogueId: string; personaId: string; personaKey?: string; condition: string; turns: Turn[]; status?: string }[] | unknown,
  options: StageOptions & { role?: string } = {},
): Promise<StageResult<DerivedPersonaRow>> {
  const stage = "extractPersonaFromDialogue";
  const role = options.role ?? "Seeker";
  const all = tableRows<{ dialogueId: string; personaId: string; personaKey?: string; condition: string; turns: Turn[]; status?: string }>(dialogues, "dialogues").filter(
    (dialogue) => dialogue.status !== "failed" && dialogue.turns.length > 0,
  );
  const chosen = sampleRows(all, options.n, options.seed ?? 1);
  return withContext(options, async (context) => {
    const calls: StageCall<PersonaCardFields>[] = chosen.map((dialogue) => ({
      itemId: `generated:${dialogue.dialogueId}`,
      promptId: "extract-persona-from-dialogue",
      variables: { role, dialogue: formatDialogueTranscript(dialogue.turns) },
      parse: (raw) => parsePersonaCard(raw),
    }));
    const result = await runStageCalls(stage, calls, options, context);
    const rows: DerivedPersonaRow[] = result.outcomes.map((outcome, index) => {
      const dialogue = chosen[index];
      const id = `generated:${dialogue.dialogueId}`;
      return {
        ...emptyCard(id, "generated", dialogue.dialogueId),
        ...(outcome.value ?? {}),
        derivedFrom: dialogue.personaId,
        ...(dialogue.personaKey ? { derivedFromKey: dialogue.personaKey } : {}),
        condition: dialogueConditionName(dialogue.condition),
        dialogueId: dialogue.dialogueId,
        ...rowBase(stage, context, [outcome]),
      };
    });
    return stageResult(stage, rows, result);
  });
}
