import { UsageError } from "../errors";
import type { ProviderName } from "../llm/types";
import { hasProvider } from "./registry";

/** One model of an analysis: its provider and the provider's id for it. */
export interface ModelSpec {
  provider: ProviderName;
  model: string;
}

/**
 * `provider:model` (e.g. `anthropic:claude-3-5-haiku-20241022`) or a bare model id for `defaultProvider`. The
 * prefix is split off only when it names a registered provider, because Ollama ids such as `llama3.1:8b` contain a colon.
 */
export function parseModelSpec(text: string, defaultProvider: ProviderName | undefined, source = "--model"): ModelSpec | { provider: undefined; model: string } {
  const trimmed = text.trim();
  if (!trimmed) throw new UsageError(`${source} must not be empty`);
  const colon = trimmed.indexOf(":");
  const prefix = colon > 0 ? trimmed.slice(0, colon) : "";
  if (prefix && hasProvider(prefix)) {
    const model = trimmed.slice(colon + 1);
    if (!model) throw new UsageError(`${source} "${text}" names no model after "${prefix}:"`);
    return { provider: prefix, model };
  }
  return { provider: defaultProvider, model: trimmed } as ModelSpec | { provider: undefined; model: string };
}

/** "openai:gpt-4o-mini": how a model is written on the command line and in run records. */
export function formatModelSpec(spec: ModelSpec): string {
  return `${spec.provider}:${spec.model}`;
}

/** Several `--model` values; the same model twice is a usage error (its results would be one group). */
export function parseModelSpecs(texts: readonly string[], defaultProvider: ProviderName | undefined, source = "--model"): Array<ModelSpec | { provider: undefined; model: string }> {
  const specs = texts.map((text) => parseModelSpec(text, defaultProvider, source));
  const seen = new Set<string>();
  for (const spec of specs) {
    const key = `${spec.provider ?? ""}:${spec.model}`;
    if (seen.has(key)) throw new UsageError(`${source} ${spec.provider ? `${spec.provider}:` : ""}${spec.model} is given twice`);
    seen.add(key);
  }
  return specs;
}
