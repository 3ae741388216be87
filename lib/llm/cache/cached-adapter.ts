import { ModelCallError } from "../types";
import type { CallOptions, Completion, ModelAdapter, ModelRequest } from "../types";
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

/**
 * Wraps an adapter with the response cache. Hits come back with `cached: true`. Identical requests in
 * flight at the same time reach the model once; the followers get the leader's answer marked cached,
 * since only one call was paid. Errors are never stored, so a failed request is retried next time.
 */
export function withCache(adapter: ModelAdapter, cache: ResponseCache, mode: CacheMode = cache.mode): CachedModelAdapter {
  const inFlight = new Map<string, Promise<Completion>>();

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
    const call = (async () => {
      const completion = await adapter.complete(request, options);
      cache.put(key, request, { ...completion, cached: false });
      return { ...completion, cached: false };
    })();
    inFlight.set(key, call);
    try {
      return await call;
    } finally {
      inFlight.delete(key);
    }
  }

  return { provider: adapter.provider, cache, mode, inner: adapter, complete };
}
