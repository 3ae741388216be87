/**
 * Child process for resume.test.ts: runs N requests through the real OpenAI adapter (pointed at the
 * parent's loopback server) wrapped in the real SQLite cache, printing one line per finished request.
 * Usage: node --import tsx resume-child.ts <baseURL> <cachePath> <N>
 */
import { createOpenAiAdapter } from "../../../lib/llm/adapters/openai-adapter";
import { openCache } from "../../../lib/llm/cache/response-cache";
import { withCache } from "../../../lib/llm/cache/cached-adapter";
import { runRequests } from "../../../lib/llm/runner/run-requests";
import type { ModelRequest } from "../../../lib/llm/types";

const [baseURL, cachePath, count] = process.argv.slice(2);
const cache = openCache({ path: cachePath });
const model = withCache(createOpenAiAdapter({ connection: { apiKey: "sk-test-not-a-secret", baseURL } }), cache);
const requests: ModelRequest[] = Array.from({ length: Number(count) }, (_, index) => ({
  provider: "openai",
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: `item ${index}` }],
  maxTokens: 5,
  metadata: { stage: "resume-test", itemId: String(index) },
}));

runRequests(requests, {
  model,
  concurrency: 4,
  handleInterrupt: true,
  progress: false,
  retry: { baseDelayMs: 10, maxDelayMs: 50 },
  log: (line) => process.stderr.write(line + "\n"),
  onResult: (result, index) => process.stdout.write(`result ${index} ${result.status}\n`),
})
  .then(({ summary }) => {
    process.stdout.write(`summary ${JSON.stringify(summary)}\n`);
    cache.close();
  })
  .catch((error: unknown) => {
    process.stderr.write(`child failed: ${String(error)}\n`);
    process.exitCode = 1;
  });
