/**
 * Batch mode fails cleanly (issue 11): missing Batch endpoints, an answer that is not a batch, a batch the provider
 * does not know, a failed batch: one ProviderError line (exit 3), and nothing stored that a re-run would poll forever.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ProviderError } from "../../lib/errors";
import { executeBatch } from "../../lib/llm/batch/execute-batch";
import { BatchStore } from "../../lib/llm/batch/batch-store";
import type { BatchBackend } from "../../lib/llm/batch/batch-types";
import { openCache } from "../../lib/llm/cache/response-cache";
import { ModelCallError, type ModelRequest } from "../../lib/llm/types";
import { startOpenAiServer } from "../support/openai-server";
// Providers are modules: the Batch executor finds each provider's Batch client in the registry.
import "../../lib/providers/registry";

const folder = mkdtempSync(join(tmpdir(), "pt-batch-failures-"));
after(() => rmSync(folder, { recursive: true, force: true }));

function ask(text: string): ModelRequest {
  return { provider: "openai", model: "gpt-4o-mini", messages: [{ role: "user", content: text }], maxTokens: 5, metadata: { stage: "test", itemId: text } };
}

/** A backend whose every step is scripted; unscripted steps fail the test. */
function backend(overrides: Partial<BatchBackend>): BatchBackend {
  const never = () => Promise.reject(new Error("not expected in this test"));
  return { provider: "openai", maxRequestsPerBatch: 100, submit: never, status: never, collect: never, ...overrides };
}

const connection = { apiKey: "test-key", baseURL: "http://127.0.0.1:1/v1" };

test("an answer that is not a batch (an HTML page) is an error and nothing is stored", async () => {
  const cache = openCache({ path: join(folder, "fake-id.sqlite") });
  try {
    await assert.rejects(
      executeBatch([ask("a"), ask("b")], { adapterProvider: "openai", cache, connection, backend: backend({ submit: async () => ({ batchId: "<html><body>Welcome to nginx!</body></html>" }) }) }),
      (error: unknown) => error instanceof ProviderError && /not a batch/.test(error.message) && /127\.0\.0\.1:1/.test(error.message) && !error.message.includes("\n"),
    );
    assert.deepEqual(new BatchStore(cache.database!).all(), []);
  } finally {
    cache.close();
  }
});

test("a batch the provider does not know (404 while polling) is marked finished, so a re-run does not poll it again", async () => {
  const cache = openCache({ path: join(folder, "lost.sqlite") });
  try {
    const lost = backend({
      submit: async () => ({ batchId: "batch_gone" }),
      status: async () => {
        throw new ModelCallError("openai: HTTP 404: No batch found with id batch_gone", { status: 404, retryable: false, kind: "unknown-model" });
      },
    });
    await assert.rejects(executeBatch([ask("a")], { adapterProvider: "openai", cache, connection, backend: lost, pollIntervalMs: 1 }), ProviderError);
    const [stored] = new BatchStore(cache.database!).all();
    assert.equal(stored.batchId, "batch_gone");
    assert.ok(stored.finishedAt, "finished: no re-run polls it");
    assert.match(stored.status, /^lost: /);
  } finally {
    cache.close();
  }
});

test("a batch that failed at the provider is one error, not one failed item per request", async () => {
  const cache = openCache({ path: join(folder, "failed.sqlite") });
  try {
    const failed = backend({
      submit: async () => ({ batchId: "batch_failed" }),
      status: async () => ({ state: "ended", providerStatus: "failed" }),
      collect: async () => new Map(),
    });
    await assert.rejects(
      executeBatch([ask("a"), ask("b")], { adapterProvider: "openai", cache, connection, backend: failed, pollIntervalMs: 1 }),
      (error: unknown) => error instanceof ProviderError && /batch_failed failed at the provider/.test(error.message),
    );
    assert.ok(new BatchStore(cache.database!).all()[0].finishedAt);
  } finally {
    cache.close();
  }
});

test("a server without the Batch endpoints (404 on /v1/files): one line naming the server, nothing stored", async () => {
  const server = await startOpenAiServer({ intercept: (request) => (request.path.startsWith("/v1/files") ? { fault: "server-error", status: 404, message: "Not Found" } : undefined) });
  const cache = openCache({ path: join(folder, "no-endpoints.sqlite") });
  try {
    await assert.rejects(
      executeBatch([ask("a")], { adapterProvider: "openai", cache, connection: { apiKey: "test-key", baseURL: server.baseURL } }),
      (error: unknown) =>
        error instanceof ProviderError && /no Batch endpoints/.test(error.message) && error.message.includes(new URL(server.baseURL).host) && !error.message.includes("\n"),
    );
    assert.deepEqual(new BatchStore(cache.database!).all(), []);
  } finally {
    cache.close();
    await server.close();
  }
});
