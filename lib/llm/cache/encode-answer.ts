import type { Completion, ModelRequest } from "../types";
import { requestSkeleton, splitSegments } from "./compact-request";
import type { CompactStore } from "./compact-store";
import type { Billing } from "./response-cache";

/**
 * A key as stored: the 32 bytes of a sha256 hex key (every key the cache makes), else the key's UTF-8
 * bytes (hand-made keys in tests and tools).
 */
export function keyBytes(key: string): Buffer {
  if (key.length === 64) {
    const bytes = Buffer.from(key, "hex");
    if (bytes.length === 32) return bytes;
  }
  return Buffer.from(key, "utf8");
}

/** Family of the dictionary a request skeleton is stored against: one per prompt template (or per provider without one). */
function requestFamily(request: ModelRequest): string {
  const prompt = request.metadata?.prompt;
  return prompt ? `request:${prompt.id}:${prompt.version}:${prompt.hash}` : `request:${request.provider}`;
}

/**
 * The `answers` columns after the key, in insert order. The raw response body is kept (as a difference from
 * the first raw body stored for the provider); the request is kept exactly, as a skeleton whose message
 * text refers to stored segments, as a difference from the first skeleton stored for its prompt.
 */
export function encodeAnswer(compact: CompactStore, request: ModelRequest, completion: Completion, billing: Billing): unknown[] {
  const raw = compact.compress(`raw:${completion.provider}`, JSON.stringify(completion.raw ?? null));
  const skeleton = requestSkeleton(request, (text) => splitIds(compact, text));
  const stored = compact.compress(requestFamily(request), skeleton);
  return [
    completion.provider,
    completion.model,
    completion.text,
    completion.usage.inputTokens,
    completion.usage.outputTokens,
    completion.finishReason ?? null,
    completion.logprobs ? JSON.stringify(completion.logprobs) : null,
    JSON.stringify(completion.warnings),
    raw.bytes,
    raw.dictionary,
    completion.latencyMs,
    completion.createdAt,
    billing,
    stored.bytes,
    stored.dictionary,
  ];
}


function splitIds(compact: CompactStore, text: string): number[] {
  return splitSegments(text).map((segment) => compact.segmentId(segment));
}
