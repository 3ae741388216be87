import { UsageError } from "../errors";
import { createAdapter, isProviderName, type CreateAdapterOptions } from "../llm/create-model";
import { connectionSettings, defaultProvider, type ConnectionSettings } from "../llm/environment";
import { allModels, defaultRateLimits } from "../llm/model-registry";
import { withCache, type CachedModelAdapter } from "../llm/cache/cached-adapter";
import { ResponseCache, type CacheMode } from "../llm/cache/response-cache";
import { Ledger } from "../llm/runner/ledger";
import { limitKey, limitsFor, type LimitTable, type ModelLimits } from "../llm/runner/rate-limiter";
import type { BatchModeOptions } from "../llm/runner/run-batch";
import type { RunMode } from "../llm/runner/run-types";
import type { ModelAdapter, ProviderName } from "../llm/types";
import type { ModelChoice, PipelineLimits } from "./types";
/** An adapter that turns a short model name into the versioned id its requests use (the simulator's modelIdFor). */
interface VersionedModelIds {
  modelIdFor(model: string): string;
}

function hasVersionedModelIds(adapter: ModelAdapter): adapter is ModelAdapter & VersionedModelIds {
  return typeof (adapter as Partial<VersionedModelIds>).modelIdFor === "function";
}

/** Printed (CLI) and shown (notebooks) whenever results come from the offline simulator. */
export const SIMULATED_BANNER = "SIMULATED (sim provider, no model was called)";

export interface PipelineContextOptions {
  /** Default: defaultProvider() (sim when nothing is configured) and the first model listed for it in lib/llm/models.json. */
  model?: Partial<ModelChoice>;
  /** Default "read-write". */
  cacheMode?: CacheMode;
  /** SQLite file of the response cache; default <cacheDirectory()>/llm-cache.sqlite ($PERSONA_TALKS_CACHE). */
  cachePath?: string;
  /** Use this adapter instead of createAdapter(provider) (tests); it is still wrapped by the cache. */
  adapter?: ModelAdapter;
  /** Passed to createAdapter (apiKey, baseURL, simOptions...). */
  adapterOptions?: CreateAdapterOptions;
  /** Seed of the runner's retry jitter; default 1. */
  seed?: number;
  /** Calls in flight at once for every stage run in this context; default 8. */
  concurrency?: number;
  /**
   * Rate limits (see PipelineLimits); default: the model's tier defaults from lib/llm/models.json (none for
   * local and sim). Set them to your account's limits.
   */
  limits?: PipelineLimits;
  /** "batch": every stage goes through the provider's Batch API (see StageOptions.mode); default "online". */
  mode?: RunMode;
  /** Batch mode: seconds between status checks (default 30 s) and the largest batch (default: the provider's). */
  batch?: { pollIntervalMs?: number; maxRequestsPerBatch?: number };
}

/** One cache, one cached adapter and one ledger shared by every stage of a notebook or CLI run. */
export interface PipelineContext {
  readonly model: ModelChoice;
  readonly simulated: boolean;
  readonly cache: ResponseCache;
  readonly adapter: CachedModelAdapter;
  /** Tokens and dollars of every stage run in this context. */
  readonly ledger: Ledger;
  readonly seed: number;
  /** Default calls in flight of the stages run in this context. */
  readonly concurrency: number;
  /** Default rate limits of the stages (runner LimitTable keyed "provider:model"; empty = unlimited). */
  readonly limits: LimitTable;
  /** The mode the stages use (online when Batch mode was asked for on sim; see notes). */
  readonly mode: RunMode;
  /** Things a user should know about how this context runs (e.g. Batch mode asked for on sim). */
  readonly notes: string[];
  /**
   * Settings for the runner's Batch mode (connection from adapterOptions when they name a key or base URL,
   * else the environment at submission time). A function, so the key never shows in a printed context.
   */
  batchOptions(): BatchModeOptions;
  close(): void;
}

export const DEFAULT_CONCURRENCY = 8;

const LIMIT_FIELDS = ["requestsPerMinute", "tokensPerMinute", "burstRequests", "burstTokens"] as const;

function isModelLimits(value: ModelLimits | LimitTable): value is ModelLimits {
  return Object.keys(value).every((key) => (LIMIT_FIELDS as readonly string[]).includes(key));
}

/** Drops zero fields (0 = no limit) after checking every field is a number >= 0. */
function cleanLimits(limits: ModelLimits, where: string): ModelLimits {
  const clean: ModelLimits = {};
  for (const field of LIMIT_FIELDS) {
    const value = limits[field];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new UsageError(`limits${where}.${field} must be a number >= 0 (0 = no limit), got ${JSON.stringify(value)}`);
    }
    if (value > 0) clean[field] = value;
  }
  return clean;
}

/**
 * The runner's limit table for a model: the model's defaults from lib/llm/models.json, replaced field by field by
 * `override` (the model's own limits, or a table whose entry for the model is used), 0 switching a limit off;
 * `false` means no limits. Other entries of an override table are kept for other models.
 */
