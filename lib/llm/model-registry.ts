import { z } from "zod";
import { DataError } from "../errors";
import type { ProviderName, Usage } from "./types";
import modelsFile from "./models.json";

const priceSchema = z.object({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
});

/**
 * Default requests/min and tokens/min (input + output) for a model: conservative lowest-paid-tier values, to be
 * replaced by the user's own account limits. A null field (or null limits) means no limit.
 */
const limitsSchema = z.object({
  requestsPerMinute: z.number().positive().nullable(),
  tokensPerMinute: z.number().positive().nullable(),
});

const modelSchema = z.object({
  id: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  contextTokens: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  price: z.object({ list: priceSchema, batch: priceSchema.nullable() }),
  /** Absent or null: unlimited (self-hosted and simulated providers). */
  limits: limitsSchema.nullable().optional(),
  supports: z.object({ jsonSchema: z.boolean(), logprobs: z.boolean(), seed: z.boolean(), batch: z.boolean() }),
});

const providerSchema = z.object({ free: z.boolean(), models: z.array(modelSchema) });

const registrySchema = z.object({
  providers: z.object({ openai: providerSchema, anthropic: providerSchema, local: providerSchema, sim: providerSchema }),
});

export type ModelPrice = z.infer<typeof priceSchema>;

/** Requests and tokens (input + output) per minute; an absent field is no limit. Same shape as the runner's ModelLimits. */
export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

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

/**
 * The default rate limits of a model from lib/llm/models.json (conservative tier defaults: set your account's
 * own limits instead). Undefined for free providers (local, sim), unknown models and models listed without
 * limits: the runner then paces only by concurrency and handles 429s by retrying.
 */
export function defaultRateLimits(provider: ProviderName, model: string): RateLimits | undefined {
  if (isFreeProvider(provider)) return undefined;
  const limits = modelInfo(provider, model)?.limits;
  if (!limits) return undefined;
  const result: RateLimits = {};
  if (limits.requestsPerMinute !== null) result.requestsPerMinute = limits.requestsPerMinute;
  if (limits.tokensPerMinute !== null) result.tokensPerMinute = limits.tokensPerMinute;
  return Object.keys(result).length ? result : undefined;
}
