import { setMaxListeners } from "node:events";
import { ProviderError, UsageError } from "../../errors";
import { FATAL_FAILURE_KINDS, type CallFailureKind, type Completion, type ModelRequest } from "../types";
import { answerFromCache } from "./answer-from-cache";
import { backoffDelay, isRetryable, retryAfterOf, retryPolicy, statusOf } from "./backoff";
import { defaultPricing } from "./default-pricing";
import { Ledger } from "./ledger";
import { defaultProgress } from "./notebook-progress";
import { RateMeter, silentProgress, type ProgressSnapshot } from "./progress";
import { createRandom } from "../../random";
import { RateLimiter, type Permit } from "./rate-limiter";
import { runBatchMode, type BatchTotals } from "./run-batch";
import type { RunItemError, RunItemResult, RunOptions, RunResult, RunSummary } from "./run-types";
import { formatRunSummary } from "./run-summary";
import { retryCauseOf, type FailureRecord } from "./run-report";
import { isAbortError, sleep } from "./sleep";
import { registerRun, RunStoppedError, type StopReason } from "./stop-runs";
import { reservationTokens } from "./token-estimate";

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_JITTER_SEED = 1;
/** Attempts at a server nothing answers at (refused, DNS, TLS) before the run stops: a short, bounded retry. */
export const UNREACHABLE_ATTEMPTS = 3;
/** Longest wait between those attempts. */
const UNREACHABLE_DELAY_CAP_MS = 1_000;
/** The permit of a call that takes nothing from the rate limit (see `unpaced` in runOne). */
const UNPACED_PERMIT: Permit = { settle: () => {}, refund: () => {}, failed: () => {} };

interface Pending {
  request: ModelRequest;
  status?: RunItemResult["status"];
  completion?: Completion;
  error?: RunItemError;
}

/**
 * Runs many model requests as fast as the limits allow, retrying transient failures, and returns one result
 * per request in input order. A request that still fails after its retries becomes a "failed" row and the run
 * goes on. With a cached model every answer is stored as it arrives, so an interrupted run (Ctrl-C, kill -9)
 * re-run with the same requests pays only for what was not finished.
 */
