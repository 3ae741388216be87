import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { parseJsonData } from "../data/validate";
import { DataError } from "../errors";
import { libraryAsset } from "../paths";

/**
 * The prompt registry (lib/prompts/registry.json): which templates exist, their variables, and the shape of
 * the answer they ask for. Read from disk and validated with zod; re-read when the file changes so a notebook
 * that edits it sees the change on the next call.
 */

const variableSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  /** text: substituted; flag: boolean switching {{#name}} sections; choice: one of choices, switching {{#name=value}} sections. */
  kind: z.enum(["text", "flag", "choice"]),
  choices: z.array(z.string().min(1)).optional(),
  default: z.union([z.string(), z.boolean()]).optional(),
  description: z.string(),
});

const promptSpecSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.string().regex(/^v\d+$/),
  file: z.string().min(1),
  source: z.string(),
  notes: z.string().optional(),
  variables: z.array(variableSchema),
  output: z.object({ shape: z.enum(["text", "json"]), parser: z.string() }),
  schema: z.record(z.string(), z.unknown()).optional(),
});

const registrySchema = z.object({
  prompts: z.array(promptSpecSchema).min(1),
  definitions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export type PromptVariableSpec = z.infer<typeof variableSchema>;
export type PromptSpec = z.infer<typeof promptSpecSchema>;

let cached: { path: string; mtimeMs: number; specs: Map<string, PromptSpec> } | undefined;

export function registryPath(): string {
  return libraryAsset("prompts", "registry.json");
}

function resolveReferences(value: unknown, definitions: Record<string, Record<string, unknown>>): unknown {
  if (Array.isArray(value)) return value.map((entry) => resolveReferences(entry, definitions));
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === "string" && record.$ref.startsWith("#/definitions/")) {
      const name = record.$ref.slice("#/definitions/".length);
      const target = definitions[name];
      if (!target) throw new DataError(`unknown schema reference ${record.$ref}`, { file: registryPath(), field: "$ref" });
      return resolveReferences(target, definitions);
    }
    return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, resolveReferences(entry, definitions)]));
  }
  return value;
}

/** Parses and validates registry JSON text; exported for tests. */
export function parsePromptRegistry(text: string, file = "registry.json"): Map<string, PromptSpec> {
  const registry = parseJsonData(registrySchema, text, file);
  const definitions = registry.definitions ?? {};
  const specs = new Map<string, PromptSpec>();
  for (const spec of registry.prompts) {
    if (specs.has(spec.id)) throw new DataError("duplicate prompt id", { file, record: spec.id, field: "id" });
    const names = new Set<string>();
    for (const variable of spec.variables) {
      if (names.has(variable.name)) throw new DataError(`duplicate variable ${variable.name}`, { file, record: spec.id, field: "variables" });
      names.add(variable.name);
      if (variable.kind === "choice" && !variable.choices?.length) {
        throw new DataError(`choice variable ${variable.name} lists no choices`, { file, record: spec.id, field: "variables" });
      }
      if (variable.default !== undefined) {
        const ok =
          variable.kind === "flag"
            ? typeof variable.default === "boolean"
            : variable.kind === "choice"
              ? typeof variable.default === "string" && variable.choices!.includes(variable.default)
              : typeof variable.default === "string";
        if (!ok) throw new DataError(`bad default for ${variable.name}`, { file, record: spec.id, field: "variables" });
      }
    }
    const schema = spec.schema ? (resolveReferences(spec.schema, definitions) as Record<string, unknown>) : undefined;
    specs.set(spec.id, { ...spec, schema });
  }
  return specs;
}

function loadRegistry(): Map<string, PromptSpec> {
  const path = registryPath();
  const mtimeMs = statSync(path).mtimeMs;
  if (cached && cached.path === path && cached.mtimeMs === mtimeMs) return cached.specs;
  const specs = parsePromptRegistry(readFileSync(path, "utf8"), path);
  cached = { path, mtimeMs, specs };
  return specs;
}

/** Every prompt of the registry (lib/prompts/registry.json): id, version, template file, the paper's figure. */
export function listPrompts(): PromptSpec[] {
  return [...loadRegistry().values()];
}

export function hasPrompt(id: string): boolean {
  return loadRegistry().has(id);
}

export function getPromptSpec(id: string): PromptSpec {
  const spec = loadRegistry().get(id);
  if (!spec) {
    throw new DataError(`unknown prompt id "${id}"; known: ${[...loadRegistry().keys()].join(", ")}`, {
      file: registryPath(),
      record: id,
    });
  }
  return spec;
}

/** The template file of a prompt, absolute. */
export function promptTemplatePath(id: string): string {
  return libraryAsset("prompts", getPromptSpec(id).file);
}

/**
 * A structured-output spec for providers that support it. OpenAI-style structured output requires an object
 * at the root, so prompts whose answer is a JSON list get none (they are parsed tolerantly instead).
 */
export function promptJsonSchema(id: string): { name: string; schema: Record<string, unknown> } | undefined {
  const spec = getPromptSpec(id);
  if (spec.output.shape !== "json" || !spec.schema || spec.schema.type !== "object") return undefined;
  return { name: spec.id.replace(/-/g, "_"), schema: spec.schema };
}
