import ts from "typescript";
import { UsageError } from "../errors";
import type { Notebook } from "./notebook-file";

// The parameters of a notebook, for `persona-talks notebook run NAME --set key=value` (papermill's idea for
// TypeScript). A notebook's config cell is the code cell whose first line is a `// Configuration` (or `// config`)
// comment, or a cell tagged "parameters" (papermill's tag). Its parameters are the properties of the
// `pt.session({ ... })` object literal in it and its top-level `const`/`let` declarations; `--set n=100`
// replaces the value written there, so the executed notebook shows the values it ran with.

/** A config cell's first line: `// Configuration ...` or `// config ...`. */
const CONFIG_MARK = /^\s*\/\/\s*config(uration)?\b/i;

function sourceOf(cell: Notebook["cells"][number]): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** The index of the notebook's config cell; a UsageError naming the file when there is none. */
export function configCellIndex(notebook: Notebook, file: string): number {
  const index = notebook.cells.findIndex(
    (cell) => cell.cell_type === "code" && (CONFIG_MARK.test(sourceOf(cell).split("\n", 1)[0]) || ((cell.metadata.tags as unknown[] | undefined) ?? []).includes("parameters")),
  );
  if (index < 0) throw new UsageError(`${file}: no config cell (a code cell whose first line is "// Configuration" or "// config", or tagged "parameters")`);
  return index;
}

interface Parameter {
  name: string;
  /** The span of its value in the cell's source. */
  start: number;
  end: number;
}

/** Every parameter of a config cell's source: pt.session({ ... }) properties, then top-level const/let names. */
export function cellParameters(source: string): Parameter[] {
  const file = ts.createSourceFile("config.ts", source, ts.ScriptTarget.Latest, true);
  const found: Parameter[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && /(^|\.)session$/.test(node.expression.getText(file)) && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
      for (const property of node.arguments[0].properties) {
        if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
          found.push({ name: property.name.text, start: property.initializer.getStart(file), end: property.initializer.getEnd() });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer && !ts.isCallExpression(declaration.initializer) && !ts.isAwaitExpression(declaration.initializer)) {
        found.push({ name: declaration.name.text, start: declaration.initializer.getStart(file), end: declaration.initializer.getEnd() });
      }
    }
  }
  return found;
}

/** A --set value as TypeScript source: numbers, true/false/null/undefined and JSON stay as they are; other text becomes a string. */
export function valueSource(text: string): string {
  if (/^(true|false|null|undefined)$/.test(text)) return text;
  if (text.trim() !== "" && Number.isFinite(Number(text))) return String(Number(text));
  if (/^[[{"]/.test(text)) {
    try {
      return JSON.stringify(JSON.parse(text));
    } catch {
      // not JSON: a string
    }
  }
  return JSON.stringify(text);
}

/** `key=value` pairs of --set, in order; a UsageError for one without "=". */
export function parseSets(sets: readonly string[]): [string, string][] {
  return sets.map((set) => {
    const at = set.indexOf("=");
    if (at <= 0) throw new UsageError(`--set ${set}: write --set name=value, e.g. --set n=100`);
    return [set.slice(0, at).trim(), set.slice(at + 1)];
  });
}

/**
 * The notebook with the --set values written into its config cell (a copy; the input is not changed). A name the
 * config cell does not have is a UsageError naming it and the names it has.
 */
export function applyParameters(notebook: Notebook, sets: readonly [string, string][], file: string): { notebook: Notebook; cell: number } {
  const index = configCellIndex(notebook, file);
  let source = sourceOf(notebook.cells[index]);
  const known = cellParameters(source);
  for (const [name] of sets) {
    if (!known.some((parameter) => parameter.name === name)) {
      throw new UsageError(`--set ${name}: the config cell of ${file} has no parameter "${name}" (it has ${[...new Set(known.map((parameter) => parameter.name))].join(", ")})`);
    }
  }
  // From the end, so earlier spans stay valid.
  const edits = sets.map(([name, value]) => ({ ...known.find((parameter) => parameter.name === name)!, value: valueSource(value) })).sort((a, b) => b.start - a.start);
  for (const edit of edits) source = source.slice(0, edit.start) + edit.value + source.slice(edit.end);
  const lines = source.split("\n").map((line, position, all) => (position < all.length - 1 ? `${line}\n` : line));
  const cells = notebook.cells.map((cell, position) => (position === index ? { ...cell, source: lines } : cell));
  return { notebook: { ...notebook, cells }, cell: index };
}
