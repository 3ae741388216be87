import type { DataFrame } from "danfojs-node";
import { frameProvenance } from "./data-frame";
import type { CellValue, Table } from "./table";

export interface FrameTableOptions {
  /** Rows shown (the first ones); default 20. The title always gives the full count. */
  limit?: number;
  /** Decimals of non-whole numbers; default 3. */
  digits?: number;
  /** Longer text is cut with an ellipsis; default 160 characters. */
  maxText?: number;
  title?: string;
}

/** A short display form of a value: rounded numbers, cut text, "" for missing. */
export function displayValue(value: unknown, digits = 3, maxText = 160): CellValue {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > maxText ? `${text.slice(0, maxText - 1)}…` : text;
}

function isDefaultIndex(frame: DataFrame): boolean {
  return frame.index.every((value, position) => value === position);
}

/**
 * A DataFrame as a rendered Table (all columns; the index as the first column unless it is 0..n-1; the first
 * `limit` rows; numbers rounded): what `show(df)` displays. The title gives rows x columns.
 */
export function frameTable(frame: DataFrame, options: FrameTableOptions = {}): Table {
  const limit = options.limit ?? 20;
  const digits = options.digits ?? 3;
  const provenance = frameProvenance(frame);
  const withIndex = !isDefaultIndex(frame);
  const keys = [...(withIndex ? ["(index)"] : []), ...frame.columns];
  const fractional = new Set(frame.columns.filter((_, position) => frame.values.some((cells) => typeof (cells as unknown[])[position] === "number" && !Number.isInteger((cells as unknown[])[position]))));
  const rows = frame.values.slice(0, limit).map((cells, row) => {
    const shown: Record<string, CellValue> = {};
    if (withIndex) shown["(index)"] = String(frame.index[row]);
    frame.columns.forEach((column, position) => {
      const value = (cells as unknown[])[position];
      // One number format per column: 3 and 2.2 in a column of means show as 3.000 and 2.200.
      shown[column] = typeof value === "number" && fractional.has(column) && Number.isFinite(value) ? value.toFixed(digits) : displayValue(value, digits, options.maxText);
    });
    return shown;
  });
  const numeric = new Set(frame.columns.filter((column, position) => (frame.values as unknown[]).some((cells) => typeof (cells as unknown[])[position] === "number") && (frame.values as unknown[]).every((cells) => typeof (cells as unknown[])[position] !== "string")));
  const [rowCount, columnCount] = frame.shape;
  const size = `${rowCount} rows x ${columnCount} columns${rowCount > limit ? ` (first ${limit} shown)` : ""}`;
  const title = options.title ?? provenance?.title;
  const source = `${provenance?.provider ? ` · ${provenance.provider}:${provenance.model}` : ""}${provenance?.variant ? ` · variant ${provenance.variant}` : ""}`;
  return {
    title: `${title ? `${title}: ` : ""}${size}${source}`,
    // Numbers right-aligned so that decimals line up.
    columns: keys.map((key) => ({ key, label: key === "(index)" ? "" : key, align: numeric.has(key) ? ("right" as const) : ("left" as const) })),
    rows,
    notes: [],
    simulated: provenance?.simulated,
  };
}
