import { showChart, showHtml, type HtmlDisplay, type ShowChartOptions } from "./show-chart";
import { escapeHtml } from "../text/escape-html";
import { toHtml, type HtmlTableOptions } from "../tables/html";
import type { Table } from "../tables/table";
import type { NamedDocument, NamedFigure } from "../reports/analysis-output";

// Thin wrappers over tslab's display so that notebook cells stay one line each. `display` is injectable for tests.

/** Rows of a table shown in a cell unless asked for more: a saved notebook stays light; the export has every row. */
export const TABLE_ROWS_SHOWN = 20;

/** toHtml's options in a notebook: the first `limit` rows (default TABLE_ROWS_SHOWN) and the call that shows them all. */
export function notebookTableOptions(table: Table, limit: number | undefined, call: string): HtmlTableOptions {
  return { limit: limit ?? TABLE_ROWS_SHOWN, moreRowsHint: `${call} shows every row${table.name ? ` (table "${table.name}"; the export writes them all)` : ""}` };
}

/**
 * Shows tables inline (HTML with the paper's formatting, bold cells and the simulated badge): the first `limit`
 * rows of each (default 20), the others counted under it; `{ limit: Infinity }` shows every row.
 */
export function showTables(tables: Table | readonly Table[], options: { display?: HtmlDisplay; limit?: number } = {}): void {
  for (const table of Array.isArray(tables) ? tables : [tables]) {
    showHtml(toHtml(table as Table, notebookTableOptions(table as Table, options.limit, "pt.showTables(tables, { limit: Infinity })")), options);
  }
}

/**
 * Shows Plotly figures inline, each as one display bundle (Plotly JSON + static PNG, see showChart), and HTML
 * documents (the case study) as HTML.
 */
export function showFigures(figures: readonly (NamedFigure | NamedDocument)[], options: { display?: HtmlDisplay } & ShowChartOptions = {}): void {
  for (const figure of figures) {
    if ("spec" in figure) showChart(figure.spec, { sink: options.sink, renderer: options.renderer });
    else showHtml(figure.html, { display: options.display });
  }
}

/** Shows a short message as a paragraph (a red box when it is a warning). */
export function showNote(text: string, options: { display?: HtmlDisplay; warning?: boolean } = {}): void {
  const style = options.warning
    ? "color:#b00020;background:#ffebee;border:1px solid #b00020;padding:4px 8px;font-weight:bold;display:inline-block"
    : "font-family:monospace;white-space:pre-wrap";
  showHtml(`<div style="${style}">${escapeHtml(text)}</div>`, options);
}

/** Shows the first `limit` rows of plain row objects (e.g. score rows) as an HTML table, numbers to two decimals. */
export function showRows(rows: readonly Record<string, unknown>[], options: { limit?: number; columns?: readonly string[]; title?: string; display?: HtmlDisplay } = {}): void {
  const shown = rows.slice(0, options.limit ?? 10);
  const columns = options.columns ? [...options.columns] : [...new Set(shown.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) => (typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : value === null || value === undefined ? "" : String(value));
  const table: Table = {
    title: options.title ?? `${shown.length} of ${rows.length} rows`,
    columns: columns.map((key) => ({ key, label: key, align: "right" as const })),
    rows: shown.map((row) => Object.fromEntries(columns.map((key) => [key, cell(row[key])]))),
    notes: [],
  };
  showHtml(toHtml(table), options);
}
