import { correctionName, DEFAULT_CORRECTION, type Correction } from "../../stats/adjust";
import { RQ2_ABOUT } from "./about";
import { CSI_COLUMNS, HEXACO_COLUMNS } from "../../analysis/domains";
import { runProvenance } from "../../reports/output-provenance";
import type { PcaAblationResult } from "./pca-ablation";
import { pcaScatter } from "../../charts/pca-scatter";
import { readerModelName } from "../../charts/model-label";
import { scoreComparisonBoxes } from "../../charts/score-comparison";
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
  const columns = inventory === "CSI" ? CSI_COLUMNS : HEXACO_COLUMNS;
  const dimensions = columns.map(domainOf);
  const pick = (rows: readonly Record<string, unknown>[]) => Object.fromEntries(columns.map((column) => [domainOf(column), columnValues(rows, column)]));
  const figures = inventory === "CSI" ? "Figures 19-21" : "Figures 5-7";
  // One family per figure: this inventory's domains (Holm unless chosen), the marks a reader of this figure compares.
  const consistency = rq2Consistency(original, extracted, { columns, correction });
  const tests = Object.fromEntries(consistency.rows.map((row) => [row.domain, { n: row.n, p: row.adjustedP ?? row.p }]));
  const spec = scoreComparisonBoxes({
      dimensions,
      original: pick(original),
      extracted: pick(extracted),
      tests,
      testNote: `Wilcoxon signed-rank test per domain, ${correction === "none" ? "unadjusted" : `${correctionName(correction)}-adjusted`} (${columns.length} domains)`,
      title: `${inventory}: original vs re-extracted persona, ${readerModelName(model, { simulated })} (${figures})`,
      kind: "box",
      simulated,
      seriesNames: { original: "original persona", extracted: "re-extracted persona" },
      xTitle: `${inventory} domain`,
      yTitle: "score (1-5)",
      yRange: [1, 5],
    });
  return { name: `rq2-${inventory === "CSI" ? "csi" : "hexaco"}-scores`, spec: { ...spec, layout: { ...spec.layout, meta: { ...(spec.layout.meta as object), model } } } };
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
