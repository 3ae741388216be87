import type { ModelRequest } from "../types";

/**
 * Rough token counts without a tokenizer: about four characters per token for English text, plus a few
 * tokens of chat framing per message. Good enough to reserve rate-limit budget and to price a run
 * before it starts; the runner reconciles reservations with the usage the provider reports.
 */
export const CHARACTERS_PER_TOKEN = 4;
export const TOKENS_PER_MESSAGE = 4;
/** Output reserved for a request without maxTokens. */
export const DEFAULT_OUTPUT_RESERVATION = 1024;

export function estimateInputTokens(request: ModelRequest): number {
  let characters = 0;
  for (const message of request.messages) characters += message.content.length;
  if (request.jsonSchema) characters += JSON.stringify(request.jsonSchema.schema).length;
  return Math.ceil(characters / CHARACTERS_PER_TOKEN) + TOKENS_PER_MESSAGE * request.messages.length;
}

/** Tokens to reserve against a tokens/min limit before the call: the input estimate plus the output ceiling. */
export function reservationTokens(request: ModelRequest): number {
  return estimateInputTokens(request) + (request.maxTokens ?? DEFAULT_OUTPUT_RESERVATION);
}
