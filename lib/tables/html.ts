import { createHash } from "node:crypto";
import { escapeHtml } from "../text/escape-html";
import { SIMULATED_LABEL, cellText, displayNotes, isEmphasized, type Table } from "./table";

/** How much of a table `toHtml` shows. */
export interface HtmlTableOptions {
  /** Rows shown (the first ones); default every row. The others are counted in a line under the table. */
  limit?: number;
  /** Said after the count of rows not shown, e.g. how to show them all. */
  moreRowsHint?: string;
}

/** `:nth-child` selectors for 1-based column positions, consecutive positions as one range. */
function positionSelectors(positions: readonly number[], columnCount: number): string[] {
  const selectors: string[] = [];
  for (let start = 0; start < positions.length; ) {
    let end = start;
    while (end + 1 < positions.length && positions[end + 1] === positions[end] + 1) end++;
    const [first, last] = [positions[start], positions[end]];
    if (first === last) selectors.push(`:nth-child(${first})`);
    else selectors.push(`:nth-child(n+${first})${last === columnCount ? "" : `:nth-child(-n+${last})`}`);
    start = end + 1;
  }
  return selectors;
}

/**
 * The table's one style block: column alignment (text left, numbers right) and the notes' look, written once per table (scoped by its id)
 * instead of on every cell, which made alignment alone about 40% of a notebook's table bytes.
 */
function styleBlock(id: string, table: Table): string {
  const rules = [`#${id} tfoot td{font-size:smaller;font-style:italic;text-align:left}`];
  // Every column's alignment is said: Jupyter's and nbconvert's style sheets right-align all cells otherwise.
  for (const align of ["left", "right", "center"] as const) {
    const positions = table.columns.flatMap((column, index) => ((column.align ?? "left") === align ? [index + 1] : []));
    if (positions.length) rules.push(`#${id} :is(thead th,tbody td):is(${positionSelectors(positions, table.columns.length).join(",")}){text-align:${align}}`);
  }
  return `<style>${rules.join("\n")}</style>`;
}

/**
 * An HTML table for notebooks (e.g. `tslab.display.html(toHtml(table))`): caption, header, body and notes, every
 * text escaped; simulated tables get a red "SIMULATED" badge in the caption and a note. Alignment is one style
 * block per table (its id is a hash of the content, so a re-run writes the same bytes); `limit` shows the first
 * rows and counts the rest.
 */
export function toHtml(table: Table, options: HtmlTableOptions = {}): string {
  const id = `pt-${createHash("sha256").update(JSON.stringify([table.title, table.columns, table.rows, table.notes, table.emphasis])).digest("hex").slice(0, 10)}`;
  const badge = table.simulated
    ? `<span class="simulated" style="color:#b00020;font-weight:bold;border:1px solid #b00020;padding:0 4px;margin-right:6px">${SIMULATED_LABEL}</span>`
    : "";
  const limit = options.limit ?? Infinity;
  const shown = table.rows.length > limit ? table.rows.slice(0, Math.max(0, limit)) : table.rows;
  const lines: string[] = [styleBlock(id, table), `<table class="persona-talks-table" id="${id}">`];
  lines.push(`<caption style="caption-side:top;text-align:left;font-weight:bold">${badge}${escapeHtml(table.title)}</caption>`);
  lines.push(`<thead><tr>${table.columns.map((column) => `<th>${escapeHtml(column.label)}</th>`).join("")}</tr></thead>`);
  lines.push("<tbody>");
  shown.forEach((row, rowIndex) => {
    const cells = table.columns.map((column) => {
      const text = escapeHtml(cellText(column, row[column.key]));
      return `<td>${isEmphasized(table, rowIndex, column.key) ? `<strong>${text}</strong>` : text}</td>`;
    });
    lines.push(`<tr>${cells.join("")}</tr>`);
  });
  lines.push("</tbody>");
  const hidden = table.rows.length - shown.length;
  const notes = [
    ...(hidden > 0 ? [`… ${hidden} more rows not shown (${table.rows.length} in all)${options.moreRowsHint ? `: ${options.moreRowsHint}` : ""}`] : []),
    ...displayNotes(table),
  ];
  if (notes.length > 0) lines.push(`<tfoot><tr><td colspan="${table.columns.length}">${notes.map(escapeHtml).join("<br>")}</td></tr></tfoot>`);
  lines.push("</table>");
  return lines.join("\n") + "\n";
}
