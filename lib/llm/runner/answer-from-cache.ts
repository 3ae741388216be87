import { cacheKey } from "../cache/cache-key";
import type { CachedModelAdapter } from "../cache/cached-adapter";
import type { Completion, ModelRequest } from "../types";
import type { RunOptions } from "./run-types";

const CACHE_CHUNK = 5000;

/**
 * Before any call, answers every request the model's cache already holds, with the cache's bulk read
 * (shared read transactions: a resumed 470,000-call run is replayed in seconds, not one lookup at a time).
 * Works when `model` is a withCache adapter; otherwise every request goes through complete().
 */
export async function answerFromCache(
  model: RunOptions["model"],
  items: Array<{ request: ModelRequest; status?: unknown }>,
  signal: AbortSignal,
  onHit: (index: number, completion: Completion) => void,
  /** After each chunk that had hits: one progress update per chunk instead of one per hit. */
  onChunk?: () => void,
): Promise<void> {
  const cached = model as Partial<CachedModelAdapter>;
  if (!cached.cache || cached.mode === "off" || typeof cached.cache.getMany !== "function") return;
  for (let start = 0; start < items.length && !signal.aborted; start += CACHE_CHUNK) {
    const end = Math.min(items.length, start + CACHE_CHUNK);
    const keys: string[] = [];
    for (let index = start; index < end; index++) keys.push(cacheKey(items[index].request));
    const hits = cached.cache.getMany(keys);
    let found = 0;
    for (let offset = 0; offset < hits.length; offset++) {
      const hit = hits[offset];
      if (hit) {
        found += 1;
        onHit(start + offset, hit);
      }
    }
    if (found > 0) onChunk?.();
    // Lets Ctrl-C and progress output through between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
