import type { CacheMode } from "../llm/cache/response-cache";
import type { LedgerRow } from "../llm/runner/ledger";
import type { ProgressReporter } from "../llm/runner/progress";
import type { LimitTable, ModelLimits } from "../llm/runner/rate-limiter";
import type { RunMode, RunSummary } from "../llm/runner/run-types";
import type { ProviderName } from "../llm/types";
import type { PipelineContext } from "./pipeline-context";

/** Which model a stage talks to. */
export interface ModelChoice {
  provider: ProviderName;
  model: string;
}

/**
 * Rate limits for a pipeline: either the limits of the context's model ({ requestsPerMinute, tokensPerMinute }),
 * or a runner LimitTable keyed "provider:model" / "provider" / "*". Fields given replace the defaults from
 * lib/providers/<provider>.json field by field; 0 switches a limit off. `false`: no limits at all (ignore the defaults).
 */
export type PipelineLimits = ModelLimits | LimitTable | false;

/** Options every stage takes. */
export interface StageOptions {
  /** Default: the pipeline context's model, else defaultProvider() and its default model. */
  model?: Partial<ModelChoice>;
  /** How many input rows to use, sampled with `seed`; default all. */
  n?: number;
  /** Sampling seed (and the seed of every other random choice of the stage, e.g. judge A/B order); default 1. */
  seed?: number;
  /** Default "read-write". Ignored when a context is given (the context's cache is used). */
  cacheMode?: CacheMode;
  /** Calls in flight at once; default: the context's (8 unless set). */
  concurrency?: number;
  /**
   * Requests/min and tokens/min for this stage's runs; default: the context's (the model's defaults from
   * lib/providers/<provider>.json unless set). See PipelineLimits. Online mode only.
   */
  limits?: PipelineLimits;
  /**
   * "batch": send the calls through the provider's Batch API (OpenAI, Anthropic: half price, results within
   * 24 h, polled; interrupted runs resume polling). Default: the context's ("online" unless set). On sim
   * the calls run online with a note; on local (no Batch API) it is a UsageError.
   */
  mode?: RunMode;
  signal?: AbortSignal;
  /** Default: the runner's (a bar on stderr, or in place in a notebook); false for none. */
  progress?: ProgressReporter | false;
  /** Template text per prompt id for this stage only (new text, new hash, new cache keys). */
  promptOverrides?: Record<string, string>;
  /** Share one cache, adapter and ledger across stages (createPipelineContext); default: a private one, closed at the end. */
  context?: PipelineContext;
  /** Only build the requests: nothing is called; the result has no rows and `requests` lists what would be sent. */
  dryRun?: boolean;
  /** Send each prompt's JSON schema as structured output where the provider supports it; default false (the paper used plain prompts). */
  structuredOutput?: boolean;
}

/** The columns every stage row carries. */
export interface StageRowBase {
  stage: string;
  status: "ok" | "failed";
  /** Why the row failed (parse error after the one repair retry, or the call's error). */
  error: string | null;
  /** The model's raw output (the last attempt's), kept for every row. */
  raw: string | null;
  promptId: string;
  promptVersion: string;
  promptHash: string;
  provider: ProviderName;
  model: string;
  /** True when the first answer was malformed and the repair retry was needed. */
  repaired: boolean;
  /** True when every call behind the row came from the cache. */
  cached: boolean;
  /** True on the offline simulator: no model was called. */
  simulated: boolean;
}

export interface StageSummary {
  stage: string;
  provider: ProviderName;
  model: string;
  simulated: boolean;
  rows: number;
  failed: number;
  requests: number;
  repairRequests: number;
  /** The runner's summaries: first attempts, then repair retries (if any). Each says its mode. */
  runs: RunSummary[];
  /** How the calls were made: mode actually used, concurrency, limits per "provider:model" (online only). */
  execution: StageExecution;
  ledger: LedgerRow[];
}

export interface StageExecution {
  mode: RunMode;
  /** Set when the mode asked for differs from the mode used (Batch mode on sim runs online). */
  note?: string;
  concurrency: number;
  limits: LimitTable;
}

/** What every stage returns: plain rows, a DataFrame of them (loaded lazily), the failures and the run summary. */
export interface StageResult<Row extends StageRowBase = StageRowBase> {
  rows: Row[];
  /** A danfojs DataFrame of `rows` (object cells as JSON text); built on first access. */
  readonly frame: import("danfojs-node").DataFrame;
  failures: Row[];
  summary: StageSummary;
  simulated: boolean;
  /** Dry runs only: the requests that would be sent (price them with estimateRun). */
  planned?: import("../llm/types").ModelRequest[];
}
