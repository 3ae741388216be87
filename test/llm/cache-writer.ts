/**
 * Child process for the two-writers test: writes `count` entries with its own prefix into one cache
 * file, one transaction per entry (the worst case for lock contention). Not a test file itself.
 */
import { openCache } from "../../lib/llm/cache/response-cache";
import type { Completion, ModelRequest } from "../../lib/llm/types";

const [path, prefix, countText] = process.argv.slice(2);
const cache = openCache({ path, mode: "read-write" });
for (let index = 0; index < Number(countText); index += 1) {
  const request: ModelRequest = {
    provider: "sim",
    model: "sim",
    messages: [{ role: "user", content: `${prefix} ${index}` }],
    metadata: { stage: "concurrency", itemId: `${prefix}-${index}` },
  };
  const completion: Completion = {
    provider: "sim",
    model: "sim",
    text: `${prefix}:${index}`,
    usage: { inputTokens: 1, outputTokens: 1 },
    raw: { index },
    latencyMs: 0,
    createdAt: new Date().toISOString(),
    cached: false,
    warnings: [],
  };
  cache.put(`${prefix}-${index}`, request, completion);
}
cache.close();
