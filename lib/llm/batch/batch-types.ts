import type { Completion, ModelCallError, ModelRequest } from "../types";

export interface BatchItem {
  customId: string;
  cacheKey: string;
  request: ModelRequest;
}

export type BatchState = "pending" | "ended";

export interface BatchStatus {
  state: BatchState;
  /** The provider's own status word (in_progress, completed, expired, ended...). */
  providerStatus: string;
  /** The provider's request counts, when it gives them: answered, failed, of total. */
  counts?: { done: number; failed: number; total: number };
  /**
   * Why the provider refused the whole batch (OpenAI: `errors.data` of a batch that failed validation), one
   * reason each, naming the input line when the provider does.
   */
  reasons?: string[];
}

/** One provider's Batch API: submit a set of requests, poll, collect results by custom id. */
export interface BatchBackend {
  readonly provider: string;
  readonly maxRequestsPerBatch: number;
  submit(items: BatchItem[], signal?: AbortSignal): Promise<{ batchId: string; inputFileId?: string }>;
  status(batchId: string, signal?: AbortSignal): Promise<BatchStatus>;
  /** Results for the items the provider reported; items it did not report are the caller's to mark failed. */
  collect(batchId: string, items: Map<string, BatchItem>, submittedAt: string, signal?: AbortSignal): Promise<Map<string, Completion | ModelCallError>>;
  /** Asks the provider to cancel a batch; returns the status it reports; failures are normalized ModelCallErrors. */
  cancel?(batchId: string, signal?: AbortSignal): Promise<string>;
}

export interface BatchProgress {
  total: number;
  /** Answered from the cache before anything was submitted. */
  cached: number;
  /** Requests in batches that have not ended yet. */
  pending: number;
  completed: number;
  failed: number;
  batches: Array<{ id: string; status: string; requests: number }>;
  /** Requests sent again in follow-up batches after failing transiently (5xx, api_error, expired lines). */
  resubmitted?: number;
}
