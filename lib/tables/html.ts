import { escapeHtml } from "../text/escape-html";
import { SIMULATED_LABEL, cellText, displayNotes, isEmphasized, type Table } from "./table";

/**
 * An HTML table for notebooks (e.g. `tslab.display.html(toHtml(table))`): caption, header, body and notes, every
 * text escaped; simulated tables get a red "SIMULATED" badge in the caption and a note.
 */
export function toHtml(table: Table): string {
  const align = (value: string | undefined) => (value && value !== "left" ? ` style="text-align:${value}"` : "");
  const badge = table.simulated
    ? `<span class="simulated" style="color:#b00020;font-weight:bold;border:1px solid #b00020;padding:0 4px;margin-right:6px">${SIMULATED_LABEL}</span>`
    : "";
  const lines: string[] = [`<table class="persona-talks-table">`];
  lines.push(`<caption style="caption-side:top;text-align:left;font-weight:bold">${badge}${escapeHtml(table.title)}</caption>`);
  lines.push(
    `<thead><tr>${table.columns.map((column) => `<th${align(column.align)}>${escapeHtml(column.label)}</th>`).join("")}</tr></thead>`,
  );
  lines.push("<tbody>");
  table.rows.forEach((row, rowIndex) => {
    const cells = table.columns.map((column) => {
      const text = escapeHtml(cellText(column, row[column.key]));
      const content = isEmphasized(table, rowIndex, column.key) ? `<strong>${text}</strong>` : text;
      return `<td${align(column.align)}>${content}</td>`;
    });
    lines.push(`<tr>${cells.join("")}</tr>`);
  });
  lines.push("</tbody>");
  const notes = displayNotes(table);
  if (notes.length > 0) {
    lines.push(
      `<tfoot>${notes
        .map((note) => `<tr><td colspan="${table.columns.length}" style="font-size:smaller;font-style:italic">${escapeHtml(note)}</td></tr>`)
        .join("")}</tfoot>`,
    );
  }
  lines.push("</table>");
  return lines.join("\n") + "\n";
}
