import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { toCsv } from "./csv";
import { outputReadme, writeOutputReadme, type OutputProvenance } from "./output-readme";
import { toHtml } from "./html";
import { toLatex } from "./latex";
import { toMarkdown } from "./markdown";
import type { Table } from "./table";
import { makeDirectory } from "../files/make-directory";

export type TableFormat = "md" | "tex" | "csv" | "html";

const RENDERERS: Record<TableFormat, (table: Table) => string> = {
  md: toMarkdown,
  tex: (table) => toLatex(table),
  csv: toCsv,
  html: toHtml,
};

/**
 * Writes every table as `<name>.<format>` into `directory` (created if needed), plus a README.md sidecar saying what
 * made them (simulated or not, and `provenance` when given) and what each file holds; returns the paths written.
 * Tables without a name are called table-1, table-2, ... in order.
 */
export function writeTables(
  tables: readonly Table[],
  directory: string,
  formats: readonly TableFormat[] = ["md", "tex", "csv"],
  provenance?: OutputProvenance,
): string[] {
  makeDirectory(directory);
  const written: string[] = [];
  const used = new Set<string>();
  tables.forEach((table, index) => {
    let name = table.name ?? `table-${index + 1}`;
    // Two tables of the same name would overwrite each other: number the later ones.
    for (let copy = 2; used.has(name); copy++) name = `${table.name ?? "table"}-${copy}`;
    used.add(name);
    for (const format of formats) {
      const path = join(directory, `${name}.${format}`);
      writeFileSync(path, RENDERERS[format](table));
      written.push(path);
    }
  });
  const readme = writeOutputReadme(directory, outputReadme(provenance ?? { simulated: tables.some((table) => table.simulated) }, { tables }));
  if (readme) written.push(readme);
  return written;
}

/**
 * Writes a report of rq1Report / rq2Report / rq3Report: every table in every format plus `summary.json`.
 * Returns the paths written.
 */
export function writeReport(
  report: { tables: readonly Table[]; summary: unknown },
  directory: string,
  formats: readonly TableFormat[] = ["md", "tex", "csv"],
): string[] {
  const written = writeTables(report.tables, directory, formats);
  const summaryPath = join(directory, "summary.json");
  writeFileSync(summaryPath, JSON.stringify(report.summary, null, 2) + "\n");
  return [...written, summaryPath];
}
