import { UsageError } from "../errors";
import { createSimAdapter } from "../sim/index";
import type { SimAdapterOptions } from "../sim/index";
import { createAnthropicAdapter } from "./adapters/anthropic-adapter";
import { createOpenAiAdapter } from "./adapters/openai-adapter";
import { connectionSettings, defaultProvider } from "./environment";
import type { ConnectionSettings, EnvironmentOptions } from "./environment";
import type { ModelAdapter, ProviderName } from "./types";

export interface CreateAdapterOptions extends EnvironmentOptions {
  /** Overrides the key from the environment (tests, notebooks); never stored. */
  apiKey?: string;
  /** Overrides the base URL from the environment. */
  baseURL?: string;
  /** Per-request timeout in ms (default 120 s). */
  timeoutMs?: number;
  /** Passed to the simulator's createSimAdapter when provider is "sim". */
  simOptions?: SimAdapterOptions;
}

const PROVIDERS: readonly ProviderName[] = ["openai", "anthropic", "local", "sim"];

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDERS as readonly string[]).includes(value);
}

/**
 * The adapter for a provider. Nothing is read or checked here: keys and base URLs are looked up when
 * the first real call is made, so a run answered entirely from the cache needs no key at all.
 */
export function createAdapter(chosen?: ProviderName, options: CreateAdapterOptions = {}): ModelAdapter {
  const provider = chosen ?? defaultProvider(options);
  if (!isProviderName(provider)) throw new UsageError(`unknown provider "${provider}"; use one of ${PROVIDERS.join(", ")}`);
  const connection = (): ConnectionSettings | undefined => {
    const fromEnvironment = connectionSettings(provider, options);
    const apiKey = options.apiKey ?? fromEnvironment?.apiKey;
    const baseURL = options.baseURL ?? fromEnvironment?.baseURL;
    if (provider === "local" && !baseURL) return undefined;
    if (!apiKey && !baseURL) return undefined;
    return { apiKey: apiKey ?? "not-needed", baseURL };
  };
  switch (provider) {
    case "openai":
    case "local":
      return createOpenAiAdapter({ provider, connection, timeoutMs: options.timeoutMs });
    case "anthropic":
      return createAnthropicAdapter({ connection, timeoutMs: options.timeoutMs });
    case "sim":
      // Cheap to build (its utterance bank loads on first dialogue); built now so its modelId is known.
      return createSimAdapter(options.simOptions);
  }
}

export { defaultProvider };
