import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { projectRoot } from "../paths";

// docs/notebook-api.md, generated from the declarations of `pt` (lib/notebook/notebook-api.ts) with the TypeScript
// compiler API: every name `pt` offers, in the groups of that file, with its signature and its TSDoc.
// `npm run docs:api` writes the page; test/notebooks/notebook-api-docs.test.ts fails when it is stale.

export interface ApiEntry {
  /** "session", or "data.loadEsconv" for a namespace member. */
  name: string;
  kind: "function" | "value" | "namespace" | "type";
  /** The signatures (functions), the type (values and types) or nothing (namespaces). */
  signatures: string[];
  doc: string;
}

export interface ApiGroup {
  title: string;
  entries: ApiEntry[];
}

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.WriteArrowStyleSignature;

/** The entry file of `pt`. */
export function notebookApiPath(root = projectRoot()): string {
  return join(root, "lib", "notebook", "notebook-api.ts");
}

function program(entry: string, root: string): ts.Program {
  const configPath = join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, (path) => readFileSync(path, "utf8"));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return ts.createProgram([entry], { ...parsed.options, noEmit: true });
}

/** The `/** ... *\/` comment right before a statement, as plain text. */
function leadingDoc(source: ts.SourceFile, node: ts.Node): string {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const doc = ranges.filter((range) => source.text.startsWith("/**", range.pos)).pop();
  if (!doc) return "";
  return source.text
    .slice(doc.pos + 3, doc.end - 2)
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

/** The `// Title: ...` or `// Title.` line comments before a statement: a new group starts there. */
function groupTitle(source: ts.SourceFile, node: ts.Node): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  for (const range of ranges) {
    const text = source.text.slice(range.pos, range.end);
    const match = /^\/\/ ([A-Z][^:.]*)[:.]/.exec(text);
    if (match && !text.startsWith("// `pt`")) return match[1];
  }
  return undefined;
}

