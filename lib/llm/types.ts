/**
 * The provider-neutral model interface. Adapters (OpenAI SDK, Anthropic SDK, the offline simulator)
 * implement ModelAdapter; the cache and the runner wrap adapters and know nothing of SDKs.
 */

/**
 * The name of a registered provider (lib/providers/registry.ts): "openai", "anthropic", "local" (an
 * OpenAI-compatible server such as vLLM, Ollama, llama.cpp), "sim", or any provider registered later.
 */
export type ProviderName = string;

export type Role = "system" | "user" | "assistant";

export interface ChatMessage {
  role: Role;
  content: string;
}

/** Which versioned prompt template produced a request: goes into every cache key and run record. */
export interface PromptRef {
  id: string;
  version: string;
  /** sha256 of the template text (hex). */
  hash: string;
}

export interface RequestMetadata {
  prompt?: PromptRef;
  /** Pipeline stage name, e.g. "answerInventory". */
  stage?: string;
  /** What the request is about, e.g. "esconv:train:12/HEXACO-60#7"; used in messages and run records. */
  itemId?: string;
  /** Repeated samples of the same request at temperature > 0 are told apart by this; default 0. */
  sampleIndex?: number;
}

export interface JsonSchemaSpec {
  name: string;
  schema: Record<string, unknown>;
}

export interface ModelRequest {
  provider: ProviderName;
  model: string;
  messages: ChatMessage[];
  /** Default 0, as in the paper. */
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  seed?: number;
  /** Structured output where the provider supports it. */
  jsonSchema?: JsonSchemaSpec;
  /** Ask for token log-probabilities (number of alternatives per token). */
  topLogprobs?: number;
  metadata: RequestMetadata;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  top: Array<{ token: string; logprob: number }>;
}

export interface Completion {
  provider: ProviderName;
  /** The model id the provider reports having used. */
  model: string;
  text: string;
  usage: Usage;
  finishReason?: string;
  logprobs?: TokenLogprob[];
  /** The provider's raw response body, as parsed JSON. */
  raw: unknown;
  latencyMs: number;
  /** ISO time the response was received. */
  createdAt: string;
  /** True when served from the cache (nothing paid). */
  cached: boolean;
  /** Options the provider could not honour, e.g. "logprobs unsupported by anthropic". */
  warnings: string[];
}

/**
 * Why a call failed. The first five are transient (retried, and counted by cause in the run summary);
 * "not-configured", "auth" and "unknown-model" are fatal (the run stops at once); "unreachable" (connection
 * refused, DNS, TLS) is retried briefly and then fatal; "rejected" is a per-request 4xx; "other" anything else.
 */
export type CallFailureKind =
  | "rate-limit"
  | "server-error"
  | "timeout"
  | "dropped-connection"
  | "malformed-body"
  | "unreachable"
  | "not-configured"
  | "auth"
  | "unknown-model"
  | "rejected"
  | "other";

/** Kinds that make every further call pointless: the runner stops at the first one. */
export const FATAL_FAILURE_KINDS: readonly CallFailureKind[] = ["not-configured", "auth", "unknown-model"];

/**
 * A failed call, normalized across SDKs so the runner can decide about retries.
 * retryable: 408/409/429/5xx, timeouts, connection resets, unreachable servers (briefly).
 */
export class ModelCallError extends Error {
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly kind: CallFailureKind;
  constructor(
    message: string,
    options: { status?: number; retryable: boolean; retryAfterMs?: number; cause?: unknown; kind?: CallFailureKind },
  ) {
    super(message, { cause: options.cause });
    this.name = "ModelCallError";
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.kind = options.kind ?? "other";
  }
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** One per SDK (and the simulator). Adapters never cache, never retry, never log secrets. */
export interface ModelAdapter {
  readonly provider: ProviderName;
  /**
   * Answers in this process, deterministically and at no cost (the simulator): the cache then takes no
   * cross-process claims for its calls and writes its answers in groups.
   */
  readonly inProcess?: boolean;
  complete(request: ModelRequest, options?: CallOptions): Promise<Completion>;
}
