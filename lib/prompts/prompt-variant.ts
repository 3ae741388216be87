import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { UsageError } from "../errors";
import { getPromptSpec, hasPrompt, listPrompts } from "./registry";
import { promptTemplate } from "./render-prompt";
import { parseTemplate, templateVariables } from "./template";
import { readTextFile } from "../files/read-text-file";

/**
 * Prompt variants: a name plus template overrides. Every result of a variant records the name and the id,
 * version and hash of every prompt in force (VariantRecord); the paper's prompts are the variant "paper".
 */

/** The paper's prompts, as the template files in lib/prompts/templates give them. */
export const PAPER_VARIANT = "paper";

/** A template override: its text, or a file holding it. */
export type PromptOverrideSource = string | { file: string };

export interface PromptVariant {
  name: string;
  /** Template text per prompt id (files already read). */
  overrides: Record<string, string>;
}

/** What a result records about its prompts: summary.json's `variant`. */
export interface VariantRecord {
  name: string;
  prompts: Record<string, { version: string; hash: string }>;
}

// "+" joins the parts of an answer condition's name ("options-reversed+wording-paraphrase-1", conditionName).
const NAME = /^[a-z0-9][a-z0-9._+-]{0,127}$/i;

export function checkVariantName(name: string): string {
  if (!NAME.test(name)) {
    throw new UsageError(`variant name "${name}" must be 1-128 letters, digits, ".", "_", "+" or "-" (it names the export folder)`);
  }
  return name;
}

/**
 * Checks an override before anything runs: a known prompt id, a template that parses, and no variable the
 * prompt does not declare (a typo would otherwise fail only when the first call renders).
 */
export function checkPromptOverride(id: string, text: string, where = `prompt "${id}"`): void {
  if (!hasPrompt(id)) throw new UsageError(`${where}: unknown prompt id; known: ${listPrompts().map((spec) => spec.id).join(", ")}`);
  const spec = getPromptSpec(id);
  const used = templateVariables(parseTemplate(text, id));
  const declared = new Set(spec.variables.map((variable) => variable.name));
  const unknown = [...used.text, ...used.switches.keys()].filter((name) => !declared.has(name));
  if (unknown.length) {
    throw new UsageError(`${where}: the template uses ${unknown.map((name) => `{{${name}}}`).join(", ")}, which "${id}" does not have; its variables: ${[...declared].join(", ")}`);
  }
}

function readOverride(id: string, source: PromptOverrideSource): string {
  if (typeof source === "string") return source;
  const path = resolve(source.file);
  return readTextFile(path, `template file of prompt "${id}"`);
}

/** A named variant from overrides given as text or { file }; checked at once. "paper" takes no overrides. */
export function promptVariant(name: string, overrides: Record<string, PromptOverrideSource> = {}): PromptVariant {
  checkVariantName(name);
  const texts: Record<string, string> = {};
  for (const [id, source] of Object.entries(overrides)) {
    const text = readOverride(id, source);
    checkPromptOverride(id, text);
    texts[id] = text;
  }
  if (name === PAPER_VARIANT && Object.keys(texts).length) {
    throw new UsageError(`"${PAPER_VARIANT}" names the paper's prompts; give a variant with changed prompts another name (e.g. --variant reworded)`);
  }
  return { name, overrides: texts };
}

/** `--prompt ID=FILE` arguments as overrides (files read, templates checked). */
export function parsePromptAssignments(assignments: readonly string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const assignment of assignments) {
    const split = assignment.indexOf("=");
    if (split <= 0 || split === assignment.length - 1) throw new UsageError(`--prompt takes ID=FILE (e.g. answer-statement=reworded.md), got "${assignment}"`);
    const id = assignment.slice(0, split).trim();
    if (overrides[id] !== undefined) throw new UsageError(`--prompt ${id} is given twice`);
    const text = readOverride(id, { file: assignment.slice(split + 1).trim() });
    checkPromptOverride(id, text, `--prompt ${id}`);
    overrides[id] = text;
  }
  return overrides;
}

