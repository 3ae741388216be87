import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ChatMessage, PromptRef } from "../llm/types";
import { promptOverride } from "./overrides";
import { getPromptSpec, promptTemplatePath, type PromptSpec } from "./registry";
import { activeParts, parseTemplate, PromptTemplateError, templateVariables, type VariableValue } from "./template";

export interface RenderOptions {
  /** Template text per prompt id, for this call only; wins over setPromptOverride. */
  overrides?: Record<string, string>;
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

/** The template text in force for a prompt id right now: an override, else the file read from disk (every call). */
export function promptTemplate(id: string, options: RenderOptions = {}): PromptTemplate {
  const spec = getPromptSpec(id);
  const override = options.overrides?.[id] ?? promptOverride(id);
  const text = override ?? readFileSync(promptTemplatePath(id), "utf8");
  const overridden = override !== undefined;
  return {
    spec,
    text,
    overridden,
    prompt: { id, version: overridden ? `${spec.version}+override` : spec.version, hash: sha256Hex(text) },
  };
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
  const template = promptTemplate(id, options);
  const { spec } = template;
  const tokens = parseTemplate(template.text, id);
  const used = templateVariables(tokens);

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
    .replace(/\s+$/, "");
  return { messages: [{ role: "user", content: text }], prompt: template.prompt, text };
}
