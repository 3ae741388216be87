import type { ConnectionSettings } from "../environment";
import { setupHint } from "../environment";
import { ModelCallError } from "../types";
import type { ProviderName } from "../types";

/** Fixed settings, or a function read at call time (keys in .env can be added while a kernel runs). */
export type ConnectionSource = ConnectionSettings | (() => ConnectionSettings | undefined);

export interface AdapterOptions {
  connection: ConnectionSource;
  /** Per-request timeout; the runner owns retries, so the SDK's own retries are off. */
  timeoutMs?: number;
}

export function resolveConnection(provider: ProviderName, source: ConnectionSource): ConnectionSettings {
  const settings = typeof source === "function" ? source() : source;
  if (!settings) throw new ModelCallError(`${provider} is not configured: ${setupHint(provider)}`, { retryable: false });
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
