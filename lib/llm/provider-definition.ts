import { z } from "zod";
import type { BatchBackend } from "./batch/batch-types";
import type { ConnectionSettings } from "./environment";
import type { ModelAdapter, Usage } from "./types";

/**
 * What a provider is: a name, the environment variables it reads, its models with prices and limits (data), what
 * it can do (capabilities), and how to build its adapter and Batch client. One module per provider declares one
 * of these (lib/providers/*.ts, lib/sim/sim-provider.ts) and lib/providers/registry.ts lists them; nothing else
 * knows provider names. An OpenAI-compatible provider can be declared by a JSON file alone
 * (lib/providers/openai-compatible.ts reads it).
 */

/** Lower case, digits and dashes: it is written in `--model provider:model`, cache rows and file names. */
export const PROVIDER_NAME = /^[a-z][a-z0-9-]{0,39}$/;

const variableName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "an environment variable name (upper case, digits, _)");

export const priceSchema = z.object({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
});

/**
 * Default requests/min and tokens/min (input + output) for a model: conservative lowest-paid-tier values, to be
 * replaced by the user's own account limits. A null field (or null limits) means no limit.
 */
export const limitsSchema = z.object({
  requestsPerMinute: z.number().positive().nullable(),
  tokensPerMinute: z.number().positive().nullable(),
});

/** One model of a provider: ids, context, prices in US dollars per 1M tokens (list and Batch), default limits. */
export const providerModelSchema = z.object({
  id: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  contextTokens: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  price: z.object({ list: priceSchema, batch: priceSchema.nullable() }),
  /** Absent or null: unlimited (self-hosted and simulated providers). */
  limits: limitsSchema.nullable().optional(),
  supports: z.object({ jsonSchema: z.boolean(), logprobs: z.boolean(), seed: z.boolean(), batch: z.boolean() }),
});

/** What the provider's API can do; callers ask these instead of comparing provider names. */
export const capabilitiesSchema = z.object({
  /** Token log-probabilities (top alternatives per token). */
  logprobs: z.boolean(),
  /** Native structured output from a JSON schema. */
  jsonSchema: z.boolean(),
  /** A Batch API (createBatchClient is then defined). */
  batch: z.boolean(),
});

/** The data part of a provider: everything but the code that builds adapters. */
export const providerDeclarationSchema = z
  .object({
    /** Free text for readers of a JSON declaration; ignored. */
    $comment: z.string().optional(),
    name: z.string().regex(PROVIDER_NAME, "lower case letters, digits and dashes, starting with a letter"),
    displayName: z.string().min(1),
    /** The variables holding the key and the base URL (read from the environment, then `.env`). */
    environment: z.object({ key: variableName.optional(), baseURL: variableName.optional() }).strict(),
    /** Where calls go when no base URL is set (the SDK's public endpoint); absent for self-hosted servers. */
    defaultBaseURL: z.string().url().optional(),
    /** What must be set before a call: a key or a base URL, a base URL (self-hosted servers), or nothing (simulator). */
    needs: z.enum(["key-or-base-url", "base-url", "nothing"]),
    /** Added to the setup hint after the variable, e.g. "(e.g. http://localhost:8000/v1 for vLLM)". */
    setupNote: z.string().optional(),
    /** Every model costs nothing (self-hosted or simulated): any model id is priced 0. */
    free: z.boolean(),
    /** Answers are simulated, not from a model: outputs say SIMULATED. */
    simulated: z.boolean().optional(),
    capabilities: capabilitiesSchema,
    /** The first is the provider's default model. */
    models: z.array(providerModelSchema).min(1),
  })
  .strict();

export type ProviderDeclaration = z.infer<typeof providerDeclarationSchema>;
export type ProviderModel = z.infer<typeof providerModelSchema>;
export type ProviderCapabilities = z.infer<typeof capabilitiesSchema>;
export type ModelPrice = z.infer<typeof priceSchema>;
export type PriceMode = "list" | "batch";

/** What an adapter needs to know about its provider to name it, find its endpoint and say what to set. */
export type ProviderIdentity = Pick<ProviderDeclaration, "name" | "environment" | "defaultBaseURL" | "needs" | "setupNote">;

export interface ProviderAdapterConfig {
  /** Key and base URL, read when a call is made (undefined: not configured; the adapter then fails with the setup hint). */
  connection: () => ConnectionSettings | undefined;
  /** Per-request timeout in ms (default 120 s). */
  timeoutMs?: number;
  /** Options only this provider understands (the simulator: SimAdapterOptions). */
  options?: unknown;
}

/** A provider: its declaration plus the code that builds its adapter and, with capabilities.batch, its Batch client. */
export interface ProviderDefinition extends ProviderDeclaration {
  createAdapter(config: ProviderAdapterConfig): ModelAdapter;
  /** Only with capabilities.batch: submit, poll, collect and cancel batches (resolves the connection when called). */
  createBatchClient?(config: { connection: () => ConnectionSettings | undefined }): BatchBackend;
  /**
   * The model id a chosen name stands for, from the adapter that will answer (the simulator turns "sim" into its
   * versioned id, so caches and tables never mix simulator versions); default: the name itself. Throws a
   * UsageError for a name the provider does not have.
   */
  modelIdFor?(adapter: ModelAdapter, model: string): string;
}

/** What a researcher must set for a provider: one clause for the one-line "not configured" error. */
export function setupHint(provider: ProviderIdentity): string {
  const { key, baseURL } = provider.environment;
  const note = provider.setupNote ? ` ${provider.setupNote}` : "";
  if (provider.needs === "nothing" || (!key && !baseURL)) return `the ${provider.name} provider needs no settings`;
  if (provider.needs === "base-url" || !key) return `set ${baseURL}${note} in the environment or in .env`;
  return `set ${key}${baseURL ? ` (or ${baseURL}${note})` : note} in the environment or in .env`;
}

/** A model entry by id or alias (e.g. "gpt-4o-mini-2024-07-18"). */
export function findModel(provider: ProviderDeclaration, model: string): ProviderModel | undefined {
  return provider.models.find((candidate) => candidate.id === model || candidate.aliases.includes(model));
}

/**
 * Dollars for one call's usage at list or Batch price. Undefined when the provider or model is unknown or has no
 * Batch price, so callers report "unknown" instead of a wrong zero. Free providers cost 0 for any model id.
 */
export function priceFromDeclaration(provider: ProviderDeclaration | undefined, model: string, usage: Usage, mode: PriceMode): number | undefined {
  if (!provider) return undefined;
  if (provider.free) return 0;
  const price = findModel(provider, model)?.price[mode];
  if (!price) return undefined;
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}
