import { ModelCallError } from "../types";
import type { CallFailureKind, ProviderName } from "../types";

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

/** The kind of an HTTP failure: 401/403 and 404 are fatal for the whole run, other 4xx for the one request. */
export function kindOfStatus(status: number): CallFailureKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "unknown-model";
  if (status === 429) return "rate-limit";
  if (status === 408) return "timeout";
  if (status >= 500) return "server-error";
  if (status === 409) return "other";
  return "rejected";
}

/** Error codes (anywhere in the cause chain) that mean nothing answers at that address, as opposed to a dropped connection. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EPROTO",
  "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "ERR_TLS_CERT_ALTNAME_INVALID", "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** The first error code found along error.cause (fetch wraps the socket error twice). */
export function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) {
      const inner = causeCode(errors[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function connectionKind(code: string | undefined): CallFailureKind {
  return code !== undefined && (UNREACHABLE_CODES.has(code) || code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL")) ? "unreachable" : "dropped-connection";
}

/**
 * Turns anything an SDK call throws into a ModelCallError with its kind: retryable for 408/409/429/5xx,
 * timeouts, dropped connections, unreachable servers and unreadable bodies; not retryable for other 4xx and
 * user aborts. 401/403/404 are fatal kinds (the runner stops the run).
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
    return new ModelCallError(text("request timed out"), { retryable: true, kind: "timeout" });
  }
  if (error instanceof classes.APIConnectionError) {
    const cause = (error as Error & { cause?: unknown }).cause;
    // fetch refuses some ports outright ("bad port") without an error code: nothing can be reached there either.
    const code = causeCode(cause) ?? (/bad port/i.test(String((cause as { cause?: { message?: unknown } })?.cause?.message ?? "")) ? "EADDRNOTAVAIL" : undefined);
    const detail = cause instanceof Error ? `${cause.message}${code ? ` (${code})` : ""}` : error.message;
    return new ModelCallError(text(`connection failed: ${detail}`), { retryable: true, kind: connectionKind(code) });
  }
  if (error instanceof classes.APIError) {
    const status = (error as Error & { status?: number }).status;
    const headers = (error as Error & { headers?: unknown }).headers;
    if (typeof status === "number") {
      return new ModelCallError(text(`HTTP ${status}: ${error.message}`), {
        status,
        retryable: isRetryableStatus(status),
        retryAfterMs: parseRetryAfter(headers),
        kind: kindOfStatus(status),
      });
    }
    return new ModelCallError(text(error.message), { retryable: true, kind: "malformed-body" });
  }
  if (error instanceof SyntaxError) {
    return new ModelCallError(text(`malformed response body: ${error.message}`), { retryable: true, kind: "malformed-body" });
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = causeCode(error);
  const connectionCodes = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET"]);
  if (code !== undefined && (connectionCodes.has(code) || connectionKind(code) === "unreachable")) {
    return new ModelCallError(text(message), { retryable: true, kind: connectionKind(code) });
  }
  return new ModelCallError(text(message), { retryable: false });
}
