import type { DataFrame } from "danfojs-node";
import { UsageError } from "../errors";
import { pearson } from "../stats/pearson";
import { frameProvenance, isDataFrame, loadDanfo, toDataFrame, withProvenance, type FrameInput } from "./data-frame";

// The DataFrame operations the analyses need, done here rather than with danfojs's own: danfojs's describe() throws
// on a missing value and averages booleans, and its groupby().mean() counts a missing value as 0 and throws on text
// columns. These skip missing values, use numeric columns only (never booleans or ids), and return DataFrames.

export type ColumnKind = "number" | "boolean" | "text" | "empty";

function retitled(frame: DataFrame, title: string) {
  const provenance = frameProvenance(frame);
  return provenance ? { ...provenance, title: `${title}${provenance.title ? ` of ${provenance.title}` : ""}` } : { title };
}

function asFrame(input: FrameInput | DataFrame, what: string): DataFrame {
  if (input === undefined || input === null) throw new UsageError(`${what}: got ${input}; pass a DataFrame, rows or a stage result`);
  return isDataFrame(input) ? input : toDataFrame(input);
}

function columnValues(frame: DataFrame, column: string): unknown[] {
  const position = frame.columns.indexOf(column);
  if (position < 0) throw new UsageError(`no column "${column}"; the frame has ${frame.columns.join(", ")}`);
  return frame.values.map((cells) => (cells as unknown[])[position]);
}

function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "number" && Number.isNaN(value));
}

/** What a column holds, judged from its values (missing values ignored). */
export function columnKind(frame: DataFrame, column: string): ColumnKind {
  const present = columnValues(frame, column).filter((value) => !isMissing(value));
  if (!present.length) return "empty";
  if (present.every((value) => typeof value === "number")) return "number";
  if (present.every((value) => typeof value === "boolean")) return "boolean";
  return "text";
}

/**
 * The numeric columns of a frame (never booleans, ids or text). `prefix` keeps those starting with it, e.g.
 * "HEXACO-60" for the six HEXACO domain columns (`HEXACO-60:<domain>`).
 */
export function numericColumns(input: FrameInput | DataFrame, prefix?: string | readonly string[]): string[] {
  const frame = asFrame(input, "numericColumns");
  const prefixes = prefix === undefined ? undefined : [prefix].flat();
  return frame.columns.filter(
    (column) => columnKind(frame, column) === "number" && (!prefixes || prefixes.some((start) => column.startsWith(start))),
  );
}

function numbers(values: readonly unknown[]): number[] {
  return values.filter((value): value is number => typeof value === "number" && Number.isFinite(value));
}

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
}

/** Sample standard deviation (n - 1), as pandas. */
function standardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const average = mean(values)!;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1));
}

/** Linear-interpolation quantile (pandas' and numpy's default). */
function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Only the given columns (or the numeric ones), index kept. */
export function selectColumns(input: FrameInput | DataFrame, columns?: readonly string[]): DataFrame {
  const frame = asFrame(input, "selectColumns");
  const chosen = columns ? [...columns] : numericColumns(frame);
  for (const column of chosen) if (!frame.columns.includes(column)) throw new UsageError(`selectColumns: no column "${column}"; the frame has ${frame.columns.join(", ")}`);
  const positions = chosen.map((column) => frame.columns.indexOf(column));
  const { DataFrame: Frame } = loadDanfo();
  const values = frame.values.map((cells) => positions.map((position) => (cells as unknown[])[position]));
  return withProvenance(values.length ? new Frame(values as never, { columns: chosen, index: frame.index as string[] }) : new Frame([], { columns: chosen }), frameProvenance(frame));
}

/**
 * count, missing, mean, std, min, 25%, 50%, 75%, max of every numeric column (or the given ones), missing values
 * skipped. One row per statistic, one column per variable, like pandas' describe().
 */
export function describeFrame(input: FrameInput | DataFrame, columns?: readonly string[]): DataFrame {
  const frame = asFrame(input, "describe");
  const chosen = columns ? [...columns] : numericColumns(frame);
  if (!chosen.length) throw new UsageError(`describe: the frame has no numeric column (columns: ${frame.columns.join(", ")})`);
  const statistics = ["count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max"];
  const perColumn = chosen.map((column) => {
    const all = columnValues(frame, column);
    const present = numbers(all);
    const sorted = [...present].sort((a, b) => a - b);
    return [present.length, all.length - present.length, mean(present), standardDeviation(present), sorted[0] ?? null, quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75), sorted.at(-1) ?? null];
  });
  const { DataFrame: Frame } = loadDanfo();
  const values = statistics.map((_, row) => perColumn.map((column) => column[row]));
  return withProvenance(new Frame(values as never, { columns: chosen, index: statistics }), retitled(frame, "describe"));
}

/**
 * The mean of every numeric column (or the given ones) per group of `by` (one column or several), missing values
 * skipped, with the group's row count `n`. One row per group, in order of first appearance.
 */
export function groupMean(input: FrameInput | DataFrame, by: string | readonly string[], columns?: readonly string[]): DataFrame {
  const frame = asFrame(input, "groupMean");
  const keys = [by].flat();
  for (const key of keys) if (!frame.columns.includes(key)) throw new UsageError(`groupMean: no column "${key}" to group by; the frame has ${frame.columns.join(", ")}`);
  const chosen = (columns ? [...columns] : numericColumns(frame)).filter((column) => !keys.includes(column));
  const keyValues = keys.map((key) => columnValues(frame, key));
  const valueColumns = chosen.map((column) => columnValues(frame, column));
  const groups = new Map<string, number[]>();
  frame.values.forEach((_, row) => {
    const label = JSON.stringify(keyValues.map((values) => values[row]));
    groups.set(label, [...(groups.get(label) ?? []), row]);
  });
  const values = [...groups.entries()].map(([label, rows]) => [
    ...(JSON.parse(label) as unknown[]),
    rows.length,
    ...valueColumns.map((values) => mean(numbers(rows.map((row) => values[row])))),
  ]);
  const { DataFrame: Frame } = loadDanfo();
  const names = [...keys, "n", ...chosen];
  return withProvenance(values.length ? new Frame(values as never, { columns: names }) : new Frame([], { columns: names }), retitled(frame, `mean by ${keys.join(", ")}`));
}

/** Pearson r (stats/pearson) between two columns over the rows where both are numbers; null when undefined. */
function pairwiseR(x: readonly unknown[], y: readonly unknown[]): number | null {
  const number = (value: unknown) => (typeof value === "number" ? value : null);
  const { r } = pearson(x.map(number), y.map(number));
  return Number.isNaN(r) ? null : r;
}

/** The Pearson correlation matrix (pairwise complete rows) of the row columns against the column columns. */
export function correlationFrame(input: FrameInput | DataFrame, rows?: readonly string[], columns?: readonly string[]): DataFrame {
  const frame = asFrame(input, "correlationFrame");
  const rowColumns = rows ? [...rows] : numericColumns(frame);
  const columnColumns = columns ? [...columns] : rowColumns;
  const values = rowColumns.map((row) => columnColumns.map((column) => pairwiseR(columnValues(frame, row), columnValues(frame, column))));
  const { DataFrame: Frame } = loadDanfo();
  return withProvenance(new Frame(values as never, { columns: columnColumns, index: rowColumns }), retitled(frame, "Pearson r"));
}
