import { connectionSettings } from "../llm/environment";
import type { ConnectionSettings, EnvironmentOptions } from "../llm/environment";
import type { ProviderDefinition } from "../llm/provider-definition";
import type { ModelAdapter, ProviderName } from "../llm/types";
import type { SimAdapterOptions } from "../sim/sim-adapter";
import { defaultProvider, getProvider } from "./registry";

export interface CreateAdapterOptions extends EnvironmentOptions {
  /** Overrides the key from the environment (tests, notebooks); never stored. */
  apiKey?: string;
  /** Overrides the base URL from the environment. */
  baseURL?: string;
  /** Per-request timeout in ms (default 120 s). */
  timeoutMs?: number;
  /** Options only the chosen provider understands, passed to its createAdapter (the simulator: SimAdapterOptions). */
  providerOptions?: unknown;
  /** The simulator's options (seed, truth, model...): providerOptions under its old name. */
  simOptions?: SimAdapterOptions;
}

/**
 * Key and base URL of a provider: those given in code (tests, notebooks) win over the environment; undefined when
 * the provider needs settings and has none.
 */
export function resolveConnection(provider: ProviderDefinition, options: CreateAdapterOptions = {}): ConnectionSettings | undefined {
  const fromEnvironment = connectionSettings(provider, options);
  const apiKey = options.apiKey ?? fromEnvironment?.apiKey;
  const baseURL = options.baseURL ?? fromEnvironment?.baseURL;
  if (provider.needs === "base-url" && !baseURL) return undefined;
  if (!apiKey && !baseURL) return undefined;
  return { apiKey: apiKey ?? "not-needed", baseURL };
}

/**
 * The adapter for a provider (default: the first configured, else the simulator), built by its module. Nothing is
 * read or checked here: keys and base URLs are looked up when the first real call is made, so a run answered
 * entirely from the cache needs no key at all. An unknown name is a UsageError listing the registered ones.
 */
export function createAdapter(chosen?: ProviderName, options: CreateAdapterOptions = {}): ModelAdapter {
  const provider = getProvider(chosen ?? defaultProvider(options));
  return provider.createAdapter({
    connection: () => resolveConnection(provider, options),
    timeoutMs: options.timeoutMs,
    options: options.providerOptions ?? options.simOptions,
  });
}

/** A model ready to call: its provider module, the adapter, and the model id requests will carry. */
export interface CreatedModel {
  provider: ProviderDefinition;
  adapter: ModelAdapter;
  /** provider name and model id (a simulated model's name is resolved to the simulator's versioned id). */
  model: { provider: ProviderName; model: string };
}

/**
 * Fills in the default provider and model (the first listed in the provider's module) and builds the adapter
 * (or takes the one given, which must be for that provider). An unknown provider or model name fails here,
 * before any call.
 */
export function createModel(choice: { provider?: ProviderName; model?: string } = {}, options: CreateAdapterOptions & { adapter?: ModelAdapter } = {}): CreatedModel {
  const provider = getProvider(choice.provider ?? defaultProvider(options));
  const adapter = options.adapter ?? createAdapter(provider.name, options);
  const name = choice.model ?? provider.models[0].id;
  const model = provider.modelIdFor ? provider.modelIdFor(adapter, name) : name;
  return { provider, adapter, model: { provider: provider.name, model } };
}

export { defaultProvider };
