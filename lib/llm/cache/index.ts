export { CACHE_KEY_VERSION, cacheKey, cacheKeyMaterial, canonicalJson } from "./cache-key";
export { ResponseCache, defaultCachePath, openCache } from "./response-cache";
export type { Billing, CacheEntry, CacheMode, OpenCacheOptions } from "./response-cache";
export { CacheMissError, withCache } from "./cached-adapter";
export type { CachedModelAdapter } from "./cached-adapter";
