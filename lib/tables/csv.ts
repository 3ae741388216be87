import { SIMULATED_LABEL, SIMULATED_NOTE, type CellValue, type Table } from "./table";

function csvField(value: CellValue | undefined): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "number" && !Number.isFinite(value) ? "" : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV of the raw values (full precision, column keys as the header), for re-analysis. A simulated
 * table starts with one "# SIMULATED ..." comment line, so the label survives the export; read it with
 * pandas.read_csv(path, comment="#") or csv-parse's { comment: "#" }.
 */
export function toCsv(table: Table): string {
  const lines: string[] = [];
  if (table.simulated) lines.push(`# ${SIMULATED_LABEL}: ${table.title.replace(/[\r\n]+/g, " ")}. ${SIMULATED_NOTE}`);
  lines.push(table.columns.map((column) => csvField(column.key)).join(","));
  for (const row of table.rows) lines.push(table.columns.map((column) => csvField(row[column.key])).join(","));
  return lines.join("\r\n") + "\r\n";
}

/**
 * CSV of plain row objects (e.g. the per-persona score table the CLI writes as scores.csv). Columns are the given
 * ones, else every key in order of first appearance; a simulated table gets the same "# SIMULATED" first line.
 */
export function rowsToCsv(
  rows: readonly Record<string, unknown>[],
  options: { columns?: readonly string[]; simulated?: boolean; title?: string } = {},
): string {
  const columns = options.columns ? [...options.columns] : [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown): CellValue => {
    if (value === undefined || value === null) return null;
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
    return JSON.stringify(value);
  };
  return toCsv({
    title: options.title ?? "rows",
    columns: columns.map((key) => ({ key, label: key })),
    rows: rows.map((row) => Object.fromEntries(columns.map((key) => [key, cell(row[key])]))),
    notes: [],
    simulated: options.simulated,
  });
}