/** The template text in force for a prompt, changed by `change`: `pt.prompts.edit("answer-statement", (t) => t.replace(...))`. */
export function editPrompt(id: string, change: (text: string) => string): string {
  const text = change(promptTemplate(id).text);
  if (typeof text !== "string") throw new UsageError(`prompts.edit("${id}", ...): the function must return the new template text`);
  checkPromptOverride(id, text);
  return text;
}

/** A short, stable name for overrides given without one ("custom-1a2b3c4d"), so they never pass for the paper's. */
export function unnamedVariantName(overrides: Record<string, string>): string {
  const canonical = JSON.stringify(Object.entries(overrides).sort(([a], [b]) => a.localeCompare(b)));
  return `custom-${createHash("sha256").update(canonical).digest("hex").slice(0, 8)}`;
}

/**
 * The record of the prompts in force for a question (its `prompts`, from lib/questions; every registered prompt
 * when none are given): id,
 * version ("v1", or "v1+override") and sha256 of the text. Overrides of prompts the question does not use are
 * recorded too. The name defaults to "paper" when nothing is overridden, else to unnamedVariantName.
 */
export function variantRecord(options: { name?: string; overrides?: Record<string, string>; prompts?: readonly string[] } = {}): VariantRecord {
  const overrides = options.overrides ?? {};
  const ids = options.prompts ? [...options.prompts] : listPrompts().map((spec) => spec.id);
  for (const id of Object.keys(overrides)) if (!ids.includes(id)) ids.push(id);
  const prompts: VariantRecord["prompts"] = {};
  let overridden = false;
  for (const id of ids) {
    const template = promptTemplate(id, { overrides });
    overridden ||= template.overridden;
    prompts[id] = { version: template.prompt.version, hash: template.prompt.hash };
  }
  const name = options.name ?? (overridden ? unnamedVariantName(Object.fromEntries(ids.map((id) => [id, prompts[id].hash]))) : PAPER_VARIANT);
  checkVariantName(name);
  if (name === PAPER_VARIANT && overridden) {
    const changed = ids.filter((id) => prompts[id].version.includes("+override"));
    throw new UsageError(`"${PAPER_VARIANT}" names the paper's prompts, but ${changed.join(", ")} ${changed.length > 1 ? "are" : "is"} overridden; name the variant (e.g. "reworded")`);
  }
  return { name, prompts };
}

/** The prompts of a record whose text is not the template file's ("answer-statement v1+override 3f2a1b0c"). */
export function changedPrompts(record: VariantRecord): string[] {
  return Object.entries(record.prompts)
    .filter(([, prompt]) => prompt.version.includes("+override"))
    .map(([id, prompt]) => `${id} ${prompt.version} ${prompt.hash.slice(0, 8)}`);
}

/** One line naming a variant and its prompts, for captions and footnotes. */
export function describeVariant(record: VariantRecord, options: { short?: boolean } = {}): string {
  const changed = changedPrompts(record);
  if (options.short) return `Prompt variant "${record.name}"${changed.length ? `: ${changed.join("; ")}; other prompts as in the paper` : ""}`;
  const all = Object.entries(record.prompts).map(([id, prompt]) => `${id} ${prompt.version} (sha256 ${prompt.hash.slice(0, 12)})`);
  return `Prompt variant "${record.name}": ${all.join(", ")}.`;
}

/** The compact per-row form of a record: "answer-statement@v1+override:3f2a1b0c9d8e;describe-traits@v1:..." (no "#", which CSV readers may take for a comment). */
export function promptsColumn(record: VariantRecord): string {
  return Object.entries(record.prompts)
    .map(([id, prompt]) => `${id}@${prompt.version}:${prompt.hash.slice(0, 12)}`)
    .join(";");
}

/** `pt.prompts.edit`: the notebook spelling of editPrompt. */
export const edit = editPrompt;
