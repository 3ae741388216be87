/**
 * Child process for cache-claims.test.ts: runs the same N requests as its sibling through the real OpenAI
 * adapter (pointed at the parent's loopback server) and the shared SQLite cache, printing one line per
 * finished request. Usage: node --import tsx claims-child.ts <baseURL> <cachePath> <N> <leaseMs>
 */
import { createOpenAiAdapter } from "../../lib/llm/adapters/openai-adapter";
import { openCache } from "../../lib/llm/cache/response-cache";
import { withCache } from "../../lib/llm/cache/cached-adapter";
import { runRequests } from "../../lib/llm/runner/run-requests";
import type { ModelRequest } from "../../lib/llm/types";

const [baseURL, cachePath, count, leaseMs] = process.argv.slice(2);
const cache = openCache({ path: cachePath, claimLeaseMs: Number(leaseMs) });
const model = withCache(createOpenAiAdapter({ connection: { apiKey: "sk-test-not-a-secret", baseURL } }), cache);
const requests: ModelRequest[] = Array.from({ length: Number(count) }, (_, index) => ({
  provider: "openai",
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: `Persona ${index % 7}: rate statement ${index}` }],
  maxTokens: 5,
  metadata: { stage: "claims-test", itemId: String(index) },
}));

runRequests(requests, { model, concurrency: 4, progress: false, onResult: (result, index) => process.stdout.write(`result ${index} ${result.status}\n`) })
  .then(({ summary }) => {
    process.stdout.write(`summary ${JSON.stringify(summary)}\n`);
    cache.close();
  })
  .catch((error: unknown) => {
    process.stderr.write(`child failed: ${String(error)}\n`);
    process.exitCode = 1;
  });
