import { ModelCallError } from "../types";
import type { RandomSource } from "../../random";

/**
 * Retry policy: exponential backoff with "full jitter" (delay drawn uniformly from [0, min(max, base*2^n)]),
 * which spreads a burst of 429s so the retries do not arrive together. A server's Retry-After is a floor:
 * the delay is never shorter than it.
 */
export interface RetryPolicy {
  /** Total attempts including the first; default 6. */
  maxAttempts: number;
  /** Ceiling of the first retry's delay; default 500 ms. */
  baseDelayMs: number;
  /** Ceiling of any computed delay (Retry-After may exceed it); default 60 s. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 60_000 };

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(overrides) };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be an integer >= 1, got ${policy.maxAttempts}`);
  }
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= 0)) {
    throw new RangeError("retry.baseDelayMs and retry.maxDelayMs must be >= 0");
  }
  return policy;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * Delay before the next attempt after `failedAttempts` failures (1 after the first failure).
 * With Retry-After the result is max(retryAfterMs, jittered backoff): never sooner than the server asked.
 */
export function backoffDelay(
  failedAttempts: number,
  policy: RetryPolicy,
  random: RandomSource,
  retryAfterMs?: number,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = random() * ceiling;
  return retryAfterMs !== undefined && retryAfterMs > 0 ? Math.max(retryAfterMs, jittered) : jittered;
}

/** Adapters normalize failures into ModelCallError; anything else (a bug, a read-only cache miss) is final. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ModelCallError) return error.retryable;
  // Notebook kernels can load a second copy of the module, so instanceof alone is not trusted.
  return isModelCallErrorLike(error) && error.retryable === true;
}

export function retryAfterOf(error: unknown): number | undefined {
  return isModelCallErrorLike(error) && typeof error.retryAfterMs === "number" ? error.retryAfterMs : undefined;
}

export function statusOf(error: unknown): number | undefined {
  return isModelCallErrorLike(error) && typeof error.status === "number" ? error.status : undefined;
}

function isModelCallErrorLike(error: unknown): error is { retryable?: unknown; retryAfterMs?: unknown; status?: unknown } {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "ModelCallError";
}
