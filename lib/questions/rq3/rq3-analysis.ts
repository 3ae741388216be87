import { dialogueLines, judgementLines } from "../../reports/dialogue-lines";
import { readerModelName } from "../../charts/model-label";
import { caseStudyHtml } from "../../charts/case-study";
import { runProvenance } from "../../reports/output-provenance";
import { strategyDistribution } from "../../charts/strategy-distribution";
import type { StrategyResult } from "./rq3-strategies";
import { conditionLabel } from "../../analysis/turns";
import type { StrategyEvaluation } from "../../classifier/evaluate";
import type { DialogueRow, GenerationMode, TraitCondition } from "../../pipeline/dialogue-rows";
import { runRq3, type Rq3Options, type Rq3Result } from "./run-rq3";
import { rq3Report } from "./rq3-report";
import { withCondition, type AnalysisOutput, type NamedDocument, type NamedFigure } from "../../reports/analysis-output";
import { RQ3_ABOUT } from "./about";
import { cardScores, dialogueHistoryDocument, personaCardDocument } from "../shared/text-figure-documents";
import { esconvPersonaId } from "../../pipeline/stages/continue-dialogue";
import { agreementFigure, classifierAgreement, evaluationFigure, type ClassifierAgreement, type DialogueClassifier } from "./classifier-agreement";
import { compareRq3, compareTable9 } from "../shared/paper-comparison";
import { pipelineOptions, type AnalysisRunOptions, checkRunOptions } from "../../reports/run-options";

import { applyVariant } from "../../reports/variant-provenance";
export interface Rq3AnalysisOptions extends AnalysisRunOptions {
  /** Default all four: both, none (Tables 5-7), hexaco, csi (Table 8). */
  conditions?: readonly TraitCondition[];
  /** Judge "both" against "none" pairwise (Table 9); default true. */
  judge?: boolean;
  /** Bootstrap resamples for the share intervals; default 2000. */
  resamples?: number;
  /** The strategy classifier: when given, its agreement with the generator's labels is added (kappa, heatmap). */
  classifier?: DialogueClassifier;
  /** The classifier's evaluation on ESConv (its confusion matrix is added as a figure). */
  evaluation?: StrategyEvaluation;
  /** "omniscient" (default, the paper's) or "role-play" (two agents with distinct information, turn by turn). */
  generation?: GenerationMode;
  rolePlay?: Rq3Options["rolePlay"];
}

export interface Rq3Analysis extends AnalysisOutput {
  question: "rq3";
  run: Rq3Result;
  report: ReturnType<typeof rq3Report>;
  agreement?: ClassifierAgreement;
}

/** Grouped bars of the strategy shares of two or more conditions, with bootstrap intervals (Tables 5-8 as a figure). */
export function strategyFigure(strategies: StrategyResult, conditions: readonly string[], name: string, title: string, simulated: boolean): NamedFigure {
  const share = (condition: string, strategy: string) => strategies.shares.find((item) => item.condition === condition && item.strategy === strategy);
  return {
    name,
    spec: strategyDistribution({
      conditions: conditions.map(conditionLabel),
      strategies: [...strategies.strategies],
      shares: conditions.map((condition) => strategies.strategies.map((strategy) => share(condition, strategy)?.share ?? 0)),
      intervals: conditions.map((condition) =>
        strategies.strategies.map((strategy): [number, number] => {
          const found = share(condition, strategy);
          return found && Number.isFinite(found.low) && Number.isFinite(found.high) ? [found.low, found.high] : [found?.share ?? 0, found?.share ?? 0];
        }),
      ),
      title,
      simulated,
      xTitle: "support strategy",
      yTitle: "share of supporter turns",
    }),
  };
}

/** Turns of each dialogue the case study shows (the paper's Figure 10 is an excerpt). */
const CASE_STUDY_TURNS = 10;

/** The case study's pair: the first ESConv history continued both with and without traits. */
export function caseStudyPair(dialogues: readonly DialogueRow[]): { withTraits: DialogueRow; without: DialogueRow } | undefined {
  const ok = dialogues.filter((row) => row.status === "ok" && row.turns.length > 0);
  const withTraits = ok.find((row) => row.condition === "both" && ok.some((other) => other.condition === "none" && other.sourceDialogueId === row.sourceDialogueId));
  if (!withTraits) return undefined;
  return { withTraits, without: ok.find((row) => row.condition === "none" && row.sourceDialogueId === withTraits.sourceDialogueId)! };
}

/** Figure 10: the first ESConv history continued both with and without traits, side by side. */
export function caseStudyDocument(dialogues: readonly DialogueRow[], simulated: boolean): NamedDocument | undefined {
  const pair = caseStudyPair(dialogues);
  if (!pair) return undefined;
  const { withTraits, without } = pair;
  // An excerpt, as the paper's Figure 10: the first CASE_STUDY_TURNS turns of each, so the figure fits a printed page.
  const turns = (row: DialogueRow) => row.turns.slice(0, CASE_STUDY_TURNS).map((turn) => ({ speaker: turn.speaker, text: turn.text, strategy: turn.strategy ?? undefined }));
  const longest = Math.max(withTraits.turns.length, without.turns.length);
  return {
    name: "rq3-case-study",
    html: caseStudyHtml({
      left: { title: "Dialogue generated with persona traits", turns: turns(withTraits) },
      right: { title: "Dialogue generated without persona traits", turns: turns(without) },
      simulated,
      title: `Case study (Figure 10): continuations of ESConv dialogue ${withTraits.sourceDialogueId}`,
      caption:
        "Supporter turns are shaded by the paper's strategy group of the strategy the generator labelled them with (named on each turn)." +
        (longest > CASE_STUDY_TURNS ? ` The first ${CASE_STUDY_TURNS} turns of each dialogue (of ${withTraits.turns.length} and ${without.turns.length}); every turn is in dialogues.jsonl.` : ""),
    }),
  };
}

