import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chartToHtml } from "../charts/chart-html";
import { htmlDocument } from "../export/html-page";
import { EXPORT_FORMATS, type ExportFormat, type FigureExporter } from "../export/figure-exporter";
import { rowsToCsv } from "../tables/csv";
import { writeTables, type TableFormat } from "../tables/write-tables";
import { scoreTableColumns, type AnalysisOutput } from "./analysis-output";
import { checkVariantDirectory } from "./variant-provenance";

export interface WriteAnalysisOptions {
  /** One exporter (one browser) for every figure; without one, figures are written as HTML only. */
  exporter?: FigureExporter;
  tableFormats?: readonly TableFormat[];
  figureFormats?: readonly ExportFormat[];
}

export interface WrittenAnalysis {
  files: string[];
  /** Why some formats were not written (no browser, ...), once each. */
  messages: string[];
}

/**
 * Writes an analysis into `directory`: every table (.md, .tex, .csv), every figure (.html, .png, .svg, .pdf
 * through the exporter; HTML only without one), scores.csv and summary.json.
 */
export async function writeAnalysis(output: AnalysisOutput, directory: string, options: WriteAnalysisOptions = {}): Promise<WrittenAnalysis> {
  if (output.variant) checkVariantDirectory(directory, output.variant);
  mkdirSync(directory, { recursive: true });
  const files = writeTables(output.tables, directory, options.tableFormats ?? ["md", "tex", "csv"]);
  const messages = new Set<string>();
  const formats = options.figureFormats ?? EXPORT_FORMATS;
  for (const figure of output.figures) {
    const base = join(directory, figure.name);
    if (options.exporter) {
      const result = await options.exporter.export(figure.spec, base, formats);
      files.push(...Object.values(result.written));
      if (result.message) messages.add(result.message);
    } else {
      const path = `${base}.html`;
      writeFileSync(path, chartToHtml(figure.spec, { includePlotly: "inline" }));
      files.push(path);
    }
  }
  for (const document of output.documents) {
    const base = join(directory, document.name);
    if (options.exporter) {
      const result = await options.exporter.exportHtml(document.html, base, formats.filter((format) => format !== "svg"));
      files.push(...Object.values(result.written));
      if (result.message) messages.add(result.message);
    } else {
      const path = `${base}.html`;
      writeFileSync(path, htmlDocument(document.html, document.name));
      files.push(path);
    }
  }
  const scoresPath = join(directory, "scores.csv");
  writeFileSync(
    scoresPath,
    rowsToCsv(output.scores, {
      columns: scoreTableColumns(output.scores),
      simulated: output.simulated,
      title: `${output.question.toUpperCase()} scores, one row per persona and condition`,
    }),
  );
  files.push(scoresPath);
  const summaryPath = join(directory, "summary.json");
  const summary = {
    ...output.summary,
    question: output.question,
    simulated: output.simulated,
    provider: output.provider,
    model: output.model,
    ...(output.variant ? { variant: output.variant } : {}),
  };
  writeFileSync(summaryPath, JSON.stringify(summary, null, 2) + "\n");
  files.push(summaryPath);
  return { files, messages: [...messages] };
}
