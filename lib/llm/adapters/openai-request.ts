import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { z } from "zod";
import { ModelCallError } from "../types";
import type { Completion, ModelRequest, ProviderName, TokenLogprob } from "../types";

/**
 * Which field carries a request's token limit: OpenAI deprecated `max_tokens` for `max_completion_tokens`;
 * OpenAI-compatible servers (vLLM, Ollama, llama.cpp) all read `max_tokens`.
 */
export type MaxTokensField = "max_tokens" | "max_completion_tokens";

/**
 * The Chat Completions body for a request. Shared by the live adapter and the Batch API, so a batched
 * request is byte-for-byte the request the live path would send.
 */
export function openAiChatBody(request: ModelRequest, maxTokensField: MaxTokensField = "max_completion_tokens"): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    temperature: request.temperature ?? 0,
  };
  if (request.maxTokens !== undefined) body[maxTokensField] = request.maxTokens;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.jsonSchema) {
    body.response_format = {
      type: "json_schema",
      json_schema: {
        name: request.jsonSchema.name,
        schema: request.jsonSchema.schema,
        // Strict mode rejects schemas that allow extra properties, so it is asked for only when the schema forbids them.
        strict: request.jsonSchema.schema.additionalProperties === false,
      },
    };
  }
  if (request.topLogprobs !== undefined) {
    body.logprobs = true;
    body.top_logprobs = request.topLogprobs;
  }
  return body;
}

const logprobEntrySchema = z.object({
  token: z.string(),
  logprob: z.number(),
  top_logprobs: z.array(z.object({ token: z.string(), logprob: z.number() })).optional().nullable(),
});

const chatResponseSchema = z.object({
  model: z.string(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
        finish_reason: z.string().nullable().optional(),
        logprobs: z.object({ content: z.array(logprobEntrySchema).nullable().optional() }).nullable().optional(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullable().optional(),
});

/** Reads a Chat Completions response body into a Completion; throws a retryable ModelCallError on an unexpected shape. */
export function completionFromOpenAiBody(
  provider: ProviderName,
  request: ModelRequest,
  raw: unknown,
  latencyMs: number,
): Completion {
  const parsed = chatResponseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelCallError(`${provider}: unexpected chat completion shape at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`, {
      retryable: true,
      kind: "malformed-body",
    });
  }
  const body = parsed.data;
  const choice = body.choices[0];
  const warnings: string[] = [];
  if (!body.usage) warnings.push(`${provider} returned no token usage; counted as 0`);
  if (choice.message.refusal) warnings.push(`${provider} refused: ${choice.message.refusal}`);
  const completion: Completion = {
    provider,
    model: body.model,
    text: choice.message.content ?? "",
    usage: { inputTokens: body.usage?.prompt_tokens ?? 0, outputTokens: body.usage?.completion_tokens ?? 0 },
    raw,
    latencyMs,
    createdAt: new Date().toISOString(),
    cached: false,
    warnings,
  };
  if (choice.finish_reason) completion.finishReason = choice.finish_reason;
  if (request.topLogprobs !== undefined) {
    const content = choice.logprobs?.content;
    if (content) {
      completion.logprobs = content.map(
        (entry): TokenLogprob => ({
          token: entry.token,
          logprob: entry.logprob,
          top: (entry.top_logprobs ?? []).map((alternative) => ({ token: alternative.token, logprob: alternative.logprob })),
        }),
      );
    } else {
      warnings.push(`${provider} returned no logprobs for model ${request.model} although they were requested`);
    }
  }
  return completion;
}
