// A rendered-table model shared by every renderer: raw values (for CSV and DataFrames) plus, per column, how a
// value is shown in the paper (for Markdown, HTML and LaTeX).

export type CellValue = string | number | boolean | null;

export interface TableColumn {
  /** Field name in each row; also the CSV / DataFrame column name. */
  key: string;
  /** Heading shown in Markdown, HTML and LaTeX. */
  label: string;
  align?: "left" | "right" | "center";
  /** How a value is shown in the paper-like renderers; the raw value otherwise. */
  format?: (value: CellValue) => string;
}

export interface CellReference {
  row: number;
  column: string;
}

export interface Table {
  title: string;
  columns: TableColumn[];
  rows: Record<string, CellValue>[];
  notes: string[];
  /** Made from the sim provider's output: every renderer shows a visible "simulated" label. */
  simulated?: boolean;
  /** Cells shown in bold. */
  emphasis?: CellReference[];
  /** A short identifier for file names and LaTeX labels, e.g. "rq1-correlations". */
  name?: string;
}

export const SIMULATED_LABEL = "SIMULATED";
export const SIMULATED_NOTE =
  "Simulated data: these numbers come from the sim provider (a deterministic stand-in for a language model), not from a real model run.";

/** The title with the simulated label in front when the table is simulated. */
export function displayTitle(table: Table): string {
  return table.simulated ? `[${SIMULATED_LABEL}] ${table.title}` : table.title;
}

/** The notes, led by the simulated note when the table is simulated. */
export function displayNotes(table: Table): string[] {
  return table.simulated ? [SIMULATED_NOTE, ...table.notes] : [...table.notes];
}

/** The text of one cell as the paper-like renderers show it. */
export function cellText(column: TableColumn, value: CellValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (column.format) return column.format(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NA";
  return String(value);
}

export function isEmphasized(table: Table, row: number, column: string): boolean {
  return (table.emphasis ?? []).some((cell) => cell.row === row && cell.column === column);
}

/** A copy marked (or unmarked) as simulated; tables are not mutated in place. */
export function withSimulated(table: Table, simulated: boolean): Table {
  return { ...table, simulated };
}

/** A left-aligned column (text), shown with `format` when given. */
export function left(key: string, label: string, format?: TableColumn["format"]): TableColumn {
  return { key, label, align: "left", ...(format ? { format } : {}) };
}

/** A right-aligned column (numbers), shown with `format` when given. */
export function right(key: string, label: string, format?: TableColumn["format"]): TableColumn {
  return { key, label, align: "right", ...(format ? { format } : {}) };
}

/** A centred column (marks such as yes/no), shown with `format` when given. */
export function center(key: string, label: string, format?: TableColumn["format"]): TableColumn {
  return { key, label, align: "center", ...(format ? { format } : {}) };
}

/** What a caller may set on a built table: its title, file name and simulated mark. */
export interface BuiltTableOptions {
  title?: string;
  name?: string;
  simulated?: boolean;
}

/** A table from a builder's columns, rows and notes, the caller's title and name winning over the builder's defaults. */
export function builtTable(defaults: { title: string; name: string }, options: BuiltTableOptions, parts: Pick<Table, "columns" | "rows" | "notes">): Table {
  return { title: options.title ?? defaults.title, ...parts, simulated: options.simulated, name: options.name ?? defaults.name };
}
