import { UsageError } from "../../errors";
import { batchProvider, executeBatch } from "../batch/execute-batch";
import type { ExecuteBatchOptions } from "../batch/execute-batch";
import type { BatchProgress } from "../batch/batch-types";
import type { ResponseCache } from "../cache/response-cache";
import type { Completion, ModelRequest, ProviderName } from "../types";
import { statusOf } from "./backoff";
import type { RunItemError, RunOptions } from "./run-types";

/** Follow-up batches per run for lines that failed transiently (bounded: a line failing every time fails the run). */
const FOLLOW_UP_BATCHES = 2;

/** Settings for mode "batch", passed on to llm-core's executeBatch. */
export interface BatchModeOptions {
  /** Where results and batch ids are kept; default the cache of `model` (a withCache adapter). */
  cache?: ResponseCache;
  /** Between status checks; default 30 s. */
  pollIntervalMs?: number;
  connection?: ExecuteBatchOptions["connection"];
  maxRequestsPerBatch?: number;
  /** Backend override (tests). */
  backend?: ExecuteBatchOptions["backend"];
}

export interface BatchTotals {
  completed: number;
  cached: number;
  failed: number;
  pending: number;
}

function cacheOf(options: RunOptions): ResponseCache {
  const cache = options.batch?.cache ?? (options.model as { cache?: ResponseCache }).cache;
  if (!cache) {
    throw new UsageError("mode \"batch\" needs the response cache: pass model: withCache(adapter, cache) or batch: { cache }");
  }
  return cache;
}

/**
 * Mode "batch": the requests go to the providers' Batch APIs (one executeBatch per provider), which answer
 * from the cache where they can, resume polling batches submitted by an interrupted run, and store every
 * result in the cache. Completions and failures are reported per input index once the batches have ended.
 */
export async function runBatchMode(
  requests: ModelRequest[],
  options: RunOptions,
  signal: AbortSignal,
  onCompletion: (index: number, completion: Completion) => void,
  onFailure: (index: number, error: RunItemError) => void,
  onProgress: (totals: BatchTotals) => void,
): Promise<void> {
  const cache = cacheOf(options);
  const groups = new Map<ProviderName, number[]>();
  for (const [index, request] of requests.entries()) {
    if (!groups.has(request.provider)) batchProvider(request.provider, `request ${index} is for ${request.provider}, which`);
    const group = groups.get(request.provider) ?? [];
    group.push(index);
    groups.set(request.provider, group);
  }
  const latest = new Map<ProviderName, BatchProgress>();
  const report = () => {
    const totals: BatchTotals = { completed: 0, cached: 0, failed: 0, pending: 0 };
    for (const progress of latest.values()) {
      totals.completed += progress.completed;
      totals.cached += progress.cached;
      totals.failed += progress.failed;
      totals.pending += progress.pending;
    }
    onProgress(totals);
  };
  await Promise.all(
    [...groups.entries()].map(async ([provider, indices]) => {
      const outcomes = await executeBatch(
        indices.map((index) => requests[index]),
        {
          adapterProvider: provider,
          cache,
          signal,
          pollIntervalMs: options.batch?.pollIntervalMs,
          // Lines that failed transiently are sent again in the same run (then the summary counts what still failed).
          followUpBatches: FOLLOW_UP_BATCHES,
          connection: options.batch?.connection,
          maxRequestsPerBatch: options.batch?.maxRequestsPerBatch,
          backend: options.batch?.backend,
          onProgress: (progress) => {
            // Lines sent again in a follow-up batch count as retries in the closing summary ("batch follow-up: N").
            const before = latest.get(provider)?.resubmitted ?? 0;
            for (let count = before; count < (progress.resubmitted ?? 0); count++) options.ledger?.report.recordRetry("batch follow-up");
            latest.set(provider, progress);
            report();
          },
        },
      );
      outcomes.forEach((outcome, position) => {
        const index = indices[position];
        if (outcome instanceof Error) {
          const failure: RunItemError = { message: outcome.message, attempts: 1 };
          const status = statusOf(outcome);
          if (status !== undefined) failure.status = status;
          onFailure(index, failure);
        } else {
          onCompletion(index, outcome);
        }
      });
    }),
  );
}
