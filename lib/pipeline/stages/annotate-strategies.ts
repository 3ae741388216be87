import { formatDialogueForAnnotation } from "../../prompts/format-dialogue";
import { parseStrategyAnnotations, type StrategyAnnotations } from "../../prompts/parse-annotations";
import { formatStrategyDefinitions } from "../../prompts/strategy-definitions";
import type { DialogueRow } from "../dialogue-rows";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult } from "../types";

/** A dialogue whose supporter turns carry the independent annotator's label (`annotatedStrategy`) too. */
export type AnnotatedDialogueRow = DialogueRow & {
  /** Supporter turns whose annotator label equals the generator's own label, over those with both. */
  agreement: number | null;
  /** Labels the annotator gave that are not among the 8 strategies. */
  unknownAnnotations: number;
};

/**
 * An independent LLM annotator (not in the paper) labels every supporter turn with one of the 8 strategies,
 * without seeing the generator's labels, so RQ3 need not trust the generator's own annotation.
 */
export async function annotateStrategies(dialogues: readonly DialogueRow[] | unknown, options: StageOptions = {}): Promise<StageResult<AnnotatedDialogueRow>> {
  const stage = "annotateStrategies";
  const all = tableRows<DialogueRow>(dialogues, "dialogues").filter((dialogue) => dialogue.status !== "failed" && dialogue.turns.length > 0);
  const chosen = sampleRows(all, options.n, options.seed ?? 1);
  return withContext(options, async (context) => {
    const strategyDefinitions = formatStrategyDefinitions();
    const calls: StageCall<StrategyAnnotations>[] = chosen.map((dialogue) => {
      const supporterIndexes = dialogue.turns.flatMap((turn, index) => (turn.speaker === "supporter" ? [index] : []));
      return {
        itemId: dialogue.dialogueId,
        promptId: "annotate-strategies",
        variables: { strategyDefinitions, dialogue: formatDialogueForAnnotation(dialogue.turns) },
        parse: (raw) => parseStrategyAnnotations(raw, supporterIndexes),
      };
    });
    const result = await runStageCalls(stage, calls, options, context);
    const rows: AnnotatedDialogueRow[] = result.outcomes.map((outcome, index) => {
      const dialogue = chosen[index];
      const labels = new Map((outcome.value?.labels ?? []).map((entry) => [entry.index, entry.strategy]));
      const turns = dialogue.turns.map((turn, turnIndex) =>
        turn.speaker === "supporter" ? { ...turn, annotatedStrategy: labels.get(turnIndex) ?? null } : { ...turn },
      );
      const compared = turns.filter((turn) => turn.speaker === "supporter" && turn.strategy && turn.annotatedStrategy);
      const base = rowBase(stage, context, [outcome]);
      return {
        ...dialogue,
        turns,
        agreement: compared.length ? compared.filter((turn) => turn.strategy === turn.annotatedStrategy).length / compared.length : null,
        unknownAnnotations: outcome.value?.unknown.length ?? 0,
        ...base,
      };
    });
    return stageResult(stage, rows, result);
  });
}
