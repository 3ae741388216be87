import { loadEsconv } from "../../data/esconv";
import type { Dialogue } from "../../data/types";
import { UsageError } from "../../errors";
import type { Inventory } from "../../inventory/inventory-schema";
import { personaKey } from "../../pipeline/persona-key";
import { isTraitCondition, TRAIT_CONDITIONS, turnRows, type DialogueRow, type GenerationMode, type PipelineTurnRow, type TraitCondition } from "../../pipeline/dialogue-rows";
import { passOn, withRunContext, type PipelineRunOptions } from "../rq1/run-rq1";
import { annotateStrategies } from "../../pipeline/stages/annotate-strategies";
import { answerInventory, type PersonaScoreRow } from "../../pipeline/stages/answer-inventory";
import { continueDialogue, esconvPersonaId } from "../../pipeline/stages/continue-dialogue";
import { formatPersonaForSeeker, rolePlayDialogue, type RolePlayItem, type RolePlayOptions } from "../../pipeline/stages/role-play-dialogue";
import { describeTraits } from "../../pipeline/stages/describe-traits";
import { extractPersonas, type PersonaRow } from "../../pipeline/stages/extract-personas";
import { judgePair, pairDialogues, type DialoguePair, type JudgementRow, type PairJudgementRow } from "../../pipeline/stages/judge-pair";
import { sampleRows, toDataFrame } from "../../pipeline/table";

export interface Rq3Options extends PipelineRunOptions {
  /** ESConv dialogues continued, sampled with the seed; default 10. */
  n?: number;
  /** Default ["both", "none"] (the paper's w/ PT vs w/o PT); add "hexaco", "csi" for Table 8. */
  conditions?: readonly TraitCondition[];
  /** Default: loadEsconv() from the data folder. */
  dialogues?: readonly Dialogue[];
  /** Label supporter turns with the independent annotator too; default false. */
  annotate?: boolean;
  /** Judge "both" against "none" pairwise with the LLM judge (Section 6.2); default false. */
  judge?: boolean;
  inventories?: readonly Inventory[];
  /** "omniscient" (default, the paper's: one call writes the continuation) or "role-play" (two agents, turn by turn). */
  generation?: GenerationMode;
  /** Role-play settings: turn limit, who is given the traits (default the supporter, as in the paper), intake line. */
  rolePlay?: Pick<RolePlayOptions, "maxTurns" | "traitsTo" | "intake">;
}

export interface Rq3Result {
  simulated: boolean;
  generation: GenerationMode;
  /** The seekers' scores used in the trait conditions (empty when only "none" ran). */
  scores: PersonaScoreRow[];
  /** The ESConv dialogues continued (the histories, Figure 23), in the seeded sample's order. */
  sources: Dialogue[];
  /** The seekers' persona cards extracted from them (Figure 22; empty when only "none" ran in omniscient mode). */
  cards: PersonaRow[];
  dialogues: DialogueRow[];
  /** One row per turn: dialogueId, condition, turnIndex, speaker, text, strategy (and annotatedStrategy). */
  turns: PipelineTurnRow[];
  readonly turnFrame: import("danfojs-node").DataFrame;
  pairs: DialoguePair[];
  pairJudgements: PairJudgementRow[];
  /** For lib/analysis pairwiseTable: win = the "both" dialogue was judged better. */
  judgements: JudgementRow[];
}

/**
 * Role-play items for RQ3: both agents remember the ESConv conversation; the seeker agent is told its extracted
 * card; the trait blocks of the condition go to the supporter unless RolePlayOptions.traitsTo says the seeker.
 * A dialogue whose card could not be extracted has no seeker to play and is left out (its card row says why).
 */