export async function runRequests(requests: ModelRequest[], options: RunOptions): Promise<RunResult> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new UsageError(`concurrency must be an integer >= 1, got ${concurrency}`);
  }
  const policy = retryPolicy(options.retry);
  const mode = options.mode ?? "online";
  const pricing = options.pricing ?? defaultPricing;
  const log = options.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const progress = options.progress === false ? silentProgress : (options.progress ?? defaultProgress());
  const startedAt = performance.now();

  // Two levels of stopping: `stop` ends scheduling, `abort` also cancels calls in flight.
  const stop = new AbortController();
  const abort = new AbortController();
  // Every call in flight (and every limiter wait) listens on these; the default cap of 10 listeners warns.
  setMaxListeners(0, stop.signal, abort.signal);
  const onUserAbort = () => {
    stop.abort(options.signal?.reason);
    if (options.abortInFlight) abort.abort(options.signal?.reason);
  };
  // Stopped from outside (a notebook kernel's interrupt, see stop-runs.ts): nothing new, calls in flight aborted.
  let stoppedBy: StopReason | undefined;
  const unregister = registerRun(requests.length, options.stage, (reason) => {
    stoppedBy ??= reason;
    stop.abort(interruptError());
    abort.abort(interruptError());
  });
  if (options.signal?.aborted) onUserAbort();
  options.signal?.addEventListener("abort", onUserAbort, { once: true });

  let inFlight = 0;
  let interruptions = 0;
  const onInterrupt = () => {
    interruptions += 1;
    if (interruptions === 1) {
      log(`\nInterrupted: no new calls; waiting for ${inFlight} in flight (Ctrl-C again to abort them).`);
      stop.abort(interruptError());
    } else if (interruptions === 2) {
      log("\nAborting the calls in flight (Ctrl-C again to exit at once).");
      abort.abort(interruptError());
    } else {
      // Everything finished so far is already in the cache; nothing is lost by leaving now.
      process.exit(130);
    }
  };
  if (options.handleInterrupt) process.on("SIGINT", onInterrupt);

  const runLedger = new Ledger({ pricing });
  const tier = mode === "batch" ? "batch" : "list";
  const items: Pending[] = requests.map((request) => ({ request }));
  const rateMeter = new RateMeter();
  let settled = 0;
  let skipped = 0;
  let retries = 0;
  // The first run-stopping failure (no key, key refused, unknown model, unreachable server); nothing is sent after it.
  let fatal: { error: unknown; attempts: number } | undefined;
  // Once the server has answered, an unreachable moment is a network blip and gets the normal retries.
  let reached = false;

  const stageOf = (request: ModelRequest) => options.stage ?? request.metadata.stage;

  const snapshot = (): ProgressSnapshot => {
    const totals = runLedger.totals();
    const elapsedMs = performance.now() - startedAt;
    // Cache hits settle in bulk at the start of a resumed run; counting them would make the ETA for the
    // calls still to make far too short, so the rate is of calls that reached the model.
    const ratePerMinute = rateMeter.observe(elapsedMs, settled - totals.cachedCalls);
    const remaining = requests.length - settled;
    return {
      label: options.stage,
      total: requests.length,
      done: totals.calls,
      cached: totals.cachedCalls,
      failed: totals.failedCalls,
      skipped,
      inFlight,
      retries,
      retriesByCause: { ...runLedger.report.retries },
      elapsedMs,
      ratePerMinute,
      etaMs: remaining === 0 ? 0 : ratePerMinute > 0 ? (remaining * 60_000) / ratePerMinute : undefined,
      spendDollars: totals.paidDollars,
    };
  };

  /** `quiet`: the caller reports progress itself (once per chunk of bulk cache hits, not once per hit). */
  const settle = (index: number, outcome: Omit<Pending, "request">, quiet = false): void => {
    const item = items[index];
    Object.assign(item, outcome);
    const { provider, model } = item.request;
    if (outcome.completion) {
      const entry = { stage: stageOf(item.request), provider, model, usage: outcome.completion.usage, cached: outcome.completion.cached, tier } as const;
      runLedger.record(entry);
      options.ledger?.record(entry);
    } else if (outcome.status === "failed") {
      const failure: FailureRecord = {
        reason: reasonOf(outcome.error),
        itemId: item.request.metadata.itemId ?? `request ${index}`,
        message: outcome.error?.message ?? "call failed",
      };
      runLedger.recordFailure(stageOf(item.request), provider, model, failure);
      options.ledger?.recordFailure(stageOf(item.request), provider, model, failure);
    }
    if (outcome.status === "skipped") {
      skipped += 1;
      runLedger.report.recordNotRun();
      options.ledger?.report.recordNotRun();
    }
    else {
      settled += 1;
      if (!quiet) progress.update(snapshot());
    }
    options.onResult?.(toResult(item), index);
  };

  try {
    if (mode === "batch") {
      let batchTotals: BatchTotals | undefined;
      await runBatchMode(
        requests,
        options,
        stop.signal,
        (index, completion) => settle(index, { status: completion.cached ? "cached" : "paid", completion }),
        (index, error) => settle(index, { status: "failed", error }),
        (totals) => {
          batchTotals = totals;
          // executeBatch reports counts while polling; per-item results arrive when the batches end.
          progress.update({ ...snapshot(), done: totals.completed + totals.cached, cached: totals.cached, failed: totals.failed, inFlight: totals.pending });
        },
      ).catch((error: unknown) => {
        // Interrupted while polling: the submitted batches keep running at the provider and their ids are
        // in the cache file, so the next run collects them instead of submitting again.
        if (!stop.signal.aborted) throw error;
        if (batchTotals?.pending) log(`Batches with ${batchTotals.pending} requests are still running at the provider; re-run to collect them.`);
      });
    } else {
      const limiter = new RateLimiter(options.limits ?? {});
      const random = createRandom(options.retry?.seed ?? DEFAULT_JITTER_SEED).next;

      // After a fatal error the skipped items settle quietly: the error's line is the only output.
      const skip = (index: number, error: RunItemError) => settle(index, { status: "skipped", error }, fatal !== undefined);
      const runOne = async (index: number): Promise<void> => {
        const request = items[index].request;
        const reserved = reservationTokens(request);
        let attempts = 0;
        let lastError: unknown;
        for (;;) {
          let permit: Permit;
          // A retry after "cannot connect", before the server ever answered, follows a call no provider counted:
          // it does not wait for the rate limit, so "cannot reach" comes within seconds at any limit.
          const unpaced = lastError !== undefined && !reached && kindOf(lastError) === "unreachable";
          try {
            permit = unpaced ? UNPACED_PERMIT : await limiter.acquire(request.provider, request.model, reserved, stop.signal);
          } catch (error) {
            if (!stop.signal.aborted) throw error;
            return skip(index, skippedError(attempts, lastError));
          }
          attempts += 1;
          inFlight += 1;
          let completion: Completion;
          // A signal per call: the OpenAI SDK adds an abort listener to the signal it is given and never
          // removes it, so one run-long signal would collect a listener per call (a leak, and O(n) adds).
          const call = new AbortController();
          const forward = () => call.abort(abort.signal.reason);
          if (abort.signal.aborted) forward();
          else abort.signal.addEventListener("abort", forward, { once: true });
          try {
            completion = await options.model.complete(request, { signal: call.signal });
          } catch (error) {
            inFlight -= 1;
            permit.failed();
            lastError = error;
            if (abort.signal.aborted && (isAbortError(error) || !isRetryable(error))) {
              return skip(index, skippedError(attempts, error));
            }
            const kind = kindOf(error);
            const unreachable = kind === "unreachable" && !reached;
            if ((kind && FATAL_FAILURE_KINDS.includes(kind)) || (unreachable && attempts >= UNREACHABLE_ATTEMPTS)) {
              // Every further call would fail the same way: stop scheduling; calls already in flight finish.
              fatal ??= { error, attempts };
              stop.abort(error);
              // Quietly: the error's one line is all the user needs to see.
              return settle(index, { status: "failed", error: failureOf(error, attempts) }, true);
            }
            const retryAfterMs = retryAfterOf(error);
            if (retryAfterMs !== undefined && retryAfterMs > 0 && statusOf(error) === 429) {
              limiter.pause(request.provider, request.model, retryAfterMs);
            }
            if (isRetryable(error) && attempts < policy.maxAttempts && !stop.signal.aborted) {
              retries += 1;
              const cause = retryCauseOf(kind);
              runLedger.report.recordRetry(cause);
              options.ledger?.report.recordRetry(cause);
              // The short retries at an unreachable server end in one error line or in answers; no line for them.
              if (!unreachable) progress.update(snapshot());
              const delay = backoffDelay(attempts, policy, random, retryAfterMs);
              try {
                await sleep(unreachable ? Math.min(delay, UNREACHABLE_DELAY_CAP_MS) : delay, stop.signal);
              } catch {
                return skip(index, skippedError(attempts, error));
              }
              continue;
            }
            if (isRetryable(error) && stop.signal.aborted) {
              return skip(index, skippedError(attempts, error));
            }
            return settle(index, { status: "failed", error: failureOf(error, attempts) });
          } finally {
            abort.signal.removeEventListener("abort", forward);
          }
          inFlight -= 1;
          if (!completion.cached) reached = true;
          if (completion.cached) permit.refund();
          else permit.settle(completion.usage.inputTokens + completion.usage.outputTokens);
          return settle(index, { status: completion.cached ? "cached" : "paid", completion });
        }
      };

      await answerFromCache(
        options.model,
        items,
        stop.signal,
        (index, completion) => settle(index, { status: "cached", completion }, true),
        () => progress.update(snapshot()),
      );
      const queue = items.flatMap((item, index) => (item.status ? [] : [index]));
      let next = 0;
      const worker = async (): Promise<void> => {
        while (!stop.signal.aborted && next < queue.length) await runOne(queue[next++]);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    }
  } finally {
    unregister();
    options.signal?.removeEventListener("abort", onUserAbort);
    if (options.handleInterrupt) process.off("SIGINT", onInterrupt);
  }

  if (fatal) {
    for (let index = 0; index < items.length; index++) {
      if (!items[index].status) settle(index, { status: "skipped", error: skippedError(0, fatal.error) }, true);
    }
    progress.clear?.();
    throw providerErrorOf(fatal.error, fatal.attempts);
  }

  for (let index = 0; index < items.length; index++) {
    if (!items[index].status) settle(index, { status: "skipped", error: skippedError(0, undefined) });
  }
  // Every item now has its status; the items are returned as the results instead of copying 500,000 of them.
  const results: RunItemResult[] = items as RunItemResult[];
  const totals = runLedger.totals();
  const summary: RunSummary = {
    mode,
    total: requests.length,
    done: totals.calls,
    cached: totals.cachedCalls,
    paid: totals.paidCalls,
    failed: totals.failedCalls,
    skipped,
    retries,
    retriesByCause: { ...runLedger.report.retries },
    failures: runLedger.report.failures(),
    paidInputTokens: totals.paidInputTokens,
    paidOutputTokens: totals.paidOutputTokens,
    dollars: totals.paidDollars,
    savedDollars: totals.cachedWouldBeDollars,
    unpricedCalls: totals.unpricedCalls,
    elapsedMs: performance.now() - startedAt,
    interrupted: stop.signal.aborted,
  };
  progress.finish(snapshot());
  if (stoppedBy) throw RunStoppedError.of(summary, stoppedBy, options.stage);
  if (options.handleInterrupt && summary.interrupted) log(formatRunSummary(summary));
  return { results, summary };
}

