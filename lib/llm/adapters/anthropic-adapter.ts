import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import type { ConnectionSettings } from "../environment";
import type { ProviderIdentity } from "../provider-definition";
import type { CallOptions, Completion, ModelAdapter, ModelRequest } from "../types";
import { ModelCallError } from "../types";
import { anthropicMessagesBody, completionFromAnthropicBody } from "./anthropic-request";
import { clientCache, resolveConnection } from "./connection";
import type { AdapterOptions } from "./connection";
import { normalizeSdkError } from "./normalize-error";
import { describeProviderFailure } from "./provider-failure";

const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

/** The provider this wire format speaks for when the options name none: Anthropic's public API. */
const ANTHROPIC_WIRE: ProviderIdentity = { name: "anthropic", environment: {}, defaultBaseURL: "https://api.anthropic.com", needs: "key-or-base-url" };

export interface AnthropicAdapter extends ModelAdapter {
  client(): Anthropic;
  secrets(): string[];
}

export function anthropicClient(settings: ConnectionSettings, timeoutMs?: number, defaultBaseURL = ANTHROPIC_WIRE.defaultBaseURL): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    // Explicit so the SDK neither reads ANTHROPIC_BASE_URL itself nor lets a local profile redirect calls.
    baseURL: settings.baseURL ?? defaultBaseURL,
    maxRetries: 0,
    timeout: timeoutMs ?? 120_000,
  });
}

export function createAnthropicAdapter(options: AdapterOptions): AnthropicAdapter {
  const identity = options.provider ?? ANTHROPIC_WIRE;
  const provider = identity.name;
  const clientFor = clientCache((settings) => anthropicClient(settings, options.timeoutMs, identity.defaultBaseURL));
  const settings = (model?: string) => resolveConnection(identity, options.connection, model);

  async function complete(request: ModelRequest, callOptions?: CallOptions): Promise<Completion> {
    if (request.provider !== provider) {
      throw new ModelCallError(`request for provider ${request.provider} sent to the ${provider} adapter`, { retryable: false });
    }
    const connection = settings(request.model);
    const client = clientFor(connection);
    const { body, warnings } = anthropicMessagesBody(request);
    const started = performance.now();
    try {
      const raw: unknown = await client.messages.create(body, { signal: callOptions?.signal });
      return completionFromAnthropicBody(request, raw, performance.now() - started, warnings);
    } catch (error) {
      throw describeProviderFailure(normalizeSdkError(error, provider, SDK_ERRORS, [connection.apiKey]), identity, request.model, connection);
    }
  }

  return {
    provider,
    complete,
    client: () => clientFor(settings()),
    secrets: () => [settings().apiKey],
  };
}

export { SDK_ERRORS as ANTHROPIC_SDK_ERRORS };
