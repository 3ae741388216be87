import { join } from "node:path";
import { UsageError } from "../errors";
import type { FigureSpec } from "../charts/figure-spec";
import { withFigureExporter, EXPORT_FORMATS, type ExportFormat, type ExportResult, type FigureExporterOptions } from "./figure-exporter";

export interface FigureSetResult {
  /** Per figure name, what was written. */
  results: Record<string, ExportResult>;
  /** The "no browser" advice, once, when any format was skipped for that reason. */
  message?: string;
}

/**
 * Exports many figures into one folder with one browser: `${directory}/${name}.html|png|svg|pdf`.
 * Names become file names, so they must be plain (letters, digits, "-", "_", ".").
 */
export async function exportFigureSet(
  figures: Record<string, FigureSpec>,
  directory: string,
  formats: readonly ExportFormat[] = EXPORT_FORMATS,
  options: FigureExporterOptions & { onProgress?: (done: number, total: number, name: string) => void } = {},
): Promise<FigureSetResult> {
  const names = Object.keys(figures);
  for (const name of names) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new UsageError(`figure name "${name}" is not a plain file name`);
  }
  const results: Record<string, ExportResult> = {};
  let message: string | undefined;
  await withFigureExporter(options, async (exporter) => {
    for (const [index, name] of names.entries()) {
      const result = await exporter.export(figures[name], join(directory, name), formats);
      results[name] = result;
      message ??= result.message;
      options.onProgress?.(index + 1, names.length, name);
    }
  });
  return message ? { results, message } : { results };
}
