import type { Inventory } from "../../inventory/inventory-schema";
import { personaKey } from "../../pipeline/persona-key";
import type { DialogueRow, GenerationCondition, GenerationMode } from "../../pipeline/dialogue-rows";
import { passOn, withRunContext, type PipelineRunOptions } from "../rq1/run-rq1";
import { answerInventory, type AnswerRow, type PersonaScoreRow } from "../../pipeline/stages/answer-inventory";
import { describeTraits } from "../../pipeline/stages/describe-traits";
import { expandPersonaHub, personaHubEntries, type ExpandedPersonaRow, type PersonaHubEntry } from "../../pipeline/stages/expand-persona-hub";
import { extractPersonaFromDialogue, type DerivedPersonaRow } from "../../pipeline/stages/extract-persona-from-dialogue";
import { generateDialogue, NO_PERSONA_DESCRIPTION } from "../../pipeline/stages/generate-dialogue";
import { formatPersonaForSeeker, rolePlayDialogue, type RolePlayItem, type RolePlayOptions } from "../../pipeline/stages/role-play-dialogue";
import { sampleRows, toDataFrame } from "../../pipeline/table";
import type { PipelineContext } from "../../pipeline/pipeline-context";

export interface Rq2Options extends PipelineRunOptions {
  /** PersonaHub personas, sampled with the seed; default 20 (the paper: 1,000). */
  n?: number;
  /** Default: loadPersonaHub() from the data folder. */
  personas?: readonly string[] | readonly PersonaHubEntry[];
  /** Also run the Section 5.3 ablation (dialogues generated without a persona); default true. */
  noPersona?: boolean;
  inventories?: readonly Inventory[];
  /** "omniscient" (default, the paper's: one call writes the whole dialogue) or "role-play" (two agents, turn by turn). */
  generation?: GenerationMode;
  /** Role-play settings (turn limit, who is given the traits, intake line). */
  rolePlay?: Pick<RolePlayOptions, "maxTurns" | "traitsTo" | "intake">;
}

/** A score row of RQ2: `personaId` is always the PersonaHub persona, `condition` says which measurement it is. */
export type Rq2ScoreRow = PersonaScoreRow & {
  /** original (the expanded persona), persona (re-extracted from its dialogue), no-persona (the ablation). */
  condition: "original" | GenerationCondition;
  /** The re-extracted persona's own id (null for the original). */
  derivedPersonaId: string | null;
};

export interface Rq2ConditionRun {
  dialogues: DialogueRow[];
  extracted: DerivedPersonaRow[];
  scores: Rq2ScoreRow[];
}

export interface Rq2Result {
  simulated: boolean;
  generation: GenerationMode;
  expanded: ExpandedPersonaRow[];
  originalScores: Rq2ScoreRow[];
  /** The original personas' answers, one row per statement (item-level data for reliability). */
  originalAnswers: AnswerRow[];
  persona: Rq2ConditionRun;
  noPersona: Rq2ConditionRun | null;
  /** All score rows: original, persona and (if run) no-persona. */
  scores: Rq2ScoreRow[];
  readonly scoreFrame: import("danfojs-node").DataFrame;
}

async function generateAndRemeasure(
  personas: ExpandedPersonaRow[],
  condition: GenerationCondition,
  options: Rq2Options,
  context: PipelineContext,
): Promise<Rq2ConditionRun> {
  const stageOptions = passOn(options, context);
  const generated =
    options.generation === "role-play"
      ? await rolePlayDialogue(rolePlayItems(personas, condition), { ...stageOptions, ...options.rolePlay })
      : await generateDialogue(personas, { ...stageOptions, condition });
  const extracted = await extractPersonaFromDialogue(generated.rows, stageOptions);
  const described = await describeTraits(extracted.rows, stageOptions);
  const answers = await answerInventory(described.rows, { ...stageOptions, inventories: options.inventories });
  const scores = answers.scores.map(
    (row): Rq2ScoreRow => ({ ...row, personaId: String(row.derivedFrom), derivedPersonaId: row.personaId, condition }),
  );
  return { dialogues: generated.rows, extracted: extracted.rows, scores };
}

/**
 * Role-play items for RQ2: the seeker agent is told the expanded persona (its description with the trait sentences,
 * what Figure 17 gives the one-call generator), or nothing about itself in the no-persona ablation.
 */
function rolePlayItems(personas: readonly ExpandedPersonaRow[], condition: GenerationCondition): RolePlayItem[] {
  return personas.map((persona) => ({
    dialogueId: `generated:${persona.id}:${condition}:role-play`,
    personaId: persona.id,
    condition,
    sourceDialogueId: null,
    personaKey: personaKey(persona),
    persona:
      condition === "persona"
        ? formatPersonaForSeeker({ ...persona, description: persona.traitDescription || persona.description })
        : NO_PERSONA_DESCRIPTION,
  }));
}

/**
 * RQ2 (Section 5): PersonaHub personas expanded (Figure 15), scored, used to generate a dialogue each (Figure 17),
 * re-extracted from the dialogue (Section 5.1) and scored again; plus the no-persona ablation of Section 5.3.
 * Score rows pair by `personaId` (the PersonaHub persona) for lib/analysis rq2Consistency.
 */
export async function runRq2(options: Rq2Options = {}): Promise<Rq2Result> {
  const seed = options.seed ?? 1;
  const entries = sampleRows(personaHubEntries(options.personas), options.n ?? 20, seed);
  return withRunContext(options, async (context) => {
    const stageOptions = passOn(options, context);
    const expanded = await expandPersonaHub(entries, stageOptions);
    const ok = expanded.rows.filter((row) => row.status === "ok");
    const original = await answerInventory(ok, { ...stageOptions, inventories: options.inventories });
    const originalScores = original.scores.map((row): Rq2ScoreRow => ({ ...row, condition: "original", derivedPersonaId: null }));
    const persona = await generateAndRemeasure(ok, "persona", options, context);
    const noPersona = options.noPersona === false ? null : await generateAndRemeasure(ok, "no-persona", options, context);
    const scores = [...originalScores, ...persona.scores, ...(noPersona?.scores ?? [])];
    const result = { simulated: context.simulated, generation: options.generation ?? "omniscient", expanded: expanded.rows, originalScores, originalAnswers: original.rows, persona, noPersona, scores };
    let frame: ReturnType<typeof toDataFrame> | undefined;
    Object.defineProperty(result, "scoreFrame", { enumerable: false, get: () => (frame ??= toDataFrame(scores)) });
    return result as Rq2Result;
  });
}
