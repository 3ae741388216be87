/// <reference lib="dom" />
// The reference above: tslab type-checks notebook imports with ES-only libs, and lib/export's page.evaluate
// callbacks name window/document (code that runs in the browser). This adds the DOM types to that program.
import { join } from "node:path";
import { withFigureExporter } from "../export/figure-exporter";
import { parseFigureSize, type FigureSizeChoice } from "../export/figure-size";
import { variantOutputDirectory } from "../reports/variant-provenance";
import { formatEstimate } from "../llm/runner/estimate";
import { projectRoot } from "../paths";
import type { AnalysisOutput, Question } from "../reports/analysis-output";
import { estimateAnalysis, type EstimateAnalysisOptions } from "../questions/shared/estimate-analysis";
import { writeAnalysis, type WrittenAnalysis } from "../reports/write-analysis";
import { getQuestion } from "../questions/registry";
import type { QuestionRun } from "../questions/question-module";

/** The dry-run cost estimate of a notebook's run, as text (nothing is called). */
export async function estimateText(question: Question, options: EstimateAnalysisOptions): Promise<string> {
  const estimate = await estimateAnalysis(question, options);
  const note = "First stage exact; later stages estimated from prompts of typical length.";
  // The question's own dry-run lines (the robustness grid: its design and every condition's calls and cost).
  const notes = getQuestion(question).dryRunNotes?.(options as QuestionRun) ?? [];
  return [`${question.toUpperCase()} on ${options.context.model.provider}:${options.context.model.model}, n = ${options.n}`, ...notes, formatEstimate(estimate), note].join("\n");
}

/** The default export folder of a notebook: <project>/out/<question> (PERSONA_TALKS_OUT overrides <project>/out). */
export function outputDirectory(question: string): string {
  return join(process.env.PERSONA_TALKS_OUT ?? join(projectRoot(), "out"), question);
}

/** Where and at which size exportAnalysis writes: the notebooks' export cells pass their config cell's `figureSize`. */
export interface ExportAnalysisOptions {
  /** The folder; default out/<question>/<variant> (PERSONA_TALKS_OUT overrides out). */
  directory?: string;
  /**
   * The size of the PDF, SVG and PNG files: "print" (default: each figure kind at its ACL column or page size),
   * "column", "page", "screen" (the 900 px screen layout) or "WxH" in cm or in ("8x6cm", "3.25x2.5in"), as the
   * CLI's --figure-size. The .html stays the interactive screen version.
   */
  figureSize?: string | FigureSizeChoice;
}

/**
 * Writes every table and figure of an analysis (one browser for all figures) and says what was written: the
 * figures at the print size of their kind unless `figureSize` says otherwise. The second argument may be the folder
 * alone (`pt.exportAnalysis(psy, directory)`).
 */
// Each prompt variant has its own folder (out/<question>/<variant>; the paper's prompts: "paper"), so variants
// never overwrite each other.
export async function exportAnalysis(output: AnalysisOutput, options: string | ExportAnalysisOptions = {}): Promise<WrittenAnalysis & { summary: string }> {
  const { directory = variantOutputDirectory(output.question, output.variant?.name), figureSize } = typeof options === "string" ? { directory: options } : options;
  const size = typeof figureSize === "string" ? parseFigureSize(figureSize, "figureSize") : (figureSize ?? "print");
  const messages: string[] = [];
  const written = await withFigureExporter({ log: (message) => messages.push(message) }, (exporter) => writeAnalysis(output, directory, { exporter, figureSize: size }));
  const all = [...new Set([...messages, ...written.messages])];
  return { files: written.files, messages: all, summary: [`wrote ${written.files.length} files to ${directory}`, ...all].join("\n") };
}
