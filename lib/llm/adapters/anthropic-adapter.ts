import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import type { ConnectionSettings } from "../environment";
import type { CallOptions, Completion, ModelAdapter, ModelRequest } from "../types";
import { ModelCallError } from "../types";
import { anthropicMessagesBody, completionFromAnthropicBody } from "./anthropic-request";
import { clientCache, resolveConnection } from "./connection";
import type { AdapterOptions } from "./connection";
import { normalizeSdkError } from "./normalize-error";
import { describeProviderFailure } from "./provider-failure";

const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

export interface AnthropicAdapter extends ModelAdapter {
  readonly provider: "anthropic";
  client(): Anthropic;
  secrets(): string[];
}

export function anthropicClient(settings: ConnectionSettings, timeoutMs?: number): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    // Explicit so the SDK neither reads ANTHROPIC_BASE_URL itself nor lets a local profile redirect calls.
    baseURL: settings.baseURL ?? "https://api.anthropic.com",
    maxRetries: 0,
    timeout: timeoutMs ?? 120_000,
  });
}

export function createAnthropicAdapter(options: AdapterOptions): AnthropicAdapter {
  const clientFor = clientCache((settings) => anthropicClient(settings, options.timeoutMs));
  const settings = (model?: string) => resolveConnection("anthropic", options.connection, model);

  async function complete(request: ModelRequest, callOptions?: CallOptions): Promise<Completion> {
    if (request.provider !== "anthropic") {
      throw new ModelCallError(`request for provider ${request.provider} sent to the anthropic adapter`, { retryable: false });
    }
    const connection = settings(request.model);
    const client = clientFor(connection);
    const { body, warnings } = anthropicMessagesBody(request);
    const started = performance.now();
    try {
      const raw: unknown = await client.messages.create(body, { signal: callOptions?.signal });
      return completionFromAnthropicBody(request, raw, performance.now() - started, warnings);
    } catch (error) {
      throw describeProviderFailure(normalizeSdkError(error, "anthropic", SDK_ERRORS, [connection.apiKey]), "anthropic", request.model, connection);
    }
  }

  return {
    provider: "anthropic",
    complete,
    client: () => clientFor(settings()),
    secrets: () => [settings().apiKey],
  };
}

export { SDK_ERRORS as ANTHROPIC_SDK_ERRORS };
