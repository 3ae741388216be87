import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { ConnectionSettings } from "../environment";
import type { CallOptions, Completion, ModelAdapter, ModelRequest } from "../types";
import { ModelCallError } from "../types";
import { clientCache, resolveConnection } from "./connection";
import type { AdapterOptions } from "./connection";
import { normalizeSdkError } from "./normalize-error";
import { describeProviderFailure } from "./provider-failure";
import { completionFromOpenAiBody, openAiChatBody } from "./openai-request";

const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

export interface OpenAiAdapterOptions extends AdapterOptions {
  /** "local" is this adapter pointed at an OpenAI-compatible server (vLLM, Ollama, llama.cpp). */
  provider?: "openai" | "local";
}

export interface OpenAiAdapter extends ModelAdapter {
  readonly provider: "openai" | "local";
  /** The SDK client for the current settings (the Batch executor uses it); resolves settings now. */
  client(): OpenAI;
  /** Secrets to scrub from messages raised with this client. */
  secrets(): string[];
}

export function openAiClient(settings: ConnectionSettings, timeoutMs?: number): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey,
    // Passed explicitly (even when undefined would mean the default) so the SDK does not read OPENAI_BASE_URL itself.
    baseURL: settings.baseURL ?? "https://api.openai.com/v1",
    maxRetries: 0,
    timeout: timeoutMs ?? 120_000,
    organization: null,
    project: null,
  });
}

export function createOpenAiAdapter(options: OpenAiAdapterOptions): OpenAiAdapter {
  const provider = options.provider ?? "openai";
  const clientFor = clientCache((settings) => openAiClient(settings, options.timeoutMs));
  const settings = (model?: string) => resolveConnection(provider, options.connection, model);

  async function complete(request: ModelRequest, callOptions?: CallOptions): Promise<Completion> {
    if (request.provider !== provider) {
      throw new ModelCallError(`request for provider ${request.provider} sent to the ${provider} adapter`, { retryable: false });
    }
    const connection = settings(request.model);
    const client = clientFor(connection);
    const started = performance.now();
    try {
      const raw: unknown = await client.chat.completions.create(openAiChatBody(request), { signal: callOptions?.signal });
      return completionFromOpenAiBody(provider, request, raw, performance.now() - started);
    } catch (error) {
      throw describeProviderFailure(normalizeSdkError(error, provider, SDK_ERRORS, [connection.apiKey]), provider, request.model, connection);
    }
  }

  return {
    provider,
    complete,
    client: () => clientFor(settings()),
    secrets: () => [settings().apiKey],
  };
}

export { SDK_ERRORS as OPENAI_SDK_ERRORS };
