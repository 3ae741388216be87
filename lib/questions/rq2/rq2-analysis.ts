import { correctionName, DEFAULT_CORRECTION, type Correction } from "../../stats/adjust";
import { RQ2_ABOUT } from "./about";
import { CSI_COLUMNS, HEXACO_COLUMNS } from "../../analysis/domains";
import { runProvenance } from "../../reports/output-provenance";
import type { PcaAblationResult } from "./pca-ablation";
import { pcaScatter } from "../../charts/pca-scatter";
import { readerModelName } from "../../charts/model-label";
import { scoreComparisonBoxes } from "../../charts/score-comparison";
import { scoreComparisonPanels } from "../../charts/score-comparison-panels";
import { runRq2, type Rq2Options, type Rq2Result } from "./run-rq2";
import type { GenerationMode } from "../../pipeline/dialogue-rows";
import { rq2Consistency } from "./rq2-consistency";
import { rq2Report } from "./rq2-report";
import type { AnalysisOutput, NamedFigure } from "../../reports/analysis-output";
import { compareRq2 } from "../shared/paper-comparison";
import { domainOf } from "../../analysis/domains";
import { pipelineOptions, type AnalysisRunOptions, checkRunOptions } from "../../reports/run-options";
import { rq2PsychometricSection } from "../../reports/psychometric-sections";

import { applyVariant } from "../../reports/variant-provenance";
export interface Rq2Analysis extends AnalysisOutput {
  question: "rq2";
  run: Rq2Result;
  report: ReturnType<typeof rq2Report>;
}

/** Finite values of one column. */
function columnValues(rows: readonly Record<string, unknown>[], column: string): number[] {
  return rows.map((row) => row[column]).filter((value): value is number => typeof value === "number" && Number.isFinite(value));
}

/** One inventory's comparison data: its domains, each domain's scores, and the paired tests behind the marks. */
function comparisonData(original: readonly Record<string, unknown>[], extracted: readonly Record<string, unknown>[], inventory: "HEXACO-60" | "CSI", correction: Correction) {
  const columns = inventory === "CSI" ? CSI_COLUMNS : HEXACO_COLUMNS;
  const pick = (rows: readonly Record<string, unknown>[]) => Object.fromEntries(columns.map((column) => [domainOf(column), columnValues(rows, column)]));
  // One family per figure: this inventory's domains (Holm unless chosen), the marks a reader of this figure compares.
  const consistency = rq2Consistency(original, extracted, { columns, correction });
  return {
    dimensions: columns.map(domainOf),
    original: pick(original),
    extracted: pick(extracted),
    tests: Object.fromEntries(consistency.rows.map((row) => [row.domain, { n: row.n, p: row.adjustedP ?? row.p }])),
  };
}

/** What every score comparison figure shares: the test note, the series, the axes, the score range. */
function comparisonSettings(inventory: "HEXACO-60" | "CSI", correction: Correction) {
  const columns = inventory === "CSI" ? CSI_COLUMNS : HEXACO_COLUMNS;
  return {
    testNote: `Wilcoxon signed-rank test per domain, ${correction === "none" ? "unadjusted" : `${correctionName(correction)}-adjusted`} (${columns.length} domains)`,
    kind: "box" as const,
    seriesNames: { original: "original persona", extracted: "re-extracted persona" },
    xTitle: `${inventory} domain`,
    yTitle: "score (1-5)",
    yRange: [1, 5] as [number, number],
  };
}

const PAPER_FIGURES = { "HEXACO-60": "Figures 5-7", CSI: "Figures 19-21" } as const;
const FIGURE_NAMES = { "HEXACO-60": "rq2-hexaco-scores", CSI: "rq2-csi-scores" } as const;

/** The file names of the one-model score comparison figures, which the several-models panels replace. */
export const SCORE_FIGURE_NAMES: readonly string[] = Object.values(FIGURE_NAMES);

/**
 * Original vs re-extracted scores of one inventory as side-by-side boxes (Figures 5-7 for HEXACO, 19-21 for CSI).
 */
export function scoreComparisonFigure(
  original: readonly Record<string, unknown>[],
  extracted: readonly Record<string, unknown>[],
  inventory: "HEXACO-60" | "CSI",
  model: string,
  simulated: boolean,
  correction: Correction = DEFAULT_CORRECTION,
): NamedFigure {
  const spec = scoreComparisonBoxes({
    ...comparisonData(original, extracted, inventory, correction),
    ...comparisonSettings(inventory, correction),
    title: `${inventory}: original vs re-extracted persona, ${readerModelName(model, { simulated })} (${PAPER_FIGURES[inventory]})`,
    simulated,
  });
  return { name: FIGURE_NAMES[inventory], spec: { ...spec, layout: { ...spec.layout, meta: { ...(spec.layout.meta as object), model } } } };
}

