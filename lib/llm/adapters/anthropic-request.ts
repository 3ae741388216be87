import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import { z } from "zod";
import { ModelCallError } from "../types";
import type { Completion, ModelRequest } from "../types";

/** Anthropic requires max_tokens; this is used when a request leaves it unset (only generated tokens are billed). */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/**
 * The SDK's types no longer list sampling parameters (recent Claude models reject them), but Claude
 * 3.5 models accept them on the wire and the paper's runs set temperature 0, so they are sent as-is.
 */
export type AnthropicMessagesParams = MessageCreateParamsNonStreaming & { temperature?: number; top_p?: number };

export interface AnthropicBody {
  body: AnthropicMessagesParams;
  /** Options Anthropic cannot honour, said out loud instead of dropped. */
  warnings: string[];
}

/**
 * The Messages body for a request, shared by the live adapter and Message Batches. System messages
 * move to `system`; a JSON schema becomes a forced tool call (Claude 3.5 has no native structured
 * output); seed and logprobs are unsupported and produce warnings.
 */
export function anthropicMessagesBody(request: ModelRequest): AnthropicBody {
  const warnings: string[] = [];
  const system = request.messages.filter((message) => message.role === "system").map((message) => message.content);
  const body: AnthropicMessagesParams = {
    model: request.model,
    max_tokens: request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: request.messages
      .filter((message) => message.role !== "system")
      .map((message) => ({ role: message.role as "user" | "assistant", content: message.content })),
    temperature: request.temperature ?? 0,
  };
  if (system.length > 0) body.system = system.join("\n\n");
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.seed !== undefined) warnings.push(`seed unsupported by anthropic; ignored (seed ${request.seed})`);
  if (request.topLogprobs !== undefined) warnings.push("logprobs unsupported by anthropic; no logprobs returned");
  if (request.jsonSchema) {
    body.tools = [
      {
        name: toolName(request.jsonSchema.name),
        description: `Record the answer as ${request.jsonSchema.name}.`,
        input_schema: { type: "object", ...request.jsonSchema.schema } as { type: "object"; [key: string]: unknown },
      },
    ];
    body.tool_choice = { type: "tool", name: toolName(request.jsonSchema.name) };
    warnings.push("jsonSchema emulated on anthropic with a forced tool call; the tool input is returned as JSON text");
  }
  return { body, warnings };
}

/** Tool names allow [a-zA-Z0-9_-]{1,64}. */
function toolName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return cleaned.length > 0 ? cleaned : "answer";
}

const messageResponseSchema = z.object({
  model: z.string(),
  content: z.array(
    z.union([
      z.object({ type: z.literal("text"), text: z.string() }),
      z.object({ type: z.literal("tool_use"), input: z.unknown() }),
      z.object({ type: z.string() }),
    ]),
  ),
  stop_reason: z.string().nullable().optional(),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }),
});

/** Reads a Messages response body into a Completion; a forced tool call's input becomes the JSON text. */
export function completionFromAnthropicBody(request: ModelRequest, raw: unknown, latencyMs: number, warnings: string[]): Completion {
  const parsed = messageResponseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelCallError(`anthropic: unexpected message shape at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`, {
      retryable: true,
      kind: "malformed-body",
    });
  }
  const body = parsed.data;
  const parts: string[] = [];
  for (const block of body.content) {
    if (block.type === "text" && "text" in block) parts.push(block.text as string);
    else if (block.type === "tool_use" && request.jsonSchema && "input" in block) parts.push(JSON.stringify(block.input));
  }
  const completion: Completion = {
    provider: request.provider,
    model: body.model,
    text: parts.join(""),
    usage: { inputTokens: body.usage.input_tokens, outputTokens: body.usage.output_tokens },
    raw,
    latencyMs,
    createdAt: new Date().toISOString(),
    cached: false,
    warnings: [...warnings],
  };
  if (body.stop_reason) completion.finishReason = body.stop_reason;
  return completion;
}