export function resolveLimits(model: ModelChoice, override?: PipelineLimits): LimitTable {
  if (override === false) return {};
  const key = limitKey(model.provider, model.model);
  const defaults: ModelLimits = defaultRateLimits(model.provider, model.model) ?? {};
  if (override === undefined) return Object.keys(defaults).length ? { [key]: defaults } : {};
  if (isModelLimits(override)) return { [key]: cleanLimits({ ...defaults, ...override }, "") };
  const table: LimitTable = {};
  for (const [entry, limits] of Object.entries(override)) table[entry] = cleanLimits(limits, `["${entry}"]`);
  const forModel = limitsFor(override, model.provider, model.model);
  const merged = cleanLimits({ ...defaults, ...(forModel ?? {}) }, `["${key}"]`);
  if (forModel || Object.keys(merged).length) table[key] = merged;
  return table;
}

/** Batch mode needs a provider with a Batch API and the cache; sim runs online instead, with a note. */
export function resolveRunMode(provider: ProviderName, requested: RunMode = "online", cacheMode: CacheMode = "read-write"): { mode: RunMode; note?: string } {
  if (requested === "online") return { mode: "online" };
  if (requested !== "batch") throw new UsageError(`mode must be "online" or "batch", got ${JSON.stringify(requested)}`);
  if (provider === "sim") {
    return {
      mode: "online",
      note: "Batch mode was asked for on the sim provider, which has no Batch API (and costs nothing): the calls run online; the answers are the same.",
    };
  }
  if (provider === "local") {
    throw new UsageError("Batch mode needs a provider with a Batch API (openai or anthropic); an OpenAI-compatible local server has none: run it online (drop --batch / mode \"batch\")");
  }
  if (cacheMode === "off") {
    throw new UsageError("Batch mode keeps its results and batch ids in the response cache, so it cannot run with the cache off (use --cache read-write)");
  }
  return { mode: "batch" };
}

/** One line per model: "openai:gpt-4o-mini 500 requests/min, 200000 tokens/min", or "no rate limits". */
export function describeLimits(limits: LimitTable): string {
  const entries = Object.entries(limits).map(([key, value]) => {
    const parts = [
      value.requestsPerMinute ? `${value.requestsPerMinute} requests/min` : "",
      value.tokensPerMinute ? `${value.tokensPerMinute} tokens/min` : "",
    ].filter(Boolean);
    return `${key} ${parts.length ? parts.join(", ") : "unlimited"}`;
  });
  return entries.length ? entries.join("; ") : "no rate limits";
}

function checkConcurrency(value: number | undefined): number {
  const concurrency = value ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`concurrency must be a whole number >= 1, got ${concurrency}`);
  return concurrency;
}

/** The key and base URL given in code (tests, notebooks) win over the environment, as in createAdapter. */
function batchConnection(provider: ProviderName, options: CreateAdapterOptions | undefined): ConnectionSettings | undefined {
  if (!options?.apiKey && !options?.baseURL) return undefined;
  const fromEnvironment = connectionSettings(provider, options);
  return { apiKey: options.apiKey ?? fromEnvironment?.apiKey ?? "not-needed", baseURL: options.baseURL ?? fromEnvironment?.baseURL };
}

/** The model listed first for a provider in lib/llm/models.json ("sim" for the simulator). */
export function defaultModelFor(provider: ProviderName): string {
  const found = allModels().find((entry) => entry.provider === provider);
  if (!found) throw new UsageError(`no model listed for provider "${provider}" in lib/llm/models.json; pass a model id`);
  return found.id;
}

/** Fills in the default provider and model. */
export function resolveModel(model: Partial<ModelChoice> = {}): ModelChoice {
  const provider = model.provider ?? defaultProvider();
  if (!isProviderName(provider)) throw new UsageError(`unknown provider "${String(provider)}"; use sim, openai, anthropic or local`);
  return { provider, model: model.model ?? defaultModelFor(provider) };
}

export function createPipelineContext(options: PipelineContextOptions = {}): PipelineContext {
  const chosen = resolveModel(options.model);
  const adapter = options.adapter ?? createAdapter(chosen.provider, options.adapterOptions);
  // A simulated model's name ("sim", "llama-like", see SIM_MODELS) becomes the simulator's versioned id (version,
  // model, seed, truth hash), so that cache keys, run records and tables never mix answers of different simulator
  // versions, simulated models, seeds or ground truths. An unknown name fails here, before any call.
  const model = chosen.provider === "sim" && hasVersionedModelIds(adapter) ? { ...chosen, model: adapter.modelIdFor(chosen.model) } : chosen;
  if (adapter.provider !== model.provider) {
    throw new UsageError(`the adapter is for provider "${adapter.provider}" but the model choice says "${model.provider}"`);
  }
  const cacheMode = options.cacheMode ?? "read-write";
  const concurrency = checkConcurrency(options.concurrency);
  const limits = resolveLimits(model, options.limits);
  const { mode, note } = resolveRunMode(model.provider, options.mode, cacheMode);
  const cache = new ResponseCache({ path: options.cachePath, mode: cacheMode });
  const cached = withCache(adapter, cache);
  const adapterOptions = options.adapterOptions;
  const batch = options.batch;
  return {
    model,
    simulated: model.provider === "sim",
    cache,
    adapter: cached,
    ledger: new Ledger(),
    seed: options.seed ?? 1,
    concurrency,
    limits,
    mode,
    notes: note ? [note] : [],
    batchOptions: () => ({
      cache,
      connection: batchConnection(model.provider, adapterOptions),
      pollIntervalMs: batch?.pollIntervalMs,
      maxRequestsPerBatch: batch?.maxRequestsPerBatch,
    }),
    close: () => cache.close(),
  };
}
