import type { ConnectionSettings } from "../environment";
import { setupHint, type ProviderIdentity } from "../provider-definition";
import { ModelCallError } from "../types";

/** "host:port" of the endpoint a provider's calls go to (the port spelled out even when it is the default). */
export function endpointOf(provider: ProviderIdentity, baseURL: string | undefined): string | undefined {
  const url = baseURL ?? provider.defaultBaseURL;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === "http:" ? "80" : "443");
    return `${parsed.hostname}:${port}`;
  } catch {
    return url;
  }
}

/**
 * OpenAI-compatible servers (the OpenAI wire adapter says so with `servesUnderV1`) answer under /v1 and the OpenAI SDK appends only the endpoint (chat/completions), so a
 * base URL without /v1 (http://localhost:8000) gets 404 for every call: say which URL to try instead.
 */
function missingV1Hint(baseURL: string | undefined): string {
  if (!baseURL) return "";
  try {
    const url = new URL(baseURL);
    if (/\/v1\/?$/.test(url.pathname)) return "";
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1`;
    return ` (the base URL does not end in /v1: try ${url.href.replace(/\/$/, "")})`;
  } catch {
    return "";
  }
}

/** The error for a provider with neither key nor base URL: fatal, and no request is sent. */
export function notConfiguredError(provider: ProviderIdentity, model: string): ModelCallError {
  const endpoint = endpointOf(provider, undefined);
  return new ModelCallError(`${provider.name} ${model}${endpoint ? ` (${endpoint})` : ""} is not configured: ${setupHint(provider)}`, {
    retryable: false,
    kind: "not-configured",
  });
}

/**
 * Rewrites a run-stopping failure (refused key, unknown model, unreachable server) as one line naming the
 * provider, model, host:port and the variable to check; other failures are returned unchanged.
 */
export function describeProviderFailure(
  error: ModelCallError,
  provider: ProviderIdentity,
  model: string,
  settings: ConnectionSettings,
  wire: { servesUnderV1?: boolean } = {},
): ModelCallError {
  const variables = provider.environment;
  if (provider.needs === "nothing") return error;
  const name = provider.name;
  const endpoint = endpointOf(provider, settings.baseURL) ?? "(no endpoint)";
  const where = `${name} ${model} at ${endpoint}`;
  const detail = error.message.replace(new RegExp(`^${name}: `), "");
  let message: string | undefined;
  switch (error.kind) {
    case "auth":
      message = `${where}: the key was refused (${detail}); check ${variables.key ?? variables.baseURL}`;
      break;
    case "unknown-model":
      message = `${where}: no such model or endpoint (${detail}); check --model and ${variables.baseURL}${wire.servesUnderV1 ? missingV1Hint(settings.baseURL) : ""}`;
      break;
    case "unreachable":
      message = `${name} ${model}: cannot reach ${endpoint} (${detail}); check ${variables.baseURL} and that the server is running`;
      break;
  }
  if (!message) return error;
  return new ModelCallError(message, { status: error.status, retryable: error.retryable, kind: error.kind, cause: error });
}
