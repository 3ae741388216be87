import { cacheKey } from "../cache/cache-key";
import type { ModelRequest, ProviderName } from "../types";
import { defaultPricing } from "./default-pricing";
import { formatDollars } from "./ledger";
import type { PriceFunction } from "./pricing";
import { DEFAULT_OUTPUT_RESERVATION, estimateInputTokens } from "./token-estimate";

export interface EstimateOptions {
  /**
   * Output tokens to assume per call (a number, or per request). Default: the request's maxTokens, else
   * DEFAULT_OUTPUT_RESERVATION, i.e. an upper bound. Inventory answers are a few tokens: pass e.g. 5.
   */
  expectedOutputTokens?: number | ((request: ModelRequest) => number);
  /** Requests already in this cache are counted as cached and priced at $0. */
  cache?: { has(key: string): boolean };
  /** Default: the project's price registry. */
  pricing?: PriceFunction;
}

/** The estimate for one provider × model. Token and dollar figures cover the calls still to make. */
export interface EstimateRow {
  provider: ProviderName;
  model: string;
  calls: number;
  cachedCalls: number;
  callsToMake: number;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when the model has no known list (or Batch) price. */
  listDollars?: number;
  batchDollars?: number;
}

export interface RunEstimate {
  calls: number;
  /** Already answered in the given cache (0 without a cache). */
  cachedCalls: number;
  callsToMake: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum over models with a known price; see unpricedModels. */
  listDollars: number;
  batchDollars: number;
  /** "provider:model" whose list or Batch price is unknown: their dollars are missing from the sums. */
  unpricedModels: string[];
  /** How output tokens were assumed, for the printed summary. */
  outputAssumption: string;
  rows: EstimateRow[];
}

/**
 * What a run would cost before making it: calls, tokens (about four characters per token) and dollars at list
 * and at Batch prices. Cached calls are free. Pure apart from the optional cache lookups.
 */
export function estimateRun(requests: ModelRequest[], options: EstimateOptions = {}): RunEstimate {
  const pricing = options.pricing ?? defaultPricing;
  const expected = options.expectedOutputTokens;
  const outputFor = (request: ModelRequest): number =>
    typeof expected === "function" ? expected(request) : (expected ?? request.maxTokens ?? DEFAULT_OUTPUT_RESERVATION);
  const rows = new Map<string, EstimateRow & { listKnown: boolean; batchKnown: boolean }>();
  // A plan repeats stand-in request objects (one per persona and statement): each distinct object is hashed,
  // looked up and priced once, so a paper-scale estimate of ~480,000 calls takes well under a second.
  type Known = { row: EstimateRow & { listKnown: boolean; batchKnown: boolean }; cached: boolean; usage: { inputTokens: number; outputTokens: number }; list?: number; batch?: number };
  const seen = new Map<ModelRequest, Known>();

  let previous: ModelRequest | undefined;
  let previousKnown: Known | undefined;
  for (const request of requests) {
    // The row is found once per distinct object too: a grid's plan repeats a few hundred objects millions of times
    // (in runs of the same object, which skip the lookup).
    let known = request === previous ? previousKnown : seen.get(request);
    if (!known) {
      const key = JSON.stringify([request.provider, request.model]);
      let row = rows.get(key);
      if (!row) {
        row = {
          provider: request.provider, model: request.model,
          calls: 0, cachedCalls: 0, callsToMake: 0, inputTokens: 0, outputTokens: 0,
          listDollars: 0, batchDollars: 0, listKnown: true, batchKnown: true,
        };
        rows.set(key, row);
      }
      const usage = { inputTokens: estimateInputTokens(request), outputTokens: outputFor(request) };
      known = {
        row,
        cached: options.cache?.has(cacheKey(request)) ?? false,
        usage,
        list: pricing(request.provider, request.model, usage, "list"),
        batch: pricing(request.provider, request.model, usage, "batch"),
      };
      seen.set(request, known);
    }
    previous = request;
    previousKnown = known;
    const row = known.row;
    row.calls += 1;
    if (known.cached) {
      row.cachedCalls += 1;
      continue;
    }
    row.callsToMake += 1;
    const { usage, list, batch } = known;
    row.inputTokens += usage.inputTokens;
    row.outputTokens += usage.outputTokens;
    if (list === undefined) row.listKnown = false;
    else row.listDollars! += list;
    if (batch === undefined) row.batchKnown = false;
    else row.batchDollars! += batch;
  }

  const finalRows: EstimateRow[] = [...rows.values()].map(({ listKnown, batchKnown, ...row }) => {
    const result: EstimateRow = { ...row };
    if (!listKnown) delete result.listDollars;
    if (!batchKnown) delete result.batchDollars;
    return result;
  });
  const sum = (field: "calls" | "cachedCalls" | "callsToMake" | "inputTokens" | "outputTokens") =>
    finalRows.reduce((total, row) => total + row[field], 0);
  return {
    calls: sum("calls"),
    cachedCalls: sum("cachedCalls"),
    callsToMake: sum("callsToMake"),
    inputTokens: sum("inputTokens"),
    outputTokens: sum("outputTokens"),
    listDollars: finalRows.reduce((total, row) => total + (row.listDollars ?? 0), 0),
    batchDollars: finalRows.reduce((total, row) => total + (row.batchDollars ?? 0), 0),
    unpricedModels: finalRows
      .filter((row) => row.callsToMake > 0 && (row.listDollars === undefined || row.batchDollars === undefined))
      .map((row) => `${row.provider}:${row.model}`),
    outputAssumption:
      typeof expected === "number"
        ? `${expected} output tokens per call`
        : typeof expected === "function"
          ? "output tokens per call as given"
          : `output tokens = each request's maxTokens (else ${DEFAULT_OUTPUT_RESERVATION}): an upper bound`,
    rows: finalRows,
  };
}

/** A short printable summary of an estimate. */
export function formatEstimate(estimate: RunEstimate): string {
  const lines = [
    `${estimate.calls} calls, ${estimate.cachedCalls} already cached, ${estimate.callsToMake} to make.`,
    `About ${estimate.inputTokens.toLocaleString("en-US")} input + ${estimate.outputTokens.toLocaleString("en-US")} output tokens ` +
      `(${estimate.outputAssumption}).`,
    `Cost: ${formatDollars(estimate.listDollars)} at list prices, ${formatDollars(estimate.batchDollars)} with the Batch API.`,
  ];
  for (const row of estimate.rows) {
    lines.push(
      `  ${row.provider}:${row.model}: ${row.callsToMake}/${row.calls} calls to make, ` +
        `${row.inputTokens} in + ${row.outputTokens} out tokens, ` +
        `list ${row.listDollars === undefined ? "unknown" : formatDollars(row.listDollars)}, ` +
        `batch ${row.batchDollars === undefined ? "unknown" : formatDollars(row.batchDollars)}`,
    );
  }
  if (estimate.unpricedModels.length) {
    lines.push(`No price known for ${estimate.unpricedModels.join(", ")} (add it to its provider module in lib/providers/); not included above.`);
  }
  return lines.join("\n");
}
