import { hash } from "node:crypto";
import type { ModelRequest } from "../types";

/**
 * Bump when the meaning of a key changes (new field, new default), so old entries are not served
 * for requests they do not answer.
 */
export const CACHE_KEY_VERSION = 1;

/** JSON with object keys sorted at every depth and undefined members dropped: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return finiteNumber(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ",";
      text += canonicalJson(value[index] === undefined ? null : value[index]);
    }
    return text + "]";
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = "{";
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    text += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return text + "}";
}

function finiteNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`cannot hash non-finite number ${value}`);
  return JSON.stringify(value);
}

/**
 * Everything that can change a model's answer, with defaults made explicit. Not included: stage and
 * item id (the same request in two stages has the same answer), keys and base URLs (secrets, or
 * machine-specific). `simContext` is a constant null: it once held the simulator's side channel
 * (metadata.context, removed in SIM_VERSION 3: the simulator now answers from the request alone), and it
 * stays in the hashed text so that every existing key of a real provider keeps its exact bytes.
 */
export function cacheKeyMaterial(request: ModelRequest): Record<string, unknown> {
  const prompt = request.metadata.prompt;
  return {
    keyVersion: CACHE_KEY_VERSION,
    provider: request.provider,
    model: request.model,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    temperature: request.temperature ?? 0,
    maxTokens: request.maxTokens ?? null,
    topP: request.topP ?? null,
    seed: request.seed ?? null,
    jsonSchema: request.jsonSchema ?? null,
    topLogprobs: request.topLogprobs ?? null,
    prompt: prompt ? { id: prompt.id, version: prompt.version, hash: prompt.hash } : null,
    sampleIndex: request.metadata.sampleIndex ?? 0,
    simContext: null,
  };
}

/**
 * canonicalJson(cacheKeyMaterial(request)), written out for the material's fixed shape because keys
 * are computed for every call of every run (hundreds of thousands when replaying a study); the
 * equality with the generic form is checked by a test.
 */
export function canonicalRequestText(request: ModelRequest): string {
  const optionalNumber = (value: number | undefined) => (value === undefined ? "null" : finiteNumber(value));
  let messages = "[";
  for (let index = 0; index < request.messages.length; index += 1) {
    const message = request.messages[index];
    messages += `${index > 0 ? "," : ""}{"content":${JSON.stringify(message.content)},"role":${JSON.stringify(message.role)}}`;
  }
  messages += "]";
  const prompt = request.metadata.prompt;
  const promptText = prompt
    ? `{"hash":${JSON.stringify(prompt.hash)},"id":${JSON.stringify(prompt.id)},"version":${JSON.stringify(prompt.version)}}`
    : "null";
  return (
    `{"jsonSchema":${request.jsonSchema ? canonicalJson(request.jsonSchema) : "null"}` +
    `,"keyVersion":${CACHE_KEY_VERSION}` +
    `,"maxTokens":${optionalNumber(request.maxTokens)}` +
    `,"messages":${messages}` +
    `,"model":${JSON.stringify(request.model)}` +
    `,"prompt":${promptText}` +
    `,"provider":${JSON.stringify(request.provider)}` +
    `,"sampleIndex":${finiteNumber(request.metadata.sampleIndex ?? 0)}` +
    `,"seed":${optionalNumber(request.seed)}` +
    `,"simContext":null` +
    `,"temperature":${finiteNumber(request.temperature ?? 0)}` +
    `,"topLogprobs":${optionalNumber(request.topLogprobs)}` +
    `,"topP":${optionalNumber(request.topP)}}`
  );
}

/** sha256 (hex) of the canonical JSON of the request's key material. */
export function cacheKey(request: ModelRequest): string {
  return hash("sha256", canonicalRequestText(request), "hex");
}
