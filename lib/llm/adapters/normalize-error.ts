import { ModelCallError } from "../types";
import type { ProviderName } from "../types";

/** The few facts both SDKs' error classes share; read by shape so one normalizer serves both. */
interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => Error;
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  APIUserAbortError: abstract new (...args: never[]) => Error;
}

const RETRYABLE_STATUS = new Set([408, 409, 429]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status) || status >= 500;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  const value = record[name] ?? record[name.toLowerCase()];
  return typeof value === "string" ? value : undefined;
}

/**
 * Milliseconds to wait from `retry-after-ms` (OpenAI), else `retry-after` as seconds or an HTTP date.
 * Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(headers: unknown, now: number = Date.now()): number | undefined {
  const milliseconds = headerValue(headers, "retry-after-ms");
  if (milliseconds !== undefined && milliseconds.trim() !== "") {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headerValue(headers, "retry-after");
  if (retryAfter === undefined || retryAfter.trim() === "") return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(retryAfter);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return undefined;
}

/** Removes any secret string from a message (providers sometimes echo part of a bad key). */
export function scrub(message: string, secrets: Array<string | undefined>): string {
  let result = message;
  for (const secret of secrets) {
    if (secret && secret.length >= 6 && secret !== "not-needed") result = result.split(secret).join("[redacted]");
  }
  return result;
}

/**
 * Turns anything an SDK call throws into a ModelCallError: retryable for 408/409/429/5xx, timeouts,
 * connection resets and unreadable bodies; not retryable for other 4xx and user aborts.
 */
export function normalizeSdkError(
  error: unknown,
  provider: ProviderName,
  classes: SdkErrorClasses,
  secrets: Array<string | undefined> = [],
): ModelCallError {
  if (error instanceof ModelCallError) return error;
  const prefix = `${provider}:`;
  const text = (message: string) => scrub(`${prefix} ${message}`, secrets);
  if (error instanceof classes.APIUserAbortError || (error instanceof Error && error.name === "AbortError")) {
    return new ModelCallError(text("request aborted"), { retryable: false });
  }
  if (error instanceof classes.APIConnectionTimeoutError) {
    return new ModelCallError(text("request timed out"), { retryable: true });
  }
  if (error instanceof classes.APIConnectionError) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `${cause.message}${(cause as { code?: string }).code ? ` (${(cause as { code?: string }).code})` : ""}` : error.message;
    return new ModelCallError(text(`connection failed: ${detail}`), { retryable: true });
  }
  if (error instanceof classes.APIError) {
    const status = (error as Error & { status?: number }).status;
    const headers = (error as Error & { headers?: unknown }).headers;
    if (typeof status === "number") {
      return new ModelCallError(text(`HTTP ${status}: ${error.message}`), {
        status,
        retryable: isRetryableStatus(status),
        retryAfterMs: parseRetryAfter(headers),
      });
    }
    return new ModelCallError(text(error.message), { retryable: true });
  }
  if (error instanceof SyntaxError) {
    return new ModelCallError(text(`malformed response body: ${error.message}`), { retryable: true });
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  const connectionCodes = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET"]);
  return new ModelCallError(text(message), { retryable: typeof code === "string" && connectionCodes.has(code) });
}
