import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { chartToHtml } from "../charts/chart-html";
import { htmlDocument } from "../export/html-page";
import { EXPORT_FORMATS, type ExportFormat, type FigureExporter } from "../export/figure-exporter";
import { toJsonLines } from "./dialogue-lines";
import { exportFigure, type ExportFigureOptions } from "../export/export-figure";
import { describeFigureSize, figureSizeFor, toInches, type FigureSizeChoice } from "../export/figure-size";
import type { FigureSpec } from "../charts/figure-spec";
import { figureCaption } from "./figure-caption";
import { rowsToCsv } from "../tables/csv";
import { outputReadme, writeOutputReadme, type OutputProvenance } from "../tables/output-readme";
import { writeTables, type TableFormat } from "../tables/write-tables";
import { scoreTableColumns, type AnalysisOutput } from "./analysis-output";
import { checkVariantDirectory } from "./variant-provenance";
import { makeDirectory } from "../files/make-directory";

export interface WriteAnalysisOptions {
  /** One exporter (one browser) for every figure; without one, figures are written as HTML only. */
  exporter?: FigureExporter;
  tableFormats?: readonly TableFormat[];
  figureFormats?: readonly ExportFormat[];
  /**
   * Size of the PNG, SVG and PDF files, laid out for print by exportFigure: "print" (default: each figure kind at its
   * ACL size, a column or the page, PRINT_LAYOUTS), "column", "page", "screen" (the screen layout at its pixel
   * size) or one explicit size and font for all (e.g. sizes.aclColumn).
   */
  figureSize?: FigureSizeChoice | Omit<ExportFigureOptions, "exporter">;
}

export interface WrittenAnalysis {
  files: string[];
  /** Why some formats were not written (no browser, ...), once each. */
  messages: string[];
}

/**
 * No output overwrites another: two figures, documents or tables of one analysis with the same file name (two models
 * or generation modes named alike) are a defect of the question that made them, refused before anything is written.
 */
export function checkDistinctNames(output: Pick<AnalysisOutput, "tables" | "figures" | "documents" | "question">): void {
  // Tables (.md, .tex, .csv) and figures (.html, .png, .svg, .pdf, .caption.md) never share an extension: a table
  // and its figure may share a name.
  const figures = [...output.figures.map((figure) => figure.name), ...output.documents.map((document) => document.name)];
  const tables = output.tables.flatMap((table) => (table.name ? [table.name] : []));
  for (const names of [figures, tables]) {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) throw new Error(`${output.question}: two outputs are both named "${name}"; one would overwrite the other (name every varying model, dataset, variant and generation mode)`);
      seen.add(name);
    }
  }
}

/**
 * Writes an analysis into `directory`: every table (.md, .tex, .csv), every figure (.html, .png, .svg, .pdf
 * through the exporter; HTML only without one), scores.csv, summary.json and a README.md saying what made them.
 */
