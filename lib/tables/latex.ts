import { SIMULATED_LABEL, cellText, displayNotes, isEmphasized, type Table } from "./table";

const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  // In the default OT1 font encoding a bare "|" prints as an em dash.
  "|": "\\textbar{}",
};

export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^<>|]/g, (character) => LATEX_SPECIALS[character]);
}

export interface LatexOptions {
  /** \label{...}; "tab:<table.name>" when the table has a name. */
  label?: string;
  /** Float placement; "t" unless given. */
  placement?: string;
}

/**
 * A booktabs table (needs \usepackage{booktabs}) in a table float, caption below as in the ACL style, notes in
 * footnote size under the rule; bold cells with \textbf. Every text is escaped.
 */
export function toLatex(table: Table, options: LatexOptions = {}): string {
  const spec = table.columns.map((column) => (column.align === "right" ? "r" : column.align === "center" ? "c" : "l")).join("");
  const label = options.label ?? (table.name ? `tab:${table.name}` : undefined);
  const lines: string[] = [`\\begin{table}[${options.placement ?? "t"}]`, "\\centering"];
  if (table.simulated) lines.push(`\\textbf{${SIMULATED_LABEL}}\\\\[2pt]`);
  lines.push(`\\begin{tabular}{${spec}}`, "\\toprule");
  lines.push(`${table.columns.map((column) => escapeLatex(column.label)).join(" & ")} \\\\`, "\\midrule");
  table.rows.forEach((row, rowIndex) => {
    const cells = table.columns.map((column) => {
      const text = escapeLatex(cellText(column, row[column.key]));
      return isEmphasized(table, rowIndex, column.key) && text.length > 0 ? `\\textbf{${text}}` : text;
    });
    lines.push(`${cells.join(" & ")} \\\\`);
  });
  lines.push("\\bottomrule", "\\end{tabular}");
  const notes = displayNotes(table);
  if (notes.length > 0) {
    lines.push(`\\par\\smallskip{\\footnotesize ${notes.map(escapeLatex).join(" ")}\\par}`);
  }
  const title = table.simulated ? `[${SIMULATED_LABEL}] ${table.title}` : table.title;
  lines.push(`\\caption{${escapeLatex(title)}}`);
  if (label) lines.push(`\\label{${label.replace(/[^A-Za-z0-9:_.-]/g, "-")}}`);
  lines.push("\\end{table}");
  return lines.join("\n") + "\n";
}