/** One model's RQ2 run, for the side-by-side panels. */
export interface Rq2ModelRun {
  model: string;
  simulated: boolean;
  original: readonly Record<string, unknown>[];
  extracted: readonly Record<string, unknown>[];
}

/**
 * Several models' comparisons of one inventory as one figure, a panel per model on shared axes (the paper's Figures
 * 5-7 or 19-21 side by side), each panel named by its model ("simulated aligned", "gpt-4o-mini").
 */
export function scoreComparisonPanelsFigure(runs: readonly Rq2ModelRun[], inventory: "HEXACO-60" | "CSI", correction: Correction = DEFAULT_CORRECTION): NamedFigure {
  const simulated = runs.some((run) => run.simulated);
  const panels = runs.map((run) => {
    const { original, extracted, tests } = comparisonData(run.original, run.extracted, inventory, correction);
    return { name: readerModelName(run.model, { simulated: run.simulated, profile: "always" }), original, extracted, tests };
  });
  const spec = scoreComparisonPanels({
    dimensions: comparisonData(runs[0].original, runs[0].extracted, inventory, correction).dimensions,
    panels,
    ...comparisonSettings(inventory, correction),
    title: `${inventory}: original vs re-extracted persona per model (${PAPER_FIGURES[inventory]})`,
    simulated,
  });
  return { name: `${FIGURE_NAMES[inventory]}-models`, spec: { ...spec, layout: { ...spec.layout, meta: { ...(spec.layout.meta as object), model: runs.map((run) => run.model).join(", ") } } } };
}

/** The Section 5.3 ablation in 2-D (Figure 8). */
export function pcaFigure(ablation: PcaAblationResult, simulated: boolean): NamedFigure {
  return {
    name: "rq2-pca-ablation",
    spec: pcaScatter({
      points: ablation.points.map((point) => ({ x: point.x, y: point.y, condition: point.condition, label: point.personaId })),
      explained: [ablation.explainedVarianceRatio[0] ?? Number.NaN, ablation.explainedVarianceRatio[1] ?? Number.NaN],
      title: "HEXACO scores with vs without persona, PCA (Figure 8)",
      simulated,
    }),
  };
}

/**
 * RQ2 (Section 5) end to end: PersonaHub personas expanded and scored, a dialogue generated for each, the persona
 * re-extracted from it and scored again, plus the no-persona ablation (runRq2, cached); then the consistency table
 * (mean shift, Wilcoxon, effect size), the PCA spread table, the two score comparison figures and Figure 8.
 */
export async function analyzeRq2(
  options: AnalysisRunOptions & { noPersona?: boolean; generation?: GenerationMode; rolePlay?: Rq2Options["rolePlay"] },
): Promise<Rq2Analysis> {
  checkRunOptions(options, "analyzeRq2", ["noPersona", "generation", "rolePlay"]);
  options.onStep?.(`RQ2: expand ${options.n} PersonaHub personas, score them, generate dialogues with and without persona, re-extract and re-score`);
  const run = await runRq2({ ...pipelineOptions(options), n: options.n, noPersona: options.noPersona, generation: options.generation, rolePlay: options.rolePlay });
  const simulated = options.context.simulated;
  const model = options.context.model.model;
  const correction = options.correction ?? DEFAULT_CORRECTION;
  const report = rq2Report(run.originalScores, run.persona.scores, { withoutRows: run.noPersona?.scores, simulated, correction });
  const figures = [
    scoreComparisonFigure(run.originalScores, run.persona.scores, "HEXACO-60", model, simulated, correction),
    scoreComparisonFigure(run.originalScores, run.persona.scores, "CSI", model, simulated, correction),
  ];
  if (report.ablation) figures.push(pcaFigure(report.ablation, simulated));
  // Alpha of the original answers and the reliable change index next to the Wilcoxon table: lib/psychometrics.
  const psychometrics = rq2PsychometricSection(run.originalAnswers, run.originalScores, run.persona.scores, simulated, options.seed ?? 1);
  return applyVariant(
    {
      question: "rq2" as const,
      provenance: runProvenance(RQ2_ABOUT, options),
      simulated,
      provider: options.context.model.provider,
      model,
      scores: run.scores,
      tables: [...report.tables, ...psychometrics.tables, compareRq2(report.consistency, simulated)],
      figures,
      documents: [],
      summary: { ...report.summary, generation: run.generation, ...psychometrics.summary },
      run,
      report,
    },
    options,
    RQ2_ABOUT.prompts,
  );
}