export async function writeAnalysis(output: AnalysisOutput, directory: string, options: WriteAnalysisOptions = {}): Promise<WrittenAnalysis> {
  if (output.variant) checkVariantDirectory(directory, output.variant);
  checkDistinctNames(output);
  makeDirectory(directory);
  const provenance: OutputProvenance = { question: output.question, simulated: output.simulated, provider: output.provider, model: output.model, ...output.provenance };
  const files = writeTables(output.tables, directory, options.tableFormats ?? ["md", "tex", "csv"], provenance).filter((file) => !file.endsWith("README.md"));
  const messages = new Set<string>();
  const formats = options.figureFormats ?? EXPORT_FORMATS;
  const choice: FigureSizeChoice = typeof options.figureSize === "string" || options.figureSize === undefined ? (options.figureSize ?? "print") : "print";
  const given = typeof options.figureSize === "object" ? options.figureSize : undefined;
  const writeCaption = (name: string, title: string, spec: FigureSpec | undefined, size: string | undefined) => {
    const path = join(directory, `${name}.caption.md`);
    writeFileSync(path, figureCaption(title, provenance, { spec, size }));
    files.push(path);
  };
  for (const figure of output.figures) {
    const base = join(directory, figure.name);
    const size = given ?? figureSizeFor(choice, figure.spec);
    if (options.exporter && size && !options.exporter.executablePath) {
      messages.add("PNG, SVG and PDF need Chromium; the figures were written as HTML only.");
      files.push(...Object.values((await options.exporter.export(figure.spec, base, ["html"])).written));
    } else if (options.exporter && size) {
      // The interactive HTML keeps the screen layout; PNG, SVG and PDF are laid out for print at `size`.
      if (formats.includes("html")) files.push(...Object.values((await options.exporter.export(figure.spec, base, ["html"])).written));
      for (const format of formats.filter((format) => format !== "html")) {
        files.push((await exportFigure(figure.spec, `${base}.${format}`, { ...size, exporter: options.exporter })).path);
      }
    } else if (options.exporter) {
      const result = await options.exporter.export(figure.spec, base, formats);
      files.push(...Object.values(result.written));
      if (result.message) messages.add(result.message);
    } else {
      const path = `${base}.html`;
      writeFileSync(path, chartToHtml(figure.spec, { includePlotly: "inline" }));
      files.push(path);
    }
    writeCaption(figure.name, figure.spec.layout.title.text, figure.spec, size && size.width !== undefined && size.height !== undefined && options.exporter?.executablePath ? describeFigureSize({ width: size.width, height: size.height, units: size.units ?? "px" }) : undefined);
  }
  for (const document of output.documents) {
    const base = join(directory, document.name);
    const size = given ?? figureSizeFor(choice, document.kind ?? "caseStudy");
    if (options.exporter) {
      const widthInches = size?.width !== undefined ? toInches(size.width, size.units ?? "px") : undefined;
      const result = await options.exporter.exportHtml(document.html, base, formats, { widthInches });
      files.push(...Object.values(result.written));
      if (result.message) messages.add(result.message);
    } else {
      const path = `${base}.html`;
      writeFileSync(path, htmlDocument(document.html, document.name));
      files.push(path);
    }
    writeCaption(document.name, document.title ?? document.name, undefined, size ? `${size.width} ${size.units} wide` : undefined);
  }
  const scoresPath = join(directory, "scores.csv");
  writeFileSync(
    scoresPath,
    rowsToCsv(output.scores, { columns: scoreTableColumns(output.scores) }),
  );
  files.push(scoresPath);
  for (const lines of output.jsonLines ?? []) {
    const path = join(directory, `${lines.name}.jsonl`);
    writeFileSync(path, toJsonLines(lines.rows));
    files.push(path);
  }
  const summaryPath = join(directory, "summary.json");
  const summary = {
    ...output.summary,
    question: output.question,
    simulated: output.simulated,
    provider: output.provider,
    model: output.model,
    provenance,
    ...(output.variant ? { variant: output.variant } : {}),
  };
  writeFileSync(summaryPath, JSON.stringify(summary, null, 2) + "\n");
  files.push(summaryPath);
  const figures = [...output.figures, ...output.documents].map((figure) => ({ file: `${figure.name}.*`, what: "figure (html for the screen; png, svg, pdf at print size when a browser was found; caption.md with its notes and provenance)" }));
  const readme = writeOutputReadme(
    directory,
    outputReadme(provenance, {
      tables: output.tables,
      files: [
        ...figures,
        { file: "scores.csv", what: `${output.question.toUpperCase()} scores, one row per persona and condition (provider and model per row)` },
        { file: "summary.json", what: "the key numbers and this provenance" },
      ],
    }),
  );
  if (readme) files.push(readme);
  // Each path once: the count a command reports is what is on disk.
  return { files: [...new Set(files)], messages: [...messages] };
}
