import { withFigureExporter, type ExportFormat, type ExportResult, type FigureExporter } from "./figure-exporter";

/**
 * Exports an HTML fragment or document (e.g. caseStudyHtml) to `${basePath}.html` plus `.png` (full-page
 * screenshot) and `.pdf` (one page sized to the content). Pass an open exporter to reuse its browser;
 * otherwise one is started for this call and closed afterwards.
 */
export async function exportHtmlDocument(
  html: string,
  basePath: string,
  formats: readonly ExportFormat[] = ["html", "png", "pdf"],
  options: { exporter?: FigureExporter; log?: (message: string) => void } = {},
): Promise<ExportResult> {
  return withFigureExporter(options, (exporter) => exporter.exportHtml(html, basePath, formats));
}
