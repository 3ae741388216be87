import type { Turn } from "../../data/types";
import { UsageError } from "../../errors";
import { formatDialogueHistory } from "../../prompts/format-dialogue";
import { parseRolePlayTurn, type RolePlayTurn } from "../../prompts/parse-role-play-turn";
import { formatStrategyDefinitions } from "../../prompts/strategy-definitions";
import { formatTraitDescriptions, formatTraitScores } from "../../prompts/trait-descriptions";
import type { AnnotatedTurn, DialogueRow } from "../dialogue-rows";
import type { PersonaInput } from "../persona-identity";
import { rowBase, runStageCalls, stageExecution, stageResult, withContext, type StageCall, type StageCallOutcome, type StageCallsResult } from "../run-stage";
import type { StageOptions, StageResult } from "../types";

export const SEEKER_STAGE = "rolePlaySeeker";
export const SUPPORTER_STAGE = "rolePlaySupporter";
const DIALOGUE_STAGE = "rolePlayDialogue";

/** Utterances per role-play dialogue at most (Table 16 gives total turns only, not turns per dialogue: a chosen cap). */
export const DEFAULT_MAX_TURNS = 20;

/** One dialogue to role-play: who the seeker is, what both agents remember, and which traits are in play. */
export interface RolePlayItem {
  dialogueId: string;
  personaId: string;
  /** The pipeline condition (both|hexaco|csi|none for RQ3, persona|no-persona for RQ2). */
  condition: string;
  sourceDialogueId: string | null;
  /** The seeker's persona card, as the seeker agent is told it (only the seeker agent ever sees it). */
  persona: string;
  /** The earlier conversation both agents remember (RQ3 continuations). */
  history?: readonly Turn[];
  /** Trait scores and which inventories are in play (RQ3's conditions). */
  scores?: Readonly<Record<string, number | null | undefined>>;
  hexaco?: boolean;
  csi?: boolean;
  /** Trait sentences of the persona (RQ2: describeTraits/expandPersonaHub), given to the seeker with traitsTo = seeker. */
  traitSentences?: string | null;
  /** The problem type, for the optional intake line. */
  problemType?: string | null;
  /** The seeker card's content key (personaKey), kept on the row so a persona re-extracted from it names its origin by content. */
  personaKey?: string;
}

export interface RolePlayOptions extends StageOptions {
  /** Default 20 utterances (the seeker speaks first, so a dialogue has at most 10 supporter turns). */
  maxTurns?: number;
  /**
   * Who is given the HEXACO/CSI trait text: "supporter" (default, as RQ3's "Use the Seeker's scores to guide the
   * Supporter's responses") or "seeker" (the seeker agent plays its traits; the supporter learns them only from talk).
   */
  traitsTo?: "supporter" | "seeker";
  /** Tell the supporter the problem type in one line, as a real supporter would be told; default false. */
  intake?: boolean;
}

/** The card as the seeker agent reads it. */
export function formatPersonaForSeeker(card: Pick<PersonaInput, "age" | "gender" | "occupation" | "description" | "problem">): string {
  const known = (value: string | undefined) => (value && value !== "unknown" ? value : "not mentioned");
  return [`Age: ${known(card.age)}`, `Gender: ${known(card.gender)}`, `Occupation: ${known(card.occupation)}`, `Description: ${card.description}`, `Problem: ${card.problem}`].join("\n");
}

function traitBlocks(item: RolePlayItem) {
  const hexaco = item.hexaco ?? false;
  const csi = item.csi ?? false;
  const scores = item.scores ?? {};
  return {
    hexaco,
    csi,
    ...(hexaco ? { hexacoDescriptions: formatTraitDescriptions("HEXACO-60"), hexacoScores: formatTraitScores("HEXACO-60", scores) } : {}),
    ...(csi ? { csiDescriptions: formatTraitDescriptions("CSI"), csiScores: formatTraitScores("CSI", scores) } : {}),
  };
}