/**
 * Figures 22 and 23 beside the case study: the seeker's persona card with the scores the generator was given, and
 * the ESConv history both continuations start from. Each is left out when its data is missing (no card extracted).
 */
export function caseStudyContext(run: Pick<Rq3Result, "dialogues" | "sources" | "cards" | "scores">, simulated: boolean): NamedDocument[] {
  const pair = caseStudyPair(run.dialogues);
  if (!pair) return [];
  const id = pair.withTraits.sourceDialogueId;
  const documents: NamedDocument[] = [];
  const card = run.cards.find((row) => row.status === "ok" && row.id === pair.withTraits.personaId);
  if (card) {
    documents.push(
      personaCardDocument("rq3-case-study-persona", card, {
        title: `The persona card of the case study (Figure 22): the seeker of ESConv dialogue ${id}, with the scores the generator was given`,
        simulated,
        scores: cardScores(run.scores.find((row) => row.personaId === pair.withTraits.personaId)),
      }),
    );
  }
  const history = run.sources.find((dialogue) => esconvPersonaId(dialogue) === id);
  if (history) {
    // The history is ESConv's own text: only the card and the continuations come from the model.
    documents.push(dialogueHistoryDocument("rq3-case-study-history", history.turns, { title: `The historical dialogue of the case study (Figure 23): ESConv dialogue ${id}`, simulated: false }));
  }
  return documents;
}

/**
 * RQ3 (Section 6) end to end: ESConv histories continued with and without traits (and with HEXACO or CSI only),
 * judged pairwise (runRq3, cached); then Tables 5-9 and 16, the strategy figures, the case study (Figure 10) and,
 * with a classifier, the agreement between the generator's labels and the classifier.
 */
export async function analyzeRq3(options: Rq3AnalysisOptions): Promise<Rq3Analysis> {
  checkRunOptions(options, "analyzeRq3", ["conditions", "judge", "resamples", "classifier", "evaluation", "generation", "rolePlay"]);
  const conditions = [...(options.conditions ?? (["both", "none", "hexaco", "csi"] as const))];
  options.onStep?.(`RQ3: measure ${options.n} ESConv seekers, continue their dialogues (${conditions.join(", ")}), judge with vs without traits`);
  const run = await runRq3({ ...pipelineOptions(options), n: options.n, conditions, judge: options.judge ?? true, generation: options.generation, rolePlay: options.rolePlay });
  const simulated = options.context.simulated;
  const modelName = readerModelName(options.context.model.model, { simulated });
  const report = rq3Report(run.turns, { judgements: run.judgements.length ? run.judgements : undefined, resamples: options.resamples, seed: options.seed ?? 1, simulated });
  const strategies = report.strategies;
  const has = (condition: string) => strategies.conditions.includes(condition);
  const figures: NamedFigure[] = [];
  if (has("both") && has("none")) {
    figures.push(strategyFigure(strategies, ["both", "none"], "rq3-strategies-both-none", `Strategy distribution with and without persona traits, ${modelName} (Tables 5-7)`, simulated));
  }
  if (has("hexaco") && has("csi")) {
    figures.push(strategyFigure(strategies, ["hexaco", "csi"], "rq3-strategies-hexaco-csi", `Strategy distribution with HEXACO vs CSI scores, ${modelName} (Table 8)`, simulated));
  }
  let agreement: ClassifierAgreement | undefined;
  if (options.classifier) {
    agreement = classifierAgreement(run.dialogues, options.classifier);
    figures.push(agreementFigure(agreement, simulated));
  }
  if (options.evaluation) figures.push(evaluationFigure(options.evaluation));
  const caseStudy = caseStudyDocument(run.dialogues, simulated);
  const summary: Record<string, unknown> = { ...report.summary, generation: run.generation };
  if (agreement) {
    summary.classifierAgreement = { n: agreement.n, kappa: agreement.kappa.kappa, observedAgreement: agreement.kappa.observedAgreement, byCondition: agreement.byCondition };
  }
  if (options.evaluation) {
    summary.classifierEvaluation = { split: options.evaluation.split, n: options.evaluation.n, accuracy: options.evaluation.accuracy, macroF1: options.evaluation.macroF1, kappa: options.evaluation.kappa };
  }
  return applyVariant(
    {
      question: "rq3" as const,
      provenance: runProvenance(RQ3_ABOUT, options),
      simulated,
      provider: options.context.model.provider,
      model: options.context.model.model,
      scores: withCondition(run.scores, "seeker"),
      tables: [...report.tables, compareRq3(strategies, simulated), ...(report.pairwise?.length ? [compareTable9(report.pairwise, simulated)] : [])],
      figures,
      documents: caseStudy ? [caseStudy, ...caseStudyContext(run, simulated)] : [],
      summary,
      jsonLines: [
        { name: "dialogues", rows: dialogueLines(run.dialogues, run.pairs) },
        { name: "judgements", rows: judgementLines(run.judgements) },
      ],
      run,
      report,
      agreement,
    },
    options,
    RQ3_ABOUT.prompts,
  );
}
