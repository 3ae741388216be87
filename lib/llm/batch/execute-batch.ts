import { ProviderError, UsageError } from "../../errors";
import { endpointOf } from "../adapters/provider-failure";
import { CacheMissError } from "../cache/cached-adapter";
import { cacheKey } from "../cache/cache-key";
import type { ResponseCache } from "../cache/response-cache";
import { connectionSettings } from "../environment";
import type { ConnectionSettings, EnvironmentOptions } from "../environment";
import type { ProviderDefinition } from "../provider-definition";
import { lookupProvider } from "../provider-lookup";
import { sleep } from "../runner/sleep";
import { ModelCallError } from "../types";
import type { Completion, ModelRequest, ProviderName } from "../types";
import { BatchStore } from "./batch-store";
import type { BatchBackend, BatchItem, BatchProgress } from "./batch-types";

export interface ExecuteBatchOptions {
  /** Whose Batch API: a registered provider with capabilities.batch (every request must be for this provider). */
  adapterProvider: ProviderName;
  /** Results land here; submitted batch ids are kept in the same file. Must not be mode "off". */
  cache: ResponseCache;
  /** Between status checks; default 30 s (batches take minutes to hours). */
  pollIntervalMs?: number;
  onProgress?: (progress: BatchProgress) => void;
  signal?: AbortSignal;
  /** Key and base URL; default from the environment / .env, read only if something must be submitted or polled. */
  connection?: ConnectionSettings;
  environment?: EnvironmentOptions;
  /** Split into batches of at most this many requests (default: the provider's limit). */
  maxRequestsPerBatch?: number;
  /**
   * Consecutive retryable failures (5xx, 429, dropped connections) while polling or collecting one
   * batch before giving up; the batch stays recorded, so a later call resumes it. Default 10.
   */
  maxPollErrors?: number;
  /** Backend override (tests of the orchestration). */
  backend?: BatchBackend;
  /**
   * Follow-up batches, at most, for lines that failed transiently (5xx, api_error, expired): sent within the same
   * call once the batches have ended; still failing after them, they come back as failures. Default 0.
   */
  followUpBatches?: number;
  /** Lines about polling (provider status and counts, resumed and follow-up batches, refusal reasons); default stderr. */
  log?: (line: string) => void;
}

/** The registered provider, if it has a Batch API; else a UsageError. */
export function batchProvider(name: ProviderName, what = `provider ${name}`): ProviderDefinition & Required<Pick<ProviderDefinition, "createBatchClient">> {
  const provider = lookupProvider(name);
  if (!provider?.capabilities.batch || !provider.createBatchClient) {
    throw new UsageError(`${what} has no Batch API; run it online instead (drop --batch / mode "batch")`);
  }
  return provider as ProviderDefinition & Required<Pick<ProviderDefinition, "createBatchClient">>;
}

/** The provider module's Batch client, connected from the options or else the environment when first used. */
function backendFor(options: ExecuteBatchOptions): BatchBackend {
  if (options.backend) return options.backend;
  const provider = batchProvider(options.adapterProvider);
  return provider.createBatchClient({ connection: () => options.connection ?? connectionSettings(provider, options.environment) });
}

/** A batch id as the providers write them (batch_..., msgbatch_...): anything else is not a batch. */
const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{2,200}$/;

