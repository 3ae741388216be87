import { showChart, showHtml, type DisplaySink, type HtmlDisplay } from "./show-chart";
import type { FigureSpec } from "../charts/figure-spec";
import { UsageError } from "../errors";
import type { NamedFigure } from "../reports/analysis-output";
import { isDataFrame, toDataFrame } from "../tables/data-frame";
import { frameTable, type FrameTableOptions } from "../tables/frame-table";
import { toHtml } from "../tables/html";
import type { Table } from "../tables/table";
import { isCorrelations } from "./explore";
import { isStageResult, stageTables } from "./stage-view";
import { notebookTableOptions } from "./display";

/** How `pt.show` renders a value: rows shown, decimals, text length, title. */
export interface ShowOptions extends FrameTableOptions {
  /** Where HTML outputs go (tests); default the current tslab cell. */
  display?: HtmlDisplay;
  /** Where chart bundles go (tests); default the current tslab cell. */
  sink?: DisplaySink;
}

function isTable(value: unknown): value is Table {
  const candidate = value as Table | null;
  return typeof candidate === "object" && candidate !== null && typeof candidate.title === "string" && Array.isArray(candidate.columns) && Array.isArray(candidate.rows);
}

function isFigureSpec(value: unknown): value is FigureSpec {
  const candidate = value as FigureSpec | null;
  return typeof candidate === "object" && candidate !== null && Array.isArray((candidate as { data?: unknown }).data) && typeof (candidate as { layout?: unknown }).layout === "object";
}

function isNamedFigure(value: unknown): value is NamedFigure {
  return typeof value === "object" && value !== null && typeof (value as NamedFigure).name === "string" && isFigureSpec((value as NamedFigure).spec);
}

/**
 * Shows a value as a notebook would want it: a DataFrame as an HTML table (every column, numbers rounded, the
 * row count, first `limit` rows); a stage result as its first rows with counts, failures and reasons; a Table
 * with the paper's formatting (its first `limit` rows, default 20, the rest counted; `{ limit: Infinity }` shows
 * all); correlations as their table and heatmap; a chart; rows as a DataFrame. Arrays of
 * tables or figures show each one.
 */
export function show(value: unknown, options: ShowOptions = {}): void {
  const html = (text: string) => showHtml(text, { display: options.display });
  if (value === undefined || value === null) throw new UsageError(`show: got ${value}; pass a DataFrame, a stage result, a table, correlations or a chart`);
  if (isDataFrame(value)) return html(toHtml(frameTable(value, options)));
  if (isStageResult(value)) {
    for (const table of stageTables(value, { limit: options.limit, maxText: options.maxText })) html(toHtml(table));
    return;
  }
  const tableHtml = (table: Table) => toHtml(table, notebookTableOptions(table, options.limit, "pt.show(table, { limit: Infinity })"));
  if (isCorrelations(value)) {
    html(tableHtml(value.table));
    return showChart(value.heatmap, { sink: options.sink });
  }
  if (isTable(value)) return html(tableHtml(value));
  if (isNamedFigure(value)) return showChart(value.spec, { sink: options.sink });
  if (isFigureSpec(value)) return showChart(value, { sink: options.sink });
  if (Array.isArray(value)) {
    if (value.length && value.every((item) => isTable(item) || isNamedFigure(item) || isFigureSpec(item))) {
      for (const item of value) show(item, options);
      return;
    }
    return html(toHtml(frameTable(toDataFrame(value as object[]), options)));
  }
  if (typeof value === "string") return html(`<pre>${value.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`);
  throw new UsageError(`show: cannot show this value (${Object.keys(value as object).slice(0, 8).join(", ")}); pass a DataFrame, a stage result, a table, correlations or a chart`);
}
