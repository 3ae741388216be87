import { z } from "zod";
import { DataError } from "../errors";
import type { ProviderName, Usage } from "./types";
import modelsFile from "./models.json";

const priceSchema = z.object({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
});

const modelSchema = z.object({
  id: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  contextTokens: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  price: z.object({ list: priceSchema, batch: priceSchema.nullable() }),
  supports: z.object({ jsonSchema: z.boolean(), logprobs: z.boolean(), seed: z.boolean(), batch: z.boolean() }),
});

const providerSchema = z.object({ free: z.boolean(), models: z.array(modelSchema) });

const registrySchema = z.object({
  providers: z.object({ openai: providerSchema, anthropic: providerSchema, local: providerSchema, sim: providerSchema }),
});

export type ModelPrice = z.infer<typeof priceSchema>;

export interface ModelInfo extends z.infer<typeof modelSchema> {
  provider: ProviderName;
}

export type PriceMode = "list" | "batch";

let registry: z.infer<typeof registrySchema> | undefined;

function loadRegistry(): z.infer<typeof registrySchema> {
  if (registry) return registry;
  const parsed = registrySchema.safeParse(modelsFile);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(issue?.message ?? "invalid model registry", {
      file: "lib/llm/models.json",
      field: issue?.path.join("."),
    });
  }
  registry = parsed.data;
  return registry;
}

/** Every model in lib/llm/models.json, for listing in the CLI and docs. */
export function allModels(): ModelInfo[] {
  const providers = loadRegistry().providers;
  return (Object.keys(providers) as ProviderName[]).flatMap((provider) =>
    providers[provider].models.map((model) => ({ ...model, provider })),
  );
}

/** The registry entry for a model id or one of its aliases (e.g. "gpt-4o-mini-2024-07-18"). */
export function modelInfo(provider: ProviderName, model: string): ModelInfo | undefined {
  const entry = loadRegistry().providers[provider]?.models.find((candidate) => candidate.id === model || candidate.aliases.includes(model));
  return entry ? { ...entry, provider } : undefined;
}

/** Whether every model of this provider costs nothing (self-hosted "local", the simulator "sim"). */
export function isFreeProvider(provider: ProviderName): boolean {
  return loadRegistry().providers[provider]?.free ?? false;
}

/**
 * Dollars for one call's usage at list or Batch price. Undefined when the model is unknown or the
 * provider has no Batch price for it, so callers report "unknown" instead of a wrong zero.
 * Self-hosted and simulated providers cost 0 for any model id.
 */
export function priceOf(provider: ProviderName, model: string, usage: Usage, mode: PriceMode): number | undefined {
  if (isFreeProvider(provider)) return 0;
  const info = modelInfo(provider, model);
  if (!info) return undefined;
  const price = info.price[mode];
  if (!price) return undefined;
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}
