import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { chartToHtml } from "../charts/chart-html";
import { EXPORT_FORMATS, type FigureExporter } from "../export/figure-exporter";
import { writeTables } from "../tables/write-tables";
import type { VariantComparison } from "./variant-comparison";
import { makeDirectory } from "../files/make-directory";

/** Writes a variant comparison: its tables (.md, .tex, .csv), its chart (.html, and .png/.svg/.pdf with an exporter) and summary.json. */
export async function writeComparison(comparison: VariantComparison, directory: string, options: { exporter?: FigureExporter } = {}): Promise<{ files: string[]; messages: string[] }> {
  makeDirectory(directory);
  const files = writeTables(comparison.tables, directory, ["md", "tex", "csv"]);
  const messages = new Set<string>();
  for (const figure of comparison.figures) {
    const base = join(directory, figure.name);
    if (options.exporter) {
      const result = await options.exporter.export(figure.spec, base, EXPORT_FORMATS);
      files.push(...Object.values(result.written));
      if (result.message) messages.add(result.message);
    } else {
      writeFileSync(`${base}.html`, chartToHtml(figure.spec, { includePlotly: "inline" }));
      files.push(`${base}.html`);
    }
  }
  const summaryPath = join(directory, "summary.json");
  writeFileSync(summaryPath, JSON.stringify({ comparison: comparison.summary }, (_, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2) + "\n");
  files.push(summaryPath);
  return { files, messages: [...messages] };
}
