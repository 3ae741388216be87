import type { ConnectionSettings } from "../environment";
import type { ProviderIdentity } from "../provider-definition";
import { notConfiguredError } from "./provider-failure";

/** Fixed settings, or a function read at call time (keys in .env can be added while a kernel runs). */
export type ConnectionSource = ConnectionSettings | (() => ConnectionSettings | undefined);

export interface AdapterOptions {
  connection: ConnectionSource;
  /** Which provider this adapter speaks for (name, variables, default endpoint); default: the wire format's own provider. */
  provider?: ProviderIdentity;
  /** Per-request timeout; the runner owns retries, so the SDK's own retries are off. */
  timeoutMs?: number;
}

/** The settings now; a provider with neither key nor base URL is a fatal "not-configured" error (nothing is sent). */
export function resolveConnection(provider: ProviderIdentity, source: ConnectionSource, model = "(any model)"): ConnectionSettings {
  const settings = typeof source === "function" ? source() : source;
  if (!settings) throw notConfiguredError(provider, model);
  return settings;
}

/**
 * Keeps one SDK client per (key, base URL) so connections are reused, and rebuilds it when the
 * settings change between calls.
 */
export function clientCache<Client>(build: (settings: ConnectionSettings) => Client): (settings: ConnectionSettings) => Client {
  let current: { identity: string; client: Client } | undefined;
  return (settings) => {
    const identity = `${settings.baseURL ?? ""}\u0000${settings.apiKey}`;
    if (!current || current.identity !== identity) current = { identity, client: build(settings) };
    return current.client;
  };
}
