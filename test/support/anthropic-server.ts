/**
 * A real HTTP server on 127.0.0.1 that speaks the Anthropic wire format (messages, message batches
 * and their JSONL results), for tests that point the real `@anthropic-ai/sdk` at it. The SDK's
 * baseURL is the bare origin (the SDK adds /v1/...). Same responder and faults as the OpenAI server.
 */
import type { ServerResponse } from "node:http";
import {
  asTextReply,
  callRecorder,
  defaultReply,
  estimateTokens,
  isFault,
  isRawReply,
  retryHeaders,
  sendJson,
  settleReply,
  startLoopback,
} from "./openai-server";
import type { LoopbackServer, LoopbackServerOptions, ModelCall, ReceivedRequest, TextReply } from "./openai-server";

export type { Fault, LoopbackServer, LoopbackServerOptions, ModelCall, ReceivedRequest, Reply, Responder, TextReply } from "./openai-server";

function anthropicError(type: string, message: string): unknown {
  return { type: "error", error: { type, message } };
}

export function anthropicMessageBody(call: ModelCall, reply: TextReply, sequence: number): unknown {
  const requested = call.body ?? {};
  const forcedTool = requested.tool_choice?.type === "tool" ? (requested.tool_choice.name as string) : undefined;
  let content: unknown[] = [{ type: "text", text: reply.text, citations: null }];
  let stopReason = reply.finishReason ?? "end_turn";
  if (forcedTool) {
    try {
      content = [{ type: "tool_use", id: `toolu_loopback_${sequence}`, name: forcedTool, input: JSON.parse(reply.text) }];
      stopReason = reply.finishReason ?? "tool_use";
    } catch {
      // A scripted non-JSON answer stays text, as a model that ignored the tool would answer.
    }
  }
  return {
    id: `msg_loopback_${sequence}`,
    type: "message",
    role: "assistant",
    model: reply.model ?? requested.model ?? "unknown",
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: reply.inputTokens ?? estimateTokens(call.promptText),
      output_tokens: reply.outputTokens ?? estimateTokens(reply.text),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}

interface MessageBatch {
  id: string;
  createdAt: string;
  polls: number;
  ended: boolean;
  endedAt: string | null;
  requests: Array<{ custom_id: string; params: unknown }>;
  results: string[];
  counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
}

export async function startAnthropicServer(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
  const responder = options.responder ?? defaultReply;
  const pollsUntilDone = options.batchPollsUntilDone ?? 1;
  const requests: ReceivedRequest[] = [];
  const calls: ModelCall[] = [];
  const batches = new Map<string, MessageBatch>();
  let sequence = 0;
  let origin = "";

  const newCall = callRecorder(calls);

  async function message(response: ServerResponse, received: ReceivedRequest): Promise<void> {
    if (received.body === undefined) return sendJson(response, 400, anthropicError("invalid_request_error", "request body is not JSON"));
    const call = newCall(received.body, "http");
    const reply = await settleReply(await responder(call), call);
    if (isFault(reply)) {
      switch (reply.fault) {
        case "rate-limit":
          return sendJson(response, 429, anthropicError("rate_limit_error", "Rate limited (loopback)"), retryHeaders(reply));
        case "server-error": {
          const status = reply.status ?? 500;
          return sendJson(response, status, anthropicError(status === 529 ? "overloaded_error" : "api_error", reply.message ?? "internal error (loopback)"));
        }
        case "drop":
          response.socket?.destroy();
          return;
        case "malformed":
          return sendJson(response, 200, '{"id":"msg_broken","type":"message","cont');
      }
    }
    if (isRawReply(reply)) return sendJson(response, reply.status, reply.body, reply.headers);
    sendJson(response, 200, anthropicMessageBody(call, asTextReply(reply), ++sequence), { "request-id": `req_loopback_${sequence}` });
  }

  function batchObject(batch: MessageBatch): unknown {
    return {
      id: batch.id,
      type: "message_batch",
      processing_status: batch.ended ? "ended" : "in_progress",
      request_counts: batch.counts,
      ended_at: batch.endedAt,
      created_at: batch.createdAt,
      expires_at: new Date(Date.parse(batch.createdAt) + 86_400_000).toISOString(),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: batch.ended ? `${origin}/v1/messages/batches/${batch.id}/results` : null,
    };
  }

  async function runBatch(batch: MessageBatch): Promise<void> {
    for (const item of batch.requests) {
      const call = newCall(item.params, "batch", item.custom_id);
      const reply = await settleReply(await responder(call), call);
      batch.counts.processing -= 1;
      if (isFault(reply) || (isRawReply(reply) && reply.status >= 400)) {
        const error = isRawReply(reply) ? reply.body : anthropicError(reply.fault === "rate-limit" ? "rate_limit_error" : "api_error", `batch item failed (${reply.fault})`);
        batch.results.push(JSON.stringify({ custom_id: item.custom_id, result: { type: "errored", error } }));
        batch.counts.errored += 1;
      } else {
        const body = isRawReply(reply) ? reply.body : anthropicMessageBody(call, asTextReply(reply), ++sequence);
        batch.results.push(JSON.stringify({ custom_id: item.custom_id, result: { type: "succeeded", message: body } }));
        batch.counts.succeeded += 1;
      }
    }
    batch.ended = true;
    batch.endedAt = new Date().toISOString();
  }

  const server = await startLoopback(
    async (_request, response, received) => {
      const { method, path } = received;
      let match: RegExpMatchArray | null;
      if (method === "POST" && path === "/v1/messages") return message(response, received);
      if (method === "POST" && path === "/v1/messages/batches") {
        const body = received.body as { requests?: Array<{ custom_id: string; params: unknown }> } | undefined;
        if (!body?.requests || body.requests.length === 0) {
          return sendJson(response, 400, anthropicError("invalid_request_error", "requests: must be a non-empty list"));
        }
        const batch: MessageBatch = {
          id: `msgbatch_loopback_${batches.size + 1}`,
          createdAt: new Date().toISOString(),
          polls: 0,
          ended: false,
          endedAt: null,
          requests: body.requests,
          results: [],
          counts: { processing: body.requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
        };
        batches.set(batch.id, batch);
        return sendJson(response, 200, batchObject(batch));
      }
      if (method === "GET" && (match = path.match(/^\/v1\/messages\/batches\/([^/]+)\/results$/))) {
        const batch = batches.get(decodeURIComponent(match[1]));
        if (!batch || !batch.ended) return sendJson(response, 404, anthropicError("not_found_error", "results not available"));
        const text = batch.results.join("\n") + "\n";
        response.writeHead(200, { "content-type": "application/binary", "content-length": Buffer.byteLength(text) });
        response.end(text);
        return;
      }
      if (method === "GET" && (match = path.match(/^\/v1\/messages\/batches\/([^/]+)$/))) {
        const batch = batches.get(decodeURIComponent(match[1]));
        if (!batch) return sendJson(response, 404, anthropicError("not_found_error", "no such batch"));
        if (!batch.ended) {
          batch.polls += 1;
          if (batch.polls >= pollsUntilDone) await runBatch(batch);
        }
        return sendJson(response, 200, batchObject(batch));
      }
      sendJson(response, 404, anthropicError("not_found_error", `no route ${method} ${path}`));
    },
    requests,
    options.latencyMs,
    options.intercept,
  );
  origin = server.origin;
  return { baseURL: server.origin, origin: server.origin, requests, calls, close: server.close };
}