function rolePlayContinuations(sources: readonly Dialogue[], cards: readonly PersonaRow[], scores: readonly PersonaScoreRow[], condition: TraitCondition): RolePlayItem[] {
  const cardsById = new Map(cards.filter((card) => card.status === "ok").map((card) => [card.id, card]));
  const scoresById = new Map(scores.map((row) => [row.personaId, row]));
  return sources.flatMap((dialogue) => {
    const personaId = esconvPersonaId(dialogue);
    const card = cardsById.get(personaId);
    if (!card) return [];
    if (condition !== "none" && !scoresById.has(personaId)) return [];
    return [
      {
        dialogueId: `${personaId}/${condition}/role-play`,
        personaId,
        condition,
        sourceDialogueId: personaId,
        persona: formatPersonaForSeeker(card),
        personaKey: personaKey(card),
        history: dialogue.turns,
        scores: scoresById.get(personaId) as Record<string, number | null> | undefined,
        hexaco: condition === "both" || condition === "hexaco",
        csi: condition === "both" || condition === "csi",
        problemType: dialogue.problemType ?? null,
      },
    ];
  });
}

/**
 * RQ3 (Section 6): ESConv dialogues as history, continued per trait condition (Figures 16 and 18). For trait
 * conditions the seekers are measured first (extract, describe, answer, score: Section 4's method, without the
 * filter so every sampled dialogue is continued).
 */
export async function runRq3(options: Rq3Options = {}): Promise<Rq3Result> {
  const conditions = [...(options.conditions ?? ["both", "none"])];
  for (const condition of conditions) {
    if (!isTraitCondition(condition)) throw new UsageError(`unknown condition "${condition}"; use ${TRAIT_CONDITIONS.join(", ")}`);
  }
  const seed = options.seed ?? 1;
  const sources = sampleRows(options.dialogues ? [...options.dialogues] : loadEsconv(), options.n ?? 10, seed);
  return withRunContext(options, async (context) => {
    const stageOptions = passOn(options, context);
    const rolePlay = options.generation === "role-play";
    let scores: PersonaScoreRow[] = [];
    let cards: PersonaRow[] = [];
    // In role-play the seeker agent is told its card in every condition, so the cards are needed even for "none".
    if (rolePlay || conditions.some((condition) => condition !== "none")) cards = (await extractPersonas(sources, stageOptions)).rows;
    if (conditions.some((condition) => condition !== "none")) {
      const described = await describeTraits(cards, stageOptions);
      scores = (await answerInventory(described.rows, { ...stageOptions, inventories: options.inventories })).scores;
    }
    let dialogues: DialogueRow[] = [];
    for (const condition of conditions) {
      const continued = rolePlay
        ? await rolePlayDialogue(rolePlayContinuations(sources, cards, scores, condition), { ...stageOptions, ...options.rolePlay })
        : await continueDialogue(sources, { ...stageOptions, traits: condition, scores });
      dialogues.push(...continued.rows);
    }
    if (options.annotate) {
      const annotated = await annotateStrategies(dialogues, stageOptions);
      const byId = new Map(annotated.rows.map((row) => [row.dialogueId, row]));
      dialogues = dialogues.map((row) => byId.get(row.dialogueId) ?? row);
    }
    const pairs = conditions.includes("both") && conditions.includes("none")
      ? pairDialogues(dialogues.filter((row) => row.condition === "both"), dialogues.filter((row) => row.condition === "none"))
      : [];
    const judged = options.judge && pairs.length ? await judgePair(pairs, stageOptions) : undefined;
    const turns = turnRows(dialogues);
    const result = {
      simulated: context.simulated,
      generation: options.generation ?? "omniscient",
      scores,
      sources,
      cards,
      dialogues,
      turns,
      pairs,
      pairJudgements: judged?.rows ?? [],
      judgements: judged?.judgements ?? [],
    };
    let frame: ReturnType<typeof toDataFrame> | undefined;
    Object.defineProperty(result, "turnFrame", { enumerable: false, get: () => (frame ??= toDataFrame(turns)) });
    return result as Rq3Result;
  });
}
