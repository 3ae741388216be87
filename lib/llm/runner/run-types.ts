import type { CallFailureKind, Completion, ModelAdapter, ModelRequest } from "../types";
import type { FailureGroup, RetryCause } from "./run-report";
import type { RetryPolicy } from "./backoff";
import type { BatchModeOptions } from "./run-batch";
import type { Ledger } from "./ledger";
import type { PriceFunction } from "./pricing";
import type { ProgressReporter } from "./progress";
import type { LimitTable } from "./rate-limiter";

export type RunMode = "online" | "batch";

export interface RunOptions {
  /** Usually the cached adapter (withCache(adapter, cache)), so finished calls survive interruptions. */
  model: ModelAdapter;
  /** Most calls in flight at once; default 8. */
  concurrency?: number;
  /** Requests/min and tokens/min per "provider:model", "provider" or "*"; default none. */
  limits?: LimitTable;
  /** Retry policy (defaults: 6 attempts, 500 ms base, 60 s cap) and the seed of the jitter; default seed 1. */
  retry?: Partial<RetryPolicy> & { seed?: number };
  /** Aborting stops scheduling; calls in flight finish (their answers are paid for, so they are kept). */
  signal?: AbortSignal;
  /** Abort calls in flight too when `signal` aborts (they are then re-run next time). Default false. */
  abortInFlight?: boolean;
  /**
   * Handle Ctrl-C (SIGINT) for a CLI run: the first stops scheduling and lets calls in flight finish,
   * a second aborts them. runRequests then returns normally with `summary.interrupted`. Default false.
   */
  handleInterrupt?: boolean;
  /** Default: a bar on stderr, or an in-place bar in a tslab notebook. `false` for none. */
  progress?: ProgressReporter | false;
  /** Tokens and dollars are also added to this ledger (one ledger can span several runs). */
  ledger?: Ledger;
  /** Ledger/progress label; default each request's metadata.stage. */
  stage?: string;
  /**
   * "batch" hands the requests to the providers' Batch APIs (half price, results within 24 h) through
   * llm-core's executeBatch; default "online". Limits, retries and concurrency do not apply in batch mode.
   */
  mode?: RunMode;
  /** Settings for mode "batch" (poll interval, cache, connection). */
  batch?: BatchModeOptions;
  /** Default: the project's price registry. */
  pricing?: PriceFunction;
  /** Called as each request settles (in completion order), e.g. to stream results to a file. */
  onResult?: (result: RunItemResult, index: number) => void;
  /** Where interruption notices go; default stderr. */
  log?: (line: string) => void;
}

export type RunItemStatus = "paid" | "cached" | "failed" | "skipped";

export interface RunItemError {
  message: string;
  status?: number;
  /** Why the last attempt failed (see CallFailureKind). */
  kind?: CallFailureKind;
  /** Calls made for this request (0 if it never started). */
  attempts: number;
}

export interface RunItemResult {
  request: ModelRequest;
  /** paid: answered by the provider; cached: served by the cache; failed: gave up; skipped: not run (interrupted). */
  status: RunItemStatus;
  completion?: Completion;
  error?: RunItemError;
}

export interface RunSummary {
  mode: RunMode;
  total: number;
  /** Succeeded, cached included. */
  done: number;
  cached: number;
  paid: number;
  failed: number;
  skipped: number;
  /** Retries made (attempts beyond each request's first). */
  retries: number;
  /** The same, by cause (429, 5xx, timeout, dropped connection, malformed body...). */
  retriesByCause: Record<RetryCause, number>;
  /** Failed requests grouped by reason, one example each. */
  failures: FailureGroup[];
  paidInputTokens: number;
  paidOutputTokens: number;
  /** Dollars paid in this run (list or Batch prices by mode); unknown prices count as 0, see unpricedCalls. */
  dollars: number;
  /** What the cached calls would have cost. */
  savedDollars: number;
  unpricedCalls: number;
  elapsedMs: number;
  interrupted: boolean;
}

export interface RunResult {
  /** In input order. */
  results: RunItemResult[];
  summary: RunSummary;
}
