import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { ChatMessage, PromptRef } from "../llm/types";
import { promptOverride } from "./overrides";
import { getPromptSpec, promptTemplatePath, type PromptSpec } from "./registry";
import { activeParts, parseTemplate, PromptTemplateError, templateVariables, type VariableValue } from "./template";

export interface RenderOptions {
  /** Template text per prompt id, for this call only; wins over setPromptOverride. */
  overrides?: Record<string, string>;
  /**
   * The template to use, from promptTemplate(id, options) (its id must match): a stage rendering thousands of
   * prompts resolves its template once, so the whole stage uses one version of it.
   */
  template?: PromptTemplate;
}

export interface RenderedPrompt {
  messages: ChatMessage[];
  prompt: PromptRef;
  /** The rendered prompt text (the user message). */
  text: string;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface PromptTemplate {
  spec: PromptSpec;
  text: string;
  prompt: PromptRef;
  overridden: boolean;
}

const templateFiles = new Map<string, { text: string; mtimeMs: number; size: number }>();
const textHashes = new Map<string, string>();
const textsByHash = new Map<string, string>();

/** The template file's text, read again only when its size or mtime changed (an edit is seen by the next render). */
function templateFileText(path: string): string {
  const known = templateFiles.get(path);
  const stat = statSync(path);
  if (known && stat.mtimeMs === known.mtimeMs && stat.size === known.size) return known.text;
  const text = readFileSync(path, "utf8");
  templateFiles.set(path, { text, mtimeMs: stat.mtimeMs, size: stat.size });
  return text;
}

function hashOfText(text: string): string {
  let known = textHashes.get(text);
  if (known === undefined) {
    if (textHashes.size > 1000) {
      textHashes.clear();
      textsByHash.clear();
    }
    known = sha256Hex(text);
    textHashes.set(text, known);
    textsByHash.set(known, text);
  }
  return known;
}

/**
 * The template text whose sha256 is `hash` (a PromptRef's hash), when this process has resolved that template
 * (promptTemplate, renderPrompt); else undefined. A hash names a text, it carries nothing else: the offline
 * simulator uses this to read a reworded template's variables back from the rendered prompt.
 */
export function templateTextForHash(hash: string): string | undefined {
  return textsByHash.get(hash);
}

/** The template text in force for a prompt id right now: an override, else the file on disk (see templateFileText). */
export function promptTemplate(id: string, options: RenderOptions = {}): PromptTemplate {
  const spec = getPromptSpec(id);
  const override = options.overrides?.[id] ?? promptOverride(id);
  const text = override ?? templateFileText(promptTemplatePath(id));
  const overridden = override !== undefined;
  return {
    spec,
    text,
    overridden,
    prompt: { id, version: overridden ? `${spec.version}+override` : spec.version, hash: hashOfText(text) },
  };
}

const parsedTemplates = new Map<string, { tokens: ReturnType<typeof parseTemplate>; used: ReturnType<typeof templateVariables> }>();

/** Tokens and variables of a template text, parsed once per distinct text (and prompt id, which errors name). */
function parsedTemplate(text: string, id: string) {
  const memoKey = `${id}\u0000${text}`;
  let known = parsedTemplates.get(memoKey);
  if (!known) {
    if (parsedTemplates.size > 1000) parsedTemplates.clear();
    const tokens = parseTemplate(text, id);
    known = { tokens, used: templateVariables(tokens) };
    parsedTemplates.set(memoKey, known);
  }
  return known;
}

function checkSwitch(id: string, spec: PromptSpec, name: string, kind: "flag" | "choice", value: VariableValue | undefined): void {
  if (value === undefined) throw new PromptTemplateError(id, `missing variable "${name}"`, { missing: [name] });
  const declared = spec.variables.find((variable) => variable.name === name);
  if (kind === "flag" && typeof value !== "boolean") {
    throw new PromptTemplateError(id, `variable "${name}" switches a section and must be true or false, got ${JSON.stringify(value)}`);
  }
  if (kind === "choice") {
    const choices = declared?.choices;
    if (typeof value !== "string" || (choices && !choices.includes(value))) {
      throw new PromptTemplateError(id, `variable "${name}" must be one of ${(choices ?? []).join(", ")}, got ${JSON.stringify(value)}`);
    }
  }
}

/**
 * Renders a registered prompt. Fails with PromptTemplateError when a variable the active template needs is
 * missing, when a given variable is not used by the active template (including one that only appears in a
 * switched-off section), or when a section switch has the wrong type. Registry defaults fill absent variables
 * and are never "unused".
 */
export function renderPrompt(
  id: string,
  variables: Record<string, VariableValue | undefined>,
  options: RenderOptions = {},
): RenderedPrompt {
  const template = options.template?.prompt.id === id ? options.template : promptTemplate(id, options);
  const { spec } = template;
  const { tokens, used } = parsedTemplate(template.text, id);

  const given = Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== undefined));
  const values: Record<string, VariableValue | undefined> = {};
  for (const variable of spec.variables) if (variable.default !== undefined) values[variable.name] = variable.default;
  Object.assign(values, given);

  for (const [name, entry] of used.switches) checkSwitch(id, spec, name, entry.kind, values[name]);

  const parts = activeParts(tokens, values);
  const needed = new Set(parts.filter((part) => part.type === "variable").map((part) => (part as { name: string }).name));
  const missing = [...needed].filter((name) => values[name] === undefined);
  const unused = Object.keys(given).filter((name) => !needed.has(name) && !used.switches.has(name));
  if (missing.length || unused.length) {
    const message = [
      missing.length ? `missing variable(s) ${missing.map((name) => `"${name}"`).join(", ")}` : "",
      unused.length ? `unused variable(s) ${unused.map((name) => `"${name}"`).join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    throw new PromptTemplateError(id, message, { missing, unused });
  }
  for (const name of needed) {
    const value = values[name];
    if (typeof value === "boolean") throw new PromptTemplateError(id, `variable "${name}" is text, got a boolean`);
  }

  const text = parts
    .map((part) => (part.type === "text" ? part.text : String(values[part.name])))
    .join("")
    // trimEnd strips the same characters as /\s+$/, without the regex scan of every whitespace run.
    .trimEnd();
  return { messages: [{ role: "user", content: text }], prompt: template.prompt, text };
}
