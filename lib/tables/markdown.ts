import { cellText, displayNotes, displayTitle, isEmphasized, type Table } from "./table";

/** Backslashes, asterisks, underscores and backticks would start formatting; a newline would end the line. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_`])/g, "\\$1").replace(/\r?\n/g, " ");
}

/** In a table cell a pipe also ends the cell. */
function escapeCell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, "\\|");
}

/** A GitHub-flavoured Markdown table with the title in bold above it and notes below; bold cells as **x**. */
export function toMarkdown(table: Table): string {
  const lines: string[] = [`**${escapeMarkdown(displayTitle(table))}**`, ""];
  lines.push(`| ${table.columns.map((column) => escapeCell(column.label)).join(" | ")} |`);
  lines.push(
    `| ${table.columns
      .map((column) => (column.align === "right" ? "---:" : column.align === "center" ? ":---:" : ":---"))
      .join(" | ")} |`,
  );
  table.rows.forEach((row, rowIndex) => {
    const cells = table.columns.map((column) => {
      const text = escapeCell(cellText(column, row[column.key]));
      return isEmphasized(table, rowIndex, column.key) && text.length > 0 ? `**${text}**` : text;
    });
    lines.push(`| ${cells.join(" | ")} |`);
  });
  const notes = displayNotes(table);
  if (notes.length > 0) {
    lines.push("");
    for (const note of notes) lines.push(`*${escapeMarkdown(note)}*`, "");
    lines.pop();
  }
  return lines.join("\n") + "\n";
}
