/**
 * Child process for the kill -9 batch test: submits a batch to the loopback server and then polls
 * slowly until the parent kills it. Not a test file itself.
 */
import { executeBatch } from "../../lib/llm/batch/execute-batch";
import { openCache } from "../../lib/llm/cache/response-cache";
import type { ModelRequest } from "../../lib/llm/types";
// Providers are modules: the Batch executor finds each provider's Batch client in the registry.
import "../../lib/providers/registry";

const [path, baseURL, count] = process.argv.slice(2);
const requests: ModelRequest[] = Array.from({ length: Number(count) }, (_, index) => ({
  provider: "openai",
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: `killed ${index}` }],
  metadata: { stage: "batchKill", itemId: `k${index}` },
}));
void executeBatch(requests, {
  adapterProvider: "openai",
  cache: openCache({ path }),
  connection: { apiKey: "child-key-123456", baseURL },
  pollIntervalMs: 600_000,
  onProgress: (progress) => {
    if (progress.batches.length > 0) process.stdout.write("submitted\n");
  },
});