function symbolDoc(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const parts = symbol.getDocumentationComment(checker);
  const tags = symbol
    .getJsDocTags(checker)
    .filter((tag) => tag.name === "deprecated" || tag.name === "example")
    .map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`);
  return [ts.displayPartsToString(parts), ...tags].filter(Boolean).join("\n").trim();
}

function entryOf(name: string, symbol: ts.Symbol, checker: ts.TypeChecker, fallbackDoc = ""): ApiEntry {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaration = target.declarations?.[0];
  const doc = symbolDoc(target, checker) || symbolDoc(symbol, checker) || fallbackDoc;
  if (target.flags & ts.SymbolFlags.ValueModule || (declaration && ts.isSourceFile(declaration))) return { name, kind: "namespace", signatures: [], doc };
  if (!(target.flags & ts.SymbolFlags.Value)) {
    const type = checker.getDeclaredTypeOfSymbol(target);
    if (target.flags & ts.SymbolFlags.Interface) return { name, kind: "type", signatures: interfaceMembers(type, checker), doc };
    return { name, kind: "type", signatures: [`type ${name} = ${oneLine(checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias))}`], doc };
  }
  const type = checker.getTypeOfSymbol(target);
  const calls = type.getCallSignatures();
  if (calls.length && target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) {
    const callDoc = doc || ts.displayPartsToString(calls[0].getDocumentationComment(checker));
    return { name, kind: "function", signatures: calls.map((signature) => `${name.split(".").pop()}${checker.signatureToString(signature, undefined, FORMAT)}`), doc: callDoc };
  }
  return { name, kind: "value", signatures: [checker.typeToString(type, undefined, ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope)], doc };
}

/** An interface as its members, one per line, each with the first sentence of its TSDoc as a comment. */
function interfaceMembers(type: ts.Type, checker: ts.TypeChecker): string[] {
  const lines = [`interface ${checker.typeToString(type)} {`];
  for (const property of checker.getPropertiesOfType(type)) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const propertyType = checker.getTypeOfSymbol(property);
    const calls = declaration && (ts.isMethodSignature(declaration) || ts.isMethodDeclaration(declaration)) ? propertyType.getCallSignatures() : [];
    const doc = oneLine(ts.displayPartsToString(property.getDocumentationComment(checker)));
    if (doc) lines.push(`  /** ${doc} */`);
    const optional = property.flags & ts.SymbolFlags.Optional ? "?" : "";
    if (calls.length) for (const call of calls) lines.push(`  ${property.name}${checker.signatureToString(call, undefined, ts.TypeFormatFlags.NoTruncation)};`);
    else lines.push(`  ${property.name}${optional}: ${oneLine(checker.typeToString(propertyType, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope))};`);
  }
  lines.push("}");
  return lines;
}

/** Every name of `pt` in the groups of notebook-api.ts; a namespace is followed by its members. */
export function notebookApiGroups(root = projectRoot()): ApiGroup[] {
  const entry = notebookApiPath(root);
  const built = program(entry, root);
  const checker = built.getTypeChecker();
  const source = built.getSourceFile(entry);
  if (!source) throw new Error(`${entry}: not part of the program`);
  const groups: ApiGroup[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const title = groupTitle(source, statement);
    if (title || !groups.length) groups.push({ title: title ?? "pt", entries: [] });
    const group = groups[groups.length - 1];
    const clause = statement.exportClause;
    if (clause && ts.isNamespaceExport(clause)) {
      const symbol = checker.getSymbolAtLocation(clause.name);
      if (!symbol) continue;
      const name = clause.name.text;
      group.entries.push(entryOf(name, symbol, checker, leadingDoc(source, statement)));
      const module = checker.getAliasedSymbol(symbol);
      for (const member of checker.getExportsOfModule(module).sort((a, b) => a.name.localeCompare(b.name))) {
        group.entries.push(entryOf(`${name}.${member.name}`, member, checker));
      }
      continue;
    }
    if (!clause || !ts.isNamedExports(clause)) continue;
    for (const specifier of clause.elements) {
      const symbol = checker.getSymbolAtLocation(specifier.name);
      if (symbol) group.entries.push(entryOf(specifier.name.text, symbol, checker));
    }
  }
  return groups;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The Markdown page (docs/notebook-api.md). */
export function renderNotebookApiDocs(groups: readonly ApiGroup[]): string {
  const values = groups.flatMap((group) => group.entries).filter((entry) => entry.kind !== "type");
  const top = values.filter((entry) => !entry.name.includes("."));
  const lines = [
    "# The notebook API (`pt`)",
    "",
    "<!-- Generated by `npm run docs:api` (lib/notebook/api-docs.ts) from lib/notebook/notebook-api.ts; do not edit by hand. -->",
    "",
    "Every name a notebook reaches through `pt`, grouped by use, with its signature and documentation.",
    `\`pt\` has ${top.length} names at its top level and ${values.length} with the members of its namespaces; types are listed`,
    "for reference (they exist only at compile time). Load it in a notebook with",
    "",
    "```ts",
    'const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();',
    "```",
    "",
    "and see [notebooks.md](notebooks.md) for a session walked through.",
    "",
    "## Contents",
    "",
    ...groups.map((group) => `- [${group.title}](#${group.title.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-")}): ${group.entries.filter((entry) => entry.kind !== "type" && !entry.name.includes(".")).map((entry) => `\`${entry.name}\``).join(", ")}`),
    "",
  ];
  for (const group of groups) {
    lines.push(`## ${group.title}`, "");
    for (const entry of group.entries) {
      const heading = entry.kind === "namespace" ? `### \`pt.${entry.name}\` (namespace)` : entry.kind === "type" ? `#### type \`${entry.name}\`` : `### \`pt.${entry.name}\``;
      lines.push(heading, "");
      if (entry.signatures.length) {
        lines.push("```ts", ...entry.signatures.map((signature) => (entry.kind === "type" ? signature : entry.kind === "value" ? `${entry.name.split(".").pop()}: ${oneLine(signature)}` : oneLine(signature))), "```", "");
      }
      if (entry.doc) lines.push(entry.doc, "");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The names that have no TSDoc (each name of `pt` needs one). */
export function undocumented(groups: readonly ApiGroup[]): string[] {
  return groups.flatMap((group) => group.entries).filter((entry) => !entry.doc).map((entry) => entry.name);
}
