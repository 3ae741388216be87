import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { ConnectionSettings } from "../environment";
import type { ProviderIdentity } from "../provider-definition";
import type { CallOptions, Completion, ModelAdapter, ModelRequest } from "../types";
import { ModelCallError } from "../types";
import { clientCache, resolveConnection } from "./connection";
import type { AdapterOptions } from "./connection";
import { normalizeSdkError } from "./normalize-error";
import { describeProviderFailure } from "./provider-failure";
import { completionFromOpenAiBody, openAiChatBody, type MaxTokensField } from "./openai-request";

const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

export interface OpenAiAdapterOptions extends AdapterOptions {
  /** Default "max_completion_tokens" (OpenAI); OpenAI-compatible servers read "max_tokens". */
  maxTokensField?: MaxTokensField;
}

/** The provider this wire format speaks for when the options name none: OpenAI's public API. */
const OPENAI_WIRE: ProviderIdentity = { name: "openai", environment: {}, defaultBaseURL: "https://api.openai.com/v1", needs: "key-or-base-url" };

export interface OpenAiAdapter extends ModelAdapter {
  /** The SDK client for the current settings (the Batch executor uses it); resolves settings now. */
  client(): OpenAI;
  /** Secrets to scrub from messages raised with this client. */
  secrets(): string[];
}

export function openAiClient(settings: ConnectionSettings, timeoutMs?: number, defaultBaseURL = OPENAI_WIRE.defaultBaseURL): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey,
    // Passed explicitly (even when undefined would mean the default) so the SDK does not read OPENAI_BASE_URL itself.
    baseURL: settings.baseURL ?? defaultBaseURL,
    maxRetries: 0,
    timeout: timeoutMs ?? 120_000,
    organization: null,
    project: null,
  });
}

export function createOpenAiAdapter(options: OpenAiAdapterOptions): OpenAiAdapter {
  const identity = options.provider ?? OPENAI_WIRE;
  const provider = identity.name;
  const clientFor = clientCache((settings) => openAiClient(settings, options.timeoutMs, identity.defaultBaseURL));
  const settings = (model?: string) => resolveConnection(identity, options.connection, model);

  async function complete(request: ModelRequest, callOptions?: CallOptions): Promise<Completion> {
    if (request.provider !== provider) {
      throw new ModelCallError(`request for provider ${request.provider} sent to the ${provider} adapter`, { retryable: false });
    }
    const connection = settings(request.model);
    const client = clientFor(connection);
    const started = performance.now();
    try {
      const raw: unknown = await client.chat.completions.create(openAiChatBody(request, options.maxTokensField), { signal: callOptions?.signal });
      return completionFromOpenAiBody(provider, request, raw, performance.now() - started);
    } catch (error) {
      throw describeProviderFailure(normalizeSdkError(error, provider, SDK_ERRORS, [connection.apiKey]), identity, request.model, connection, { servesUnderV1: true });
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
