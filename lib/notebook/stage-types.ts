import type { DataFrame } from "danfojs-node";
import type { Dialogue } from "../data/types";
import type { DialogueRow } from "../pipeline/dialogue-rows";
import type { AnnotatedDialogueRow } from "../pipeline/stages/annotate-strategies";
import type { AnswerInventoryResult } from "../pipeline/stages/answer-inventory";
import type { DescribedPersonaRow } from "../pipeline/stages/describe-traits";
import type { ExpandedPersonaRow } from "../pipeline/stages/expand-persona-hub";
import type { DerivedPersonaRow } from "../pipeline/stages/extract-persona-from-dialogue";
import type { PersonaRow } from "../pipeline/stages/extract-personas";
import type { FilterResult } from "../pipeline/stages/filter-personas";
import type { StageResult, StageSummary } from "../pipeline/types";

// The tables a notebook session's stages hand each other. Each is the stage's StageResult with the stage's name
// in `summary.stage` (what the library writes there at run time), so passing one stage's output where another's is
// expected, e.g. run.answer(cards) instead of run.answer(traits), is a type error in the cell.

/**
 * A stage's result, tagged with the stage that made it and the session's prompt variant ("paper" for the paper's
 * prompts); every row (and every score row of the answers) carries the variant too, in its `variant` column.
 */
export type StageTable<Stage extends string, Result extends StageResult = StageResult> = Result & {
  readonly summary: StageSummary & { readonly stage: Stage; readonly variant: string };
  readonly variant: string;
};

/** `run.extract(...)`: one persona card per dialogue or post (Figure 11). */
export type ExtractedCards = StageTable<"extractPersonas", StageResult<PersonaRow>>;
/** `run.filter(cards)`: the filter's verdict and reason per card (Figure 14); `.kept` holds the cards kept. */
export type FilteredCards = StageTable<"filterPersonas", FilterResult>;
/** `run.describeTraits(cards)`: one trait sentence per HEXACO and CSI dimension and persona (Figure 12). */
export type TraitDescriptions = StageTable<"describeTraits", StageResult<DescribedPersonaRow>>;
/** `run.expand()`: PersonaHub personas expanded into cards with trait statements (Figure 15). */
export type ExpandedPersonas = StageTable<"expandPersonaHub", StageResult<ExpandedPersonaRow>>;
/** `run.answer(personas)`: every inventory statement per persona, raw and parsed (Figure 13); `.scores` per persona. */
export type Answers = StageTable<"answerInventory", AnswerInventoryResult>;
/** `run.generate(personas)`: one generated emotional-support dialogue per persona (Figure 17). */
export type Dialogues = StageTable<"generateDialogue", StageResult<DialogueRow>>;
/** `run.reextract(dialogues)`: the seeker's persona read back from each generated dialogue (Section 5.1). */
export type ReextractedPersonas = StageTable<"extractPersonaFromDialogue", StageResult<DerivedPersonaRow>>;
/** `run.continue(histories, ...)`: ESConv dialogues continued with or without the seeker's traits (Figures 16, 18). */
export type ContinuedDialogues = StageTable<"continueDialogue", StageResult<DialogueRow>>;
/** `run.annotate(dialogues)`: an independent annotator's strategy label per supporter turn. */
export type AnnotatedDialogues = StageTable<"annotateStrategies", StageResult<AnnotatedDialogueRow>>;
/** `run.dialogues()`: ESConv dialogues sampled with the session's seed, the histories RQ3 continues. */
export type Histories = Dialogue[];

/** Cards a trait description can start from: the filter's verdicts (its kept cards), cards, or re-extracted personas. */
export type DescribableCards = FilteredCards | ExtractedCards | ReextractedPersonas;
/** Personas that can answer the inventories: trait descriptions or expanded PersonaHub personas. */
export type AnsweringPersonas = TraitDescriptions | ExpandedPersonas;

declare const scoresBrand: unique symbol;
/**
 * `pt.score(answers)`: a danfojs DataFrame, one row per persona (index = persona id), one column per domain
 * (`HEXACO-60:<domain>`, `CSI:<domain>`), then the invalid and missing answer counts.
 */
export type Scores = DataFrame & { readonly [scoresBrand]?: "scores" };
