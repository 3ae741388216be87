import { UsageError } from "../errors";
import { createAdapter, isProviderName, type CreateAdapterOptions } from "../llm/create-model";
import { defaultProvider } from "../llm/environment";
import { allModels } from "../llm/model-registry";
import { withCache, type CachedModelAdapter } from "../llm/cache/cached-adapter";
import { ResponseCache, type CacheMode } from "../llm/cache/response-cache";
import { Ledger } from "../llm/runner/ledger";
import type { ModelAdapter, ProviderName } from "../llm/types";
import type { ModelChoice } from "./types";
import type { SimAdapter } from "../sim/index";

function isSimAdapter(adapter: ModelAdapter): adapter is SimAdapter {
  return adapter.provider === "sim" && typeof (adapter as Partial<SimAdapter>).modelId === "string";
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
  close(): void;
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
  // The generic "sim" model id becomes the simulator's versioned id (version, seed, truth hash), so that cache
  // keys, run records and tables never mix answers of different simulator versions, seeds or ground truths.
  const model = chosen.provider === "sim" && chosen.model === "sim" && isSimAdapter(adapter) ? { ...chosen, model: adapter.modelId } : chosen;
  if (adapter.provider !== model.provider) {
    throw new UsageError(`the adapter is for provider "${adapter.provider}" but the model choice says "${model.provider}"`);
  }
  const cache = new ResponseCache({ path: options.cachePath, mode: options.cacheMode ?? "read-write" });
  const cached = withCache(adapter, cache);
  return {
    model,
    simulated: model.provider === "sim",
    cache,
    adapter: cached,
    ledger: new Ledger(),
    seed: options.seed ?? 1,
    close: () => cache.close(),
  };
}
