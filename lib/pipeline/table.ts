import type { DataFrame } from "danfojs-node";
import { DataError } from "../errors";
import { createRandom } from "../random";
import { loadDanfo } from "../tables/load-danfo";

/** What a danfojs DataFrame looks like here (duck-typed, so danfojs is loaded only when a frame is asked for). */
interface DataFrameLike {
  columns: string[];
  values: unknown[][];
}

export function isDataFrameLike(value: unknown): value is DataFrameLike {
  return typeof value === "object" && value !== null && Array.isArray((value as DataFrameLike).columns) && Array.isArray((value as DataFrameLike).values);
}

function decodeCell(cell: unknown): unknown {
  if (cell === undefined || (typeof cell === "number" && Number.isNaN(cell))) return null;
  // Frames made by toDataFrame hold object cells (turns, trait sentences) as JSON text: read them back.
  if (typeof cell === "string" && /^\s*[[{]/.test(cell)) {
    try {
      return JSON.parse(cell);
    } catch {
      return cell;
    }
  }
  return cell;
}

/** Plain row objects from an array of rows or a danfojs DataFrame (fresh objects; the input is not changed). */
export function tableRows<Row extends object = Record<string, unknown>>(input: unknown, what = "input table"): Row[] {
  if (Array.isArray(input)) return input.map((row) => ({ ...(row as Row) }));
  // A previous stage's result ({ rows, summary, ... }): its rows, so stages chain without `.rows`.
  const stage = input as { rows?: unknown; summary?: unknown } | null;
  if (typeof stage === "object" && stage !== null && Array.isArray(stage.rows) && typeof stage.summary === "object") return tableRows<Row>(stage.rows, what);
  if (isDataFrameLike(input)) {
    return input.values.map((cells) => {
      const row: Record<string, unknown> = {};
      input.columns.forEach((column, index) => (row[column] = decodeCell(Array.isArray(cells) ? cells[index] : cells)));
      return row as Row;
    });
  }
  throw new DataError(`expected an array of row objects, a stage result or a danfojs DataFrame, got ${input === null || input === undefined ? input : typeof input}`, { record: what });
}

/** Indexes 0..length-1 in a seeded random order: taking the first n is "n rows sampled with the seed", and a larger n extends a smaller one. */
export function seededOrder(length: number, seed: number): number[] {
  return createRandom(seed ^ 0x5eed).shuffle(Array.from({ length }, (_, index) => index));
}

/** n rows sampled with the seed, in the input's order; all rows when n is absent or not smaller than the table. */
export function sampleRows<Row>(rows: readonly Row[], n: number | undefined, seed: number): Row[] {
  if (n === undefined || n >= rows.length) return [...rows];
  if (!Number.isInteger(n) || n < 0) throw new DataError(`n must be a whole number >= 0, got ${n}`);
  const chosen = seededOrder(rows.length, seed).slice(0, n).sort((a, b) => a - b);
  return chosen.map((index) => rows[index]);
}

/** The columns of rows, in order of first appearance. */
export function columnsOf(rows: readonly object[]): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

function encodeCell(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** A DataFrame of rows; object and array cells become JSON text (tableRows reads them back). */
export function toDataFrame(rows: readonly object[], columns: string[] = columnsOf(rows)): DataFrame {
  const { DataFrame: Frame } = loadDanfo();
  if (rows.length === 0) return new Frame([], { columns });
  return new Frame(
    rows.map((row) => columns.map((column) => encodeCell((row as Record<string, unknown>)[column]))),
    { columns },
  );
}

/** Adds a lazily built `frame` property to a result object. */
export function withFrame<T extends object>(target: T, rows: () => readonly object[]): T & { readonly frame: DataFrame } {
  let frame: DataFrame | undefined;
  Object.defineProperty(target, "frame", {
    enumerable: false,
    get: () => (frame ??= toDataFrame(rows())),
  });
  return target as T & { readonly frame: DataFrame };
}