function toResult(item: Pending): RunItemResult {
  const result: RunItemResult = { request: item.request, status: item.status ?? "skipped" };
  if (item.completion) result.completion = item.completion;
  if (item.error) result.error = item.error;
  return result;
}

function kindOf(error: unknown): CallFailureKind | undefined {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return typeof kind === "string" && (error as { name?: unknown }).name === "ModelCallError" ? (kind as CallFailureKind) : undefined;
}

/** The one line a run stops with: the adapter's message names provider, model, host:port and what to set. */
function providerErrorOf(error: unknown, attempts: number): ProviderError {
  const suffix = kindOf(error) === "unreachable" ? ` (gave up after ${attempts} attempts)` : "";
  return new ProviderError(`${messageOf(error)}${suffix}`, { cause: error });
}

/** How failures are grouped in the closing summary: by HTTP status or kind, else by the message. */
function reasonOf(error: RunItemError | undefined): string {
  if (!error) return "call failed";
  if (error.status !== undefined) return `HTTP ${error.status}${error.kind && error.kind !== "other" ? ` (${error.kind.replace(/-/g, " ")})` : ""}`;
  if (error.kind && error.kind !== "other") return error.kind.replace(/-/g, " ");
  return error.message.length > 80 ? `${error.message.slice(0, 77)}...` : error.message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function failureOf(error: unknown, attempts: number): RunItemError {
  const failure: RunItemError = { message: messageOf(error), attempts };
  const status = statusOf(error);
  if (status !== undefined) failure.status = status;
  const kind = kindOf(error);
  if (kind !== undefined && kind !== "other") failure.kind = kind;
  return failure;
}

function skippedError(attempts: number, lastError: unknown): RunItemError {
  const message =
    "not finished: the run was interrupted" + (lastError === undefined ? "" : ` (last error: ${messageOf(lastError)})`);
  const skipped: RunItemError = { message, attempts };
  const status = statusOf(lastError);
  if (status !== undefined) skipped.status = status;
  return skipped;
}

function interruptError(): Error {
  const error = new Error("Interrupted (Ctrl-C)");
  error.name = "AbortError";
  return error;
}
