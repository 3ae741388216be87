export { createOpenAiAdapter, openAiClient, OPENAI_SDK_ERRORS } from "./openai-adapter";
export type { OpenAiAdapter, OpenAiAdapterOptions } from "./openai-adapter";
export { createAnthropicAdapter, anthropicClient, ANTHROPIC_SDK_ERRORS } from "./anthropic-adapter";
export type { AnthropicAdapter } from "./anthropic-adapter";
export { openAiChatBody, completionFromOpenAiBody } from "./openai-request";
export { anthropicMessagesBody, completionFromAnthropicBody, ANTHROPIC_DEFAULT_MAX_TOKENS } from "./anthropic-request";
export { normalizeSdkError, parseRetryAfter, isRetryableStatus, scrub } from "./normalize-error";
export type { AdapterOptions, ConnectionSource } from "./connection";
export { endpointOf, describeProviderFailure, notConfiguredError } from "./provider-failure";
