import type { CacheMode } from "../llm/cache/response-cache";
import type { LedgerRow } from "../llm/runner/ledger";
import type { ProgressReporter } from "../llm/runner/progress";
import type { RunSummary } from "../llm/runner/run-types";
import type { ProviderName } from "../llm/types";
import type { PipelineContext } from "./pipeline-context";

/** Which model a stage talks to. */
export interface ModelChoice {
  provider: ProviderName;
  model: string;
}

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
  /** Calls in flight at once; default 8. */
  concurrency?: number;
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
  /** The runner's summaries: first attempts, then repair retries (if any). */
  runs: RunSummary[];
  ledger: LedgerRow[];
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
