import type { StrategyLabel, Turn } from "../data/types";
import { UsageError } from "../errors";
import type { ParsedDialogue } from "../prompts/parse-dialogue";
import type { StageRowBase } from "./types";

/** RQ3 trait conditions (Section 6, Table 8): both inventories, HEXACO only, CSI only, no traits. */
export const TRAIT_CONDITIONS = ["both", "hexaco", "csi", "none"] as const;
export type TraitCondition = (typeof TRAIT_CONDITIONS)[number];

/** RQ2 generation conditions (Section 5): with the expanded persona, or without any (the 5.3 ablation). */
export const GENERATION_CONDITIONS = ["persona", "no-persona"] as const;
export type GenerationCondition = (typeof GENERATION_CONDITIONS)[number];

/**
 * The name of the generation condition behind a dialogue (and a persona re-extracted from it), as in the paper:
 * with-traits, without-traits, hexaco-only, csi-only (RQ3) and persona, no-persona (RQ2).
 */
const DIALOGUE_CONDITION_NAMES = ["with-traits", "without-traits", "hexaco-only", "csi-only", "persona", "no-persona"] as const;
export type DialogueConditionName = (typeof DIALOGUE_CONDITION_NAMES)[number];

const CONDITION_NAME: Record<string, DialogueConditionName> = {
  both: "with-traits",
  hexaco: "hexaco-only",
  csi: "csi-only",
  none: "without-traits",
  persona: "persona",
  "no-persona": "no-persona",
};

/** The condition name of a pipeline condition ("both" -> "with-traits", "persona" -> "persona"); UsageError for an unknown one. */
export function dialogueConditionName(condition: string): DialogueConditionName {
  const found = CONDITION_NAME[condition];
  if (!found) throw new UsageError(`unknown condition "${condition}"; use one of ${Object.keys(CONDITION_NAME).join(", ")}`);
  return found;
}

export function isTraitCondition(value: unknown): value is TraitCondition {
  return typeof value === "string" && (TRAIT_CONDITIONS as readonly string[]).includes(value);
}

/** A turn with the independent annotator's label next to the generator's own. */
export type AnnotatedTurn = Turn & {
  annotatedStrategy?: StrategyLabel | null;
  /** Role-play mode: the stage (agent) whose call wrote this turn, rolePlaySeeker or rolePlaySupporter. */
  agentStage?: string;
};

/** How a dialogue is generated: by one call that writes both roles (the paper's), or turn by turn by two agents. */
export const GENERATION_MODES = ["omniscient", "role-play"] as const;
export type GenerationMode = (typeof GENERATION_MODES)[number];

export function isGenerationMode(value: unknown): value is GenerationMode {
  return typeof value === "string" && (GENERATION_MODES as readonly string[]).includes(value);
}

/** One generated or continued dialogue. */
export type DialogueRow = StageRowBase & {
  dialogueId: string;
  /** The seeker persona the dialogue was generated for (or whose ESConv history it continues). */
  personaId: string;
  /** generateDialogue: the content key of that persona's card (personaKey), so a card re-extracted from the dialogue names its origin by content. */
  personaKey?: string;
  /** both | hexaco | csi | none (continueDialogue) or persona | no-persona (generateDialogue). */
  condition: string;
  /** The ESConv dialogue continued (continueDialogue only). */
  sourceDialogueId: string | null;
  turns: AnnotatedTurn[];
  /** Supporter turns whose label is not one of the 8 strategies (kept without a strategy). */
  unknownStrategies: number;
  /** Supporter turns that came without any strategy label. */
  unlabelledSupporterTurns: number;
  /** How the dialogue was generated; absent means omniscient (one call, the paper's way). */
  generation?: GenerationMode;
  /** Role-play: why the dialogue ended (turn-limit, seeker-ended, unreadable-turn). */
  endReason?: string;
  /** Role-play: the agents' calls behind the dialogue (one per turn). */
  calls?: number;
};

export function dialogueFields(parsed: ParsedDialogue | undefined): Pick<DialogueRow, "turns" | "unknownStrategies" | "unlabelledSupporterTurns"> {
  return {
    turns: parsed?.turns ?? [],
    unknownStrategies: parsed?.unknownStrategies.length ?? 0,
    unlabelledSupporterTurns: parsed?.unlabelledSupporterTurns.length ?? 0,
  };
}

/** One row per turn (the shape lib/analysis rq3Strategies and dialogueStatistics read); failed dialogues are left out. */
export interface PipelineTurnRow {
  dialogueId: string;
  condition: string;
  personaId: string;
  turnIndex: number;
  speaker: "seeker" | "supporter";
  text: string;
  /** The generator's own label (supporter turns). */
  strategy: StrategyLabel | null;
  /** The independent annotator's label, when annotateStrategies has run. */
  annotatedStrategy: StrategyLabel | null;
  /** Role-play mode: the agent's stage that wrote the turn; null for a dialogue written in one call. */
  agentStage: string | null;
  simulated: boolean;
}

export function turnRows(dialogues: readonly { dialogueId: string; condition: string; personaId: string; status?: string; turns: AnnotatedTurn[]; simulated?: boolean }[]): PipelineTurnRow[] {
  return dialogues
    .filter((dialogue) => dialogue.status !== "failed")
    .flatMap((dialogue) =>
      dialogue.turns.map((turn, turnIndex) => ({
        dialogueId: dialogue.dialogueId,
        condition: dialogue.condition,
        personaId: dialogue.personaId,
        turnIndex,
        speaker: turn.speaker,
        text: turn.text,
        strategy: turn.strategy ?? null,
        annotatedStrategy: turn.annotatedStrategy ?? null,
        agentStage: turn.agentStage ?? null,
        simulated: dialogue.simulated ?? false,
      })),
    );
}
