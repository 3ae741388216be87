import { createFigureExporter } from "../export/figure-exporter";
import type { FigureSizeChoice } from "../export/figure-size";
import { SIMULATED_BANNER } from "../pipeline/pipeline-context";
import type { QuestionModule } from "../questions/question-module";
import type { AnalysisOutput } from "../reports/analysis-output";
import { writeAnalysis } from "../reports/write-analysis";

export interface WriteAndReportOptions {
  module: QuestionModule<any>;
  out: string;
  /** What made it, after the question id: ` (prompt variant "paper")`, ` with 2 models`. */
  made: string;
  log: (message: string) => void;
  /** --figure-size (default "print": each figure kind at its ACL column or page size). */
  figureSize?: FigureSizeChoice;
}

/**
 * Writes an analysis with one figure exporter (one browser) through the question's `write` (default writeAnalysis),
 * then prints the one closing line: what was written where, and why some formats were not.
 */
export async function writeAndReport(output: AnalysisOutput, options: WriteAndReportOptions): Promise<void> {
  const exporter = await createFigureExporter({ log: options.log });
  let written;
  try {
    written = await (options.module.write ?? writeAnalysis)(output, options.out, { exporter, figureSize: options.figureSize ?? "print" });
  } finally {
    await exporter.close();
  }
  console.log(
    `${output.simulated ? `${SIMULATED_BANNER}\n` : ""}${output.question}${options.made}: wrote ${written.files.length} files to ${options.out} ` +
      `(${output.tables.length} tables, ${output.figures.length + output.documents.length} figures, scores.csv, summary.json)`,
  );
  for (const message of written.messages) console.log(message);
}
