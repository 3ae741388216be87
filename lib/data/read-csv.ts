import { parse } from "csv-parse/sync";
import { DataError } from "../errors";

export interface CsvTable {
  header: string[];
  /** Data rows keyed by header name; row n of the file (1-based, header excluded) is rows[n - 1]. */
  rows: Array<Record<string, string>>;
}

/**
 * Parses CSV text with a header row and reads columns by NAME (column order differs between files of the
 * same dataset). Every `required` column must be present; a missing one is reported as field of record "header".
 * Records are numbered from 1 for the first data row.
 */
export function parseCsvTable(text: string, file: string, required: readonly string[]): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    const csvError = error as Error & { records?: number; code?: string };
    const record = typeof csvError.records === "number" ? csvError.records : undefined;
    throw new DataError(`malformed CSV (${csvError.message})`, { file, record });
  }
  if (records.length === 0) throw new DataError("empty file: no header row", { file, record: "header" });
  const header = records[0].map((name) => name.trim());
  requireColumns(header, required, file);
  const rows = records.slice(1).map((record) => {
    const row: Record<string, string> = {};
    header.forEach((column, index) => {
      row[column] = record[index];
    });
    return row;
  });
  return { header, rows };
}

/** Throws a DataError (record "header", field = the column) for the first required column the header lacks. */
export function requireColumns(header: readonly string[], required: readonly string[], file: string): void {
  for (const column of required) {
    if (!header.includes(column)) {
      const shown = header.slice(0, 12).join(", ") + (header.length > 12 ? ", ..." : "");
      throw new DataError(`missing column (header has: ${shown})`, { file, record: "header", field: column });
    }
  }
}
