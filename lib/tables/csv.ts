import { stringify } from "csv-stringify/sync";
import type { CellValue, Table } from "./table";

// Written with csv-stringify (the csv-parse project's writer): RFC 4180 quoting, CRLF records. The header is line 1,
// so any tool reads the file with its default options; provenance that is the same for every row (simulated,
// provider, model, prompts, seed, N) goes into the folder's summary.json and README.md (lib/reports/output-readme.ts).
const OPTIONS = {
  record_delimiter: "windows",
  // Values with leading or trailing spaces are quoted, so readers that trim unquoted fields keep them.
  quoted_match: /^\s|\s$/,
  cast: {
    boolean: (value: boolean) => String(value),
    number: (value: number) => (Number.isFinite(value) ? String(value) : ""),
  },
} as const;

function csvRecords(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CellValue | undefined>>): string {
  return stringify([[...header], ...rows.map((row) => row.map((value) => (value === undefined ? null : value)))], OPTIONS);
}

/** RFC 4180 CSV of the raw values (full precision, column keys as the header on line 1), for re-analysis. */
export function toCsv(table: Table): string {
  return csvRecords(
    table.columns.map((column) => column.key),
    table.rows.map((row) => table.columns.map((column) => row[column.key])),
  );
}

/**
 * CSV of plain row objects (e.g. the per-persona score table the CLI writes as scores.csv). Columns are the given
 * ones, else every key in order of first appearance; objects become JSON text.
 */
export function rowsToCsv(rows: readonly Record<string, unknown>[], options: { columns?: readonly string[] } = {}): string {
  const columns = options.columns ? [...options.columns] : [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown): CellValue => {
    if (value === undefined || value === null) return null;
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
    return JSON.stringify(value);
  };
  return csvRecords(columns, rows.map((row) => columns.map((key) => cell(row[key]))));
}
