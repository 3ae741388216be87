import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ProviderError, UsageError } from "../../lib/errors";
import { cancelBatch } from "../../lib/llm/batch/cancel-batch";
// The Batch client comes from the provider's module, found through the registry.
import "../../lib/providers/registry";
import { startOpenAiServer, type LoopbackServer } from "../support/openai-server";

describe("cancelBatch asks the provider module for its Batch client", () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startOpenAiServer({});
  });
  after(() => server.close());

  test("a provider without a Batch API, or an unknown one, is a usage error", async () => {
    await assert.rejects(cancelBatch("local", "batch_1", { env: {} }), (error: unknown) => error instanceof UsageError && /local.*no Batch API/.test(error.message));
    await assert.rejects(cancelBatch("nope", "batch_1", { env: {} }), (error: unknown) => error instanceof UsageError && /nope.*no Batch API/.test(error.message));
  });

  test("a failed cancel is one ProviderError line naming the provider and the batch, sent to the configured server", async () => {
    const before = server.requests.length;
    await assert.rejects(
      cancelBatch("openai", "batch_abc", { env: { OPENAI_API_KEY: "sk-cancel-test-123456", OPENAI_BASE_URL: server.baseURL }, envFile: "/nonexistent/.env" }),
      (error: unknown) => error instanceof ProviderError && /^cancelling openai batch batch_abc failed: /.test(error.message) && !error.message.includes("\n"),
    );
    assert.equal(server.requests.length, before + 1, "one request, to the loopback server");
    assert.match(server.requests.at(-1)!.path, /batches\/batch_abc\/cancel/);
  });
});