/** The trait text a seeker agent is given with traitsTo = seeker: sentences where there are, else Figure 16's blocks. */
function seekerTraitText(item: RolePlayItem): string | undefined {
  if (item.traitSentences) return item.traitSentences;
  const blocks = traitBlocks(item);
  const parts = [
    blocks.hexaco ? `HEXACO scores (1-5):\n${blocks.hexacoScores}` : "",
    blocks.csi ? `CSI scores (1-5):\n${blocks.csiScores}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join("\n\n") : undefined;
}

interface DialogueState {
  item: RolePlayItem;
  turns: AnnotatedTurn[];
  outcomes: StageCallOutcome<RolePlayTurn>[];
  unknownStrategies: number;
  unlabelledSupporterTurns: number;
  end?: "seeker-ended" | "unreadable-turn";
  error?: string;
}

function turnCall(state: DialogueState, speaker: "seeker" | "supporter", index: number, options: RolePlayOptions): StageCall<RolePlayTurn> {
  const item = state.item;
  const dialogue = formatDialogueHistory(state.turns);
  const previous = item.history !== undefined && item.history.length > 0;
  const history = previous ? { history: formatDialogueHistory([...item.history!]) } : {};
  const parse = (raw: string) => parseRolePlayTurn(raw, speaker);
  const itemId = `${item.dialogueId}#${index}`;
  if (speaker === "seeker") {
    const traitText = options.traitsTo === "seeker" ? seekerTraitText(item) : undefined;
    return {
      itemId,
      promptId: "role-play-seeker",
      variables: { persona: item.persona, traits: traitText !== undefined, ...(traitText ? { traitText } : {}), previous, ...history, dialogue },
      parse,
    };
  }
  const intakeLine = options.intake && item.problemType ? `The Seeker wants to talk about: ${item.problemType}.` : undefined;
  const traits = options.traitsTo === "seeker" ? { hexaco: false, csi: false } : traitBlocks(item);
  return {
    itemId,
    promptId: "role-play-supporter",
    variables: { strategyDefinitions: formatStrategyDefinitions(), intake: intakeLine !== undefined, ...(intakeLine ? { intakeLine } : {}), previous, ...history, ...traits, dialogue },
    parse,
  };
}

/**
 * Role-play generation (the paper's Limitations: distinct information states for each role). Two agents speak in
 * turn, each turn one cached call: the seeker agent knows its persona card and the conversation so far; the
 * supporter agent knows the conversation so far (and an intake line with `intake`), never the card. Turn t of every
 * dialogue goes out together, so an interrupted run resumes turn by turn from the cache. A dialogue ends at
 * `maxTurns`, when the seeker says it is over, or when an agent's answer stays unreadable after the repair retry
 * (recorded in `endReason` and `error`; the turns before it are kept).
 */
export async function rolePlayDialogue(items: readonly RolePlayItem[], options: RolePlayOptions = {}): Promise<StageResult<DialogueRow>> {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  if (!Number.isInteger(maxTurns) || maxTurns < 2) throw new UsageError(`maxTurns must be a whole number >= 2, got ${maxTurns}`);
  if (options.traitsTo !== undefined && options.traitsTo !== "supporter" && options.traitsTo !== "seeker") {
    throw new UsageError(`traitsTo must be "supporter" or "seeker", got "${String(options.traitsTo)}"`);
  }
  return withContext(options, async (context) => {
    if (stageExecution(options, context).mode === "batch") {
      throw new UsageError(
        "role-play generation runs turn by turn (each turn needs the previous answers), so it cannot go through a Batch API; run it without --batch / mode \"batch\"",
      );
    }
    const states: DialogueState[] = items.map((item) => ({ item, turns: [], outcomes: [], unknownStrategies: 0, unlabelledSupporterTurns: 0 }));
    const all: StageCallsResult<RolePlayTurn>[] = [];
    for (let index = 0; index < maxTurns && !options.signal?.aborted; index++) {
      const speaker = index % 2 === 0 ? "seeker" : "supporter";
      const active = states.filter((state) => state.end === undefined);
      if (active.length === 0) break;
      const result = await runStageCalls(speaker === "seeker" ? SEEKER_STAGE : SUPPORTER_STAGE, active.map((state) => turnCall(state, speaker, index, options)), options, context);
      all.push(result);
      // A dry run cannot go past the first turn: later prompts hold the answers (see the estimate for the rest).
      if (options.dryRun || result.outcomes.length === 0) break;
      result.outcomes.forEach((outcome, position) => {
        const state = active[position];
        state.outcomes.push(outcome);
        if (outcome.status !== "ok" || !outcome.value) {
          state.end = "unreadable-turn";
          state.error = `turn ${index} (${speaker}): ${outcome.error ?? "no answer"}`;
          return;
        }
        const value = outcome.value;
        const turn: AnnotatedTurn = { speaker, text: value.text, agentStage: speaker === "seeker" ? SEEKER_STAGE : SUPPORTER_STAGE };
        if (value.strategy) turn.strategy = value.strategy;
        if (speaker === "supporter" && value.unknownStrategy) state.unknownStrategies++;
        else if (speaker === "supporter" && !value.strategy) state.unlabelledSupporterTurns++;
        state.turns.push(turn);
        // The seeker may close only after the supporter has answered at least once.
        if (speaker === "seeker" && value.end && index > 0) state.end = "seeker-ended";
      });
    }
    const combined: StageCallsResult<unknown> = {
      outcomes: all.flatMap((result) => result.outcomes),
      context,
      requests: all.flatMap((result) => result.requests),
      runs: all.flatMap((result) => result.runs),
      repairRequests: all.reduce((sum, result) => sum + result.repairRequests, 0),
      execution: all[all.length - 1]?.execution ?? { mode: context.mode, concurrency: context.concurrency, limits: context.limits },
    };
    if (options.dryRun) return stageResult(DIALOGUE_STAGE, [], combined);
    const rows: DialogueRow[] = states.map((state) => {
      const base = rowBase(DIALOGUE_STAGE, context, state.outcomes);
      const supporterTurns = state.turns.filter((turn) => turn.speaker === "supporter").length;
      // A dialogue cut off before any supporter turn has nothing to analyse: that one is a failed row.
      const usable = supporterTurns > 0;
      return {
        dialogueId: state.item.dialogueId,
        personaId: state.item.personaId,
        condition: state.item.condition,
        sourceDialogueId: state.item.sourceDialogueId,
        ...(state.item.personaKey ? { personaKey: state.item.personaKey } : {}),
        turns: state.turns,
        unknownStrategies: state.unknownStrategies,
        unlabelledSupporterTurns: state.unlabelledSupporterTurns,
        ...base,
        status: usable ? "ok" : "failed",
        error: state.error ?? (usable ? null : "no supporter turn was generated"),
        generation: "role-play",
        endReason: state.end ?? "turn-limit",
        calls: state.outcomes.length,
      };
    });
    return stageResult(DIALOGUE_STAGE, rows, combined);
  });
}
