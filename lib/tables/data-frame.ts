import { createRequire } from "node:module";
import { join } from "node:path";
import { inspect } from "node:util";
import type { DataFrame } from "danfojs-node";
import { UsageError } from "../errors";
import { projectRoot } from "../paths";
import type { Table } from "./table";

// danfojs-node takes seconds to load (it brings TensorFlow.js), so it is required only when a DataFrame is
// asked for; createRequire keeps this synchronous in both ESM (tsx) and CommonJS (tslab) without import.meta.
let danfo: typeof import("danfojs-node") | undefined;

/** Where a frame's rows came from; shown by `show(df)` (a simulated frame carries the SIMULATED label). */
export interface FrameProvenance {
  simulated?: boolean;
  provider?: string;
  model?: string;
  /** What the rows are ("extractPersonas", "scores", ...). */
  title?: string;
  /** The prompt variant that made the rows ("paper", "reworded", ...), when known. */
  variant?: string;
}

const PROVENANCE = Symbol.for("persona-talks.frame-provenance");

/** The compact plain print of a DataFrame (tslab prints a cell's last value with console.log). */
function inspectFrame(this: DataFrame): string {
  const columns = this.columns.map((column, index) => `${column} (${this.dtypes[index]})`);
  const provenance = frameProvenance(this);
  const label = provenance?.simulated ? " SIMULATED" : "";
  return `DataFrame${label} [${this.shape[0]} rows x ${this.shape[1]} columns]: ${columns.join(", ")}\n(pt.show(df) renders it as a table)`;
}

/** danfojs, loaded once; its DataFrame prints compactly instead of dumping ~6 kB of internals. */
export function loadDanfo(): typeof import("danfojs-node") {
  if (!danfo) {
    danfo = createRequire(join(projectRoot(), "package.json"))("danfojs-node") as typeof import("danfojs-node");
    Object.defineProperty(danfo.DataFrame.prototype, inspect.custom, { value: inspectFrame, configurable: true, writable: true });
  }
  return danfo;
}

/** True for a danfojs DataFrame (duck-typed, so nothing is loaded to ask). */
export function isDataFrame(value: unknown): value is DataFrame {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as DataFrame).columns) &&
    Array.isArray((value as DataFrame).values) &&
    typeof (value as DataFrame).shape === "object"
  );
}

export function frameProvenance(frame: DataFrame): FrameProvenance | undefined {
  return (frame as unknown as Record<symbol, FrameProvenance | undefined>)[PROVENANCE];
}

/** Attaches provenance to a frame (not a column: it cannot be averaged by mistake). Returns the frame. */
export function withProvenance(frame: DataFrame, provenance: FrameProvenance | undefined): DataFrame {
  if (provenance) Object.defineProperty(frame, PROVENANCE, { value: provenance, enumerable: false, configurable: true });
  return frame;
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && Array.isArray((value as Table).columns) && Array.isArray((value as Table).rows) && typeof (value as Table).title === "string";
}

function encodeCell(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** How `toDataFrame` builds the frame: which column becomes the index, which columns to keep and in which order. */
export interface ToDataFrameOptions {
  /** A column whose values become the row index (e.g. "personaId"), so text ids do not sit among the numbers. */
  index?: string;
  /** Only these columns, in this order. */
  columns?: readonly string[];
}

/** Anything toDataFrame takes: rows, a rendered Table, a stage result ({ rows }), or a DataFrame (copied). */
export type FrameInput = readonly object[] | Table | { rows: readonly object[] } | DataFrame;

function rowsOfInput(input: unknown, what: string): { rows: readonly object[]; columns?: string[]; provenance?: FrameProvenance } {
  if (input === undefined || input === null) {
    throw new UsageError(`${what}: got ${input}; pass an array of rows, a stage result (e.g. the value of \`await run.extract("esconv")\`), a Table or a DataFrame`);
  }
  if (Array.isArray(input)) {
    const bad = input.findIndex((row) => typeof row !== "object" || row === null);
    if (bad >= 0) throw new UsageError(`${what}: row ${bad} is ${JSON.stringify(input[bad])}, not an object`);
    const first = input[0] as Record<string, unknown> | undefined;
    return { rows: input, provenance: first && typeof first.simulated === "boolean" ? { simulated: first.simulated, provider: String(first.provider ?? ""), model: String(first.model ?? "") } : undefined };
  }
  if (isDataFrame(input)) {
    const rows = input.values.map((cells) => Object.fromEntries(input.columns.map((column, index) => [column, (cells as unknown[])[index]])));
    return { rows, columns: input.columns, provenance: frameProvenance(input) };
  }
  if (isTable(input)) return { rows: input.rows, columns: input.columns.map((column) => column.key), provenance: { simulated: input.simulated, title: input.title } };
  if (typeof input === "object" && Array.isArray((input as { rows?: unknown }).rows)) {
    const result = input as { rows: readonly object[]; simulated?: boolean; summary?: { stage?: string; provider?: string; model?: string } };
    return {
      rows: result.rows,
      provenance: { simulated: result.simulated, provider: result.summary?.provider, model: result.summary?.model, title: result.summary?.stage },
    };
  }
  const keys = typeof input === "object" ? Object.keys(input as object).slice(0, 8).join(", ") : typeof input;
  throw new UsageError(`${what}: cannot make a DataFrame of this value (${keys}); pass an array of rows, a stage result, a Table or a DataFrame`);
}

/** The columns of rows, in order of first appearance. */
function columnsOf(rows: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/**
 * A danfojs DataFrame from rows, a stage result, a rendered Table (its raw values) or another DataFrame. Object
 * and array cells become JSON text; missing values are null. Provenance (simulated, provider, model) rides along
 * outside the columns, so `show(df)` can label simulated results.
 */
export function toDataFrame(input: FrameInput, options: ToDataFrameOptions = {}): DataFrame {
  const { rows, columns: known, provenance } = rowsOfInput(input, "toDataFrame");
  const { DataFrame: Frame } = loadDanfo();
  let columns = options.columns ? [...options.columns] : (known ?? columnsOf(rows));
  const missing = options.columns?.filter((column) => rows.length && !rows.some((row) => column in row));
  if (missing?.length) throw new UsageError(`toDataFrame: no column ${missing.map((name) => `"${name}"`).join(", ")}; the rows have ${columnsOf(rows).join(", ")}`);
  let index: string[] | undefined;
  if (options.index) {
    const key = options.index;
    if (rows.length && !rows.some((row) => key in row)) throw new UsageError(`toDataFrame: index column "${key}" not found; the rows have ${columnsOf(rows).join(", ")}`);
    index = rows.map((row, position) => String((row as Record<string, unknown>)[key] ?? position));
    columns = columns.filter((column) => column !== key);
  }
  const values = rows.map((row) => columns.map((column) => encodeCell((row as Record<string, unknown>)[column])));
  const frame = rows.length === 0 ? new Frame([], { columns }) : new Frame(values, { columns, ...(index ? { index } : {}) });
  return withProvenance(frame, provenance);
}
