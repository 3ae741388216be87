import { ModelCallError } from "../types";
import type { CallOptions, Completion, ModelAdapter, ModelRequest } from "../types";
import { lookupProvider } from "../provider-lookup";
import { sleep } from "../runner/sleep";
import { cacheKey } from "./cache-key";
import type { CacheMode, ResponseCache } from "./response-cache";

/**
 * A read-only cache has no answer for a request. It is a ModelCallError (not retryable) so a runner
 * records it as that item's failure with this message and goes on.
 */
export class CacheMissError extends ModelCallError {
  readonly key: string;
  readonly stage?: string;
  readonly itemId?: string;
  constructor(request: ModelRequest, key: string) {
    const stage = request.metadata.stage ?? "(no stage)";
    const item = request.metadata.itemId ?? "(no item id)";
    super(
      `read-only cache has no response for stage ${stage}, item ${item} (${request.provider}/${request.model}, key ${key.slice(0, 12)}); ` +
        `run in read-write mode to call the model`,
      { retryable: false },
    );
    this.name = "CacheMissError";
    this.key = key;
    this.stage = request.metadata.stage;
    this.itemId = request.metadata.itemId;
  }
}

export interface CachedModelAdapter extends ModelAdapter {
  readonly cache: ResponseCache;
  readonly mode: CacheMode;
  readonly inner: ModelAdapter;
}

/** First and longest pause between checks for an answer another process is paying for (ms). */
const FIRST_WAIT_MS = 5;
const LONGEST_WAIT_MS = 200;

/**
 * Wraps an adapter with the response cache. Hits come back with `cached: true`. Identical requests in
 * flight at the same time reach the model once: within a process the followers share the leader's call;
 * across processes sharing the cache file, a miss first claims the key (claims.ts) and a process that finds
 * it claimed waits for the answer to appear in the cache. Either way the follower's answer is marked
 * cached, since only one call was paid. Errors are never stored, so a failed request is retried next time.
 */
export function withCache(adapter: ModelAdapter, cache: ResponseCache, mode: CacheMode = cache.mode): CachedModelAdapter {
  const inFlight = new Map<string, Promise<Completion>>();
  const inProcess = adapter.inProcess ?? lookupProvider(adapter.provider)?.simulated === true;

  async function callOnce(key: string, request: ModelRequest, options?: CallOptions): Promise<Completion> {
    if (inProcess) {
      // An in-process adapter (the simulator) costs nothing and answers the same every time: no claims, and its
      // answers are written in groups (a commit per answer was most of a cold sim run's time).
      const completion = await adapter.complete(request, options);
      cache.putSoon(key, request, { ...completion, cached: false });
      return { ...completion, cached: false };
    }
    let waitMs = FIRST_WAIT_MS;
    for (;;) {
      const claim = cache.claim(key);
      if (claim.kind === "answered") {
        const stored = cache.getFresh(key);
        if (stored) return stored;
      } else if (claim.kind === "claimed") {
        // Renewed while the call runs, so a slow call keeps its claim and a killed process's lapses.
        const renew = setInterval(() => cache.renewClaim(key), Math.max(1, Math.floor(cache.claimLeaseMs / 3)));
        renew.unref?.();
        try {
          const completion = await adapter.complete(request, options);
          cache.put(key, request, { ...completion, cached: false });
          return { ...completion, cached: false };
        } catch (error) {
          cache.releaseClaim(key);
          throw error;
        } finally {
          clearInterval(renew);
        }
      }
      await sleep(waitMs, options?.signal);
      waitMs = Math.min(LONGEST_WAIT_MS, waitMs * 2);
      const stored = cache.getFresh(key);
      if (stored) return stored;
    }
  }

  async function complete(request: ModelRequest, options?: CallOptions): Promise<Completion> {
    if (mode === "off") return adapter.complete(request, options);
    const key = cacheKey(request);
    const hit = cache.get(key);
    if (hit) return hit;
    if (mode === "read-only") throw new CacheMissError(request, key);
    const pending = inFlight.get(key);
    if (pending) {
      const shared = await pending;
      return { ...shared, cached: true };
    }
    const call = callOnce(key, request, options);
    inFlight.set(key, call);
    try {
      return await call;
    } finally {
      inFlight.delete(key);
    }
  }

  return { provider: adapter.provider, cache, mode, inner: adapter, complete };
}