/** The first line of a message, shortened: a server answering with an HTML page must not flood the terminal. */
function firstLine(message: string): string {
  const line = message.split("\n")[0].replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** Statuses after which a batch has no results for the items it did not finish. */
const BATCH_FAILED = new Set(["failed"]);
/** Polls of a batch at a server that never answered in this run before the run stops (exit 3), this far apart. */
const UNREACHABLE_POLLS = 3;
const UNREACHABLE_POLL_DELAY_MS = 1_000;
/** Reasons of a refused batch printed one line each, at most. */
const MAX_REASON_LINES = 10;

/**
 * The reasons a provider refused a whole batch as invalid, or undefined when it did not: an OpenAI batch that
 * failed validation (its errors.data), or a batch of which every line was refused as an invalid request
 * (Anthropic's invalid_request_error), named by custom id.
 */
function refusedBatch(providerStatus: string, reasons: string[] | undefined, successes: number, failed: ReadonlyArray<[BatchItem, ModelCallError]>): string[] | undefined {
  if (successes > 0) return undefined;
  if (BATCH_FAILED.has(providerStatus) && reasons?.length) return reasons;
  if (failed.length > 0 && failed.every(([, error]) => error.kind === "rejected" || (!error.retryable && /invalid_request/.test(error.message)))) {
    return failed.map(([item, error]) => `${item.customId.slice(0, 16)}: ${firstLine(error.message.replace(/^.*?request errored: /, ""))}`);
  }
  return undefined;
}


/**
 * Runs requests through a provider's Batch API at Batch prices. Requests already in the cache are not
 * sent; requests inside a batch submitted by an earlier (interrupted) run are polled, not resubmitted;
 * the rest are submitted, and every batch id is stored before polling starts. Successful results go
 * into the cache (billed "batch"); failures come back as ModelCallError in the same position and are
 * not cached, so a later run resubmits them. Aborting stops polling; submitted batches keep running
 * at the provider and the next call collects them.
 */
export async function executeBatch(requests: ModelRequest[], options: ExecuteBatchOptions): Promise<Array<Completion | ModelCallError>> {
  const { cache, signal } = options;
  const provider = options.adapterProvider;
  for (const [index, request] of requests.entries()) {
    if (request.provider !== provider) {
      throw new UsageError(`request ${index} (${request.metadata.itemId ?? "no item id"}) is for ${request.provider}, not ${provider}`);
    }
  }
  if (cache.mode === "off" || !cache.database) {
    throw new UsageError("Batch mode needs the response cache (mode read-write): results and batch ids are kept there");
  }
  const keys = requests.map((request) => cacheKey(request));
  const results: Array<Completion | ModelCallError | undefined> = new Array(requests.length);
  const missing = new Map<string, ModelRequest>();
  let cachedCount = 0;
  const hits = cache.getMany(keys);
  for (const [index, key] of keys.entries()) {
    const hit = hits[index];
    if (hit) {
      results[index] = hit;
      cachedCount += 1;
    } else if (cache.mode === "read-only") {
      results[index] = new CacheMissError(requests[index], key);
    } else if (!missing.has(key)) {
      missing.set(key, requests[index]);
    }
  }

  const progress: BatchProgress = { total: requests.length, cached: cachedCount, pending: 0, completed: 0, failed: 0, batches: [] };
  const report = () => options.onProgress?.({ ...progress, batches: progress.batches.map((batch) => ({ ...batch })) });
  const outcomes = new Map<string, Completion | ModelCallError>();
  const requestsByKey = new Map(keys.map((key, index) => [key, requests[index]]));
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  if (missing.size > 0) {
    const store = new BatchStore(cache.database);
    const backend = backendFor(options);
    const where = () => {
      const definition = lookupProvider(provider);
      const settings = options.connection ?? (definition && connectionSettings(definition, options.environment));
      const endpoint = definition ? endpointOf(definition, settings?.baseURL) : settings?.baseURL;
      return `${provider} Batch API at ${endpoint ?? "(no endpoint)"}`;
    };
    const active = new Map<string, { submittedAt: string; items: Map<string, BatchItem> }>();

    for (const batch of store.unfinishedBatchesFor(provider, new Set(missing.keys()))) {
      const items = store.items(batch.batchId);
      active.set(batch.batchId, { submittedAt: batch.submittedAt, items });
      for (const item of items.values()) missing.delete(item.cacheKey);
      progress.batches.push({ id: batch.batchId, status: `${batch.status} (resumed)`, requests: items.size });
      progress.pending += items.size;
    }

    const size = Math.max(1, Math.min(options.maxRequestsPerBatch ?? backend.maxRequestsPerBatch, backend.maxRequestsPerBatch));
    const submitAll = async (toSubmit: BatchItem[], followUp: boolean) => {
      for (let start = 0; start < toSubmit.length; start += size) {
        const chunk = toSubmit.slice(start, start + size);
        let submitted: { batchId: string; inputFileId?: string };
        try {
          submitted = await backend.submit(chunk, signal);
        } catch (error) {
          if (signal?.aborted) throw error;
          const message = firstLine(error instanceof Error ? error.message : String(error));
          const missingEndpoints = (error as { status?: unknown }).status === 404 ? " (the server has no Batch endpoints: run without --batch)" : "";
          throw new ProviderError(`${where()}: submitting a batch failed: ${message}${missingEndpoints}`, { cause: error });
        }
        // Nothing is stored unless the answer is a batch: a stored fake id would be polled by every re-run.
        if (typeof submitted?.batchId !== "string" || !BATCH_ID.test(submitted.batchId)) {
          throw new ProviderError(`${where()}: the answer to creating a batch is not a batch (id ${JSON.stringify(firstLine(String(submitted?.batchId)))}); nothing was stored`);
        }
        const { batchId, inputFileId } = submitted;
        const stored = store.recordSubmission(batchId, provider, inputFileId, chunk);
        active.set(batchId, { submittedAt: stored.submittedAt, items: new Map(chunk.map((item) => [item.customId, item])) });
        progress.batches.push({ id: batchId, status: "submitted", requests: chunk.length });
        progress.pending += chunk.length;
        if (followUp) log(`${provider} batch ${batchId}: resubmitted ${chunk.length} request(s) that failed transiently (follow-up batch)`);
        report();
      }
    };
    for (const [batchId, batch] of active) log(`${provider} batch ${batchId}: resuming a batch a previous run submitted (${batch.items.size} requests, submitted ${batch.submittedAt})`);
    await submitAll([...missing.entries()].map(([key, request]): BatchItem => ({ customId: key, cacheKey: key, request })), false);
    report();

    const pollInterval = options.pollIntervalMs ?? 30_000;
    const pollErrors = new Map<string, number>();
    // Until the provider has answered once in this run, "cannot connect" is a wrong base URL, not a blip.
    let reachedProvider = false;
    for (let round = 0; ; round += 1) {
      while (active.size > 0) {
        let unreachableNow = false;
        for (const [batchId, batch] of [...active.entries()]) {
          const entry = progress.batches.find((candidate) => candidate.id === batchId);
          let collected: Map<string, Completion | ModelCallError>;
          let providerStatus: string;
          let reasons: string[] | undefined;
          try {
            const status = await backend.status(batchId, signal);
            reachedProvider = true;
            providerStatus = status.providerStatus;
            reasons = status.reasons;
            if (entry) entry.status = providerStatus;
            if (status.state !== "ended") {
              store.updateStatus(batchId, providerStatus);
              pollErrors.delete(batchId);
              const counts = status.counts ? `: ${status.counts.done}/${status.counts.total} answered, ${status.counts.failed} failed` : "";
              log(`${provider} batch ${batchId}: ${providerStatus}${counts}; next check in ${Math.round(pollInterval / 1000)} s`);
              continue;
            }
            collected = await backend.collect(batchId, batch.items, batch.submittedAt, signal);
            pollErrors.delete(batchId);
          } catch (error) {
            // A paid batch is not abandoned over a transient error: poll again next round.
            const failures = (pollErrors.get(batchId) ?? 0) + 1;
            pollErrors.set(batchId, failures);
            if (signal?.aborted) throw error;
            const message = firstLine(error instanceof Error ? error.message : String(error));
            if (!(error instanceof ModelCallError) || !error.retryable) {
              // The provider does not know this batch (or refuses to show it): polling it again can never succeed.
              store.markFinished(batchId, `lost: ${message}`);
              throw new ProviderError(`${where()}: batch ${batchId} cannot be read: ${message}; it is marked finished, so re-running submits its requests again`, { cause: error });
            }
            if (error.kind === "unreachable" && !reachedProvider) {
              unreachableNow = true;
              if (failures >= UNREACHABLE_POLLS) {
                throw new ProviderError(`${where()}: cannot reach the server to poll batch ${batchId} (${message}); check the base URL and that the server is running; the batch stays recorded and the next run polls it`, { cause: error });
              }
              continue;
            }
            if (failures > (options.maxPollErrors ?? 10)) {
              // Still retryable: the batch stays recorded and the next run polls it again (the CLI exits 3 with this line).
              throw new ModelCallError(
                `${where()}: batch ${batchId} failed ${failures} polls in a row (${message}); re-run to poll it again, or \`persona-talks batches forget ${batchId}\` to give it up`,
                { retryable: true, kind: error.kind, status: error.status, cause: error },
              );
            }
            if (entry) entry.status = `poll failed (${failures}x, will retry): ${error.message}`;
            continue;
          }
          const successes: Array<{ key: string; request: ModelRequest; completion: Completion; billing: "batch" }> = [];
          const failed: Array<[BatchItem, ModelCallError]> = [];
          for (const item of batch.items.values()) {
            const outcome =
              collected.get(item.customId) ??
              new ModelCallError(`${provider} batch ${batchId} ended (${providerStatus}) without a result for this request`, { retryable: true, kind: "other" });
            outcomes.set(item.cacheKey, outcome);
            if (outcome instanceof ModelCallError) {
              progress.failed += 1;
              failed.push([item, outcome]);
            } else {
              successes.push({ key: item.cacheKey, request: item.request, completion: outcome, billing: "batch" });
              progress.completed += 1;
            }
          }
          // Results and the batch's finished mark are written together, so a crash here collects again rather than losing answers.
          cache.database.transaction(() => {
            cache.putMany(successes);
            store.markFinished(batchId, providerStatus);
          })();
          progress.pending -= batch.items.size;
          active.delete(batchId);
          const refused = refusedBatch(providerStatus, reasons, successes.length, failed);
          if (refused) {
            // The provider refused the input itself: the same input fails the same way, so no "re-run" advice.
            for (const reason of refused.slice(0, MAX_REASON_LINES)) log(`${provider} batch ${batchId}: ${reason}`);
            if (refused.length > MAX_REASON_LINES) log(`${provider} batch ${batchId}: ... and ${refused.length - MAX_REASON_LINES} more`);
            throw new ProviderError(`${where()}: batch ${batchId} was refused as invalid (${firstLine(refused[0])}${refused.length > 1 ? `, and ${refused.length - 1} more` : ""}); nothing was answered; fix the requests (model, parameters) before running again`);
          }
          if (BATCH_FAILED.has(providerStatus) && successes.length === 0) {
            // The provider failed the whole batch: one error, not N failed items.
            const example = failed[0]?.[1];
            throw new ProviderError(`${where()}: batch ${batchId} failed at the provider${example ? ` (${firstLine(example.message)})` : ""}; nothing was answered`);
          }
        }
        report();
        if (active.size > 0) {
          await sleep(unreachableNow ? Math.min(pollInterval, UNREACHABLE_POLL_DELAY_MS) : pollInterval, signal).catch(() => {
            throw new ModelCallError("batch polling aborted", { retryable: false });
          });
        }
      }
      // Lines that failed transiently (5xx, api_error, expired) go into a follow-up batch, a bounded number of times.
      const retry = [...outcomes.entries()].filter(([, outcome]) => outcome instanceof ModelCallError && outcome.retryable).map(([key]) => key);
      if (retry.length === 0 || round >= (options.followUpBatches ?? 0) || signal?.aborted) break;
      const items: BatchItem[] = [];
      for (const key of retry) {
        const request = requestsByKey.get(key);
        if (!request) continue;
        outcomes.delete(key);
        progress.failed -= 1;
        items.push({ customId: key, cacheKey: key, request });
      }
      progress.resubmitted = (progress.resubmitted ?? 0) + items.length;
      await submitAll(items, true);
    }
  } else {
    report();
  }

  const delivered = new Set<string>();
  return keys.map((key, index) => {
    const existing = results[index];
    if (existing) return existing;
    const outcome = outcomes.get(key) ?? cache.get(key);
    if (!outcome) {
      return new ModelCallError(`${provider} batch: no result for request ${index} (${requests[index].metadata.itemId ?? "no item id"})`, { retryable: true });
    }
    if (outcome instanceof ModelCallError) return outcome;
    // The same request twice in one call is paid once: the repeats are marked cached.
    const first = !delivered.has(key) && !outcome.cached;
    delivered.add(key);
    return { ...outcome, cached: !first };
  });
}
