import { DataError } from "../errors";

export type Row = Record<string, unknown>;

/** What a danfojs DataFrame looks like to this module (duck-typed so that danfojs is not loaded here). */
interface DataFrameLike {
  columns: string[];
  values: unknown[][];
}

function isDataFrameLike(value: unknown): value is DataFrameLike {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<DataFrameLike>;
  return Array.isArray(candidate.columns) && Array.isArray(candidate.values);
}

/**
 * Plain row objects from either an array of rows or a danfojs DataFrame, so that every analysis accepts both.
 * The input is never mutated; DataFrame rows are fresh objects.
 */
export function rowsOf<T extends object = Row>(tableOrRows: readonly T[] | DataFrameLike | unknown, what = "table"): T[] {
  if (Array.isArray(tableOrRows)) return tableOrRows as T[];
  if (isDataFrameLike(tableOrRows)) {
    const { columns, values } = tableOrRows;
    return values.map((cells) => {
      const row: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        const cell = Array.isArray(cells) ? cells[index] : cells;
        // danfojs stores missing numbers as NaN (or undefined); the analyses treat both as missing.
        row[column] = cell === undefined || (typeof cell === "number" && Number.isNaN(cell)) ? null : cell;
      });
      return row as T;
    });
  }
  throw new DataError(`expected an array of row objects or a danfojs DataFrame`, { record: what });
}

/** A numeric score or null; anything else that is present is bad input and names the row and column. */
export function scoreValue(row: Row, column: string, index: number, file = "score table"): number | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  throw new DataError(`score must be a number or null, got ${JSON.stringify(value)}`, {
    file,
    record: typeof row.personaId === "string" ? row.personaId : index,
    field: column,
  });
}

/** Groups rows by the values of some fields, keeping the order in which groups first appear. */
export function groupRows<T extends Row>(rows: readonly T[], fields: readonly string[]): { key: Record<string, string>; rows: T[] }[] {
  const groups = new Map<string, { key: Record<string, string>; rows: T[] }>();
  for (const row of rows) {
    const key: Record<string, string> = {};
    for (const field of fields) key[field] = row[field] === undefined || row[field] === null ? "" : String(row[field]);
    const id = JSON.stringify(fields.map((field) => key[field]));
    const group = groups.get(id);
    if (group) group.rows.push(row);
    else groups.set(id, { key, rows: [row] });
  }
  return [...groups.values()];
}
