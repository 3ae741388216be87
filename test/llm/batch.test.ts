import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { executeBatch } from "../../lib/llm/batch/execute-batch";
import type { BatchProgress } from "../../lib/llm/batch/batch-types";
import { BatchStore } from "../../lib/llm/batch/batch-store";
import { cacheKey } from "../../lib/llm/cache/cache-key";
import { openCache } from "../../lib/llm/cache/response-cache";
import { ModelCallError } from "../../lib/llm/types";
import type { Completion, ModelRequest, ProviderName } from "../../lib/llm/types";
import { startAnthropicServer } from "../support/anthropic-server";
import { startOpenAiServer } from "../support/openai-server";
import type { LoopbackServer, LoopbackServerOptions, ModelCall, Reply } from "../support/openai-server";
// Providers are modules: the Batch executor finds each provider's Batch client in the registry.
import "../../lib/providers/registry";

function ask(provider: ProviderName, text: string): ModelRequest {
  return {
    provider,
    model: provider === "openai" ? "gpt-4o-mini" : "claude-3-5-haiku-20241022",
    messages: [
      { role: "system", content: "persona" },
      { role: "user", content: text },
    ],
    maxTokens: 20,
    metadata: { stage: "batchTest", itemId: text },
  };
}

// Items whose text starts with "fail" error inside the batch; the rest answer "batched: <text>".
function responder(call: ModelCall): Reply {
  const last = call.promptText.split("\n").at(-1) ?? "";
  if (last.startsWith("fail")) return { fault: "server-error" };
  return { text: `batched: ${last}`, inputTokens: 10, outputTokens: 2 };
}

const servers: Record<"openai" | "anthropic", (options: LoopbackServerOptions) => Promise<LoopbackServer>> = {
  openai: startOpenAiServer,
  anthropic: startAnthropicServer,
};
const creationPath = { openai: "/v1/batches", anthropic: "/v1/messages/batches" };

for (const provider of ["openai", "anthropic"] as const) {
  describe(`${provider} batch mode`, () => {
    let server: LoopbackServer;
    let directory: string;
    before(async () => {
      directory = mkdtempSync(join(tmpdir(), `llm-batch-${provider}-`));
      server = await servers[provider]({ responder, batchPollsUntilDone: 3 });
    });
    after(async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    });
    const creations = () => server.requests.filter((request) => request.method === "POST" && request.path === creationPath[provider]).length;
    const connection = () => ({ apiKey: "batch-key-123456", baseURL: server.baseURL });

    test("submits, polls, collects into the cache; cached requests are skipped; failures are not cached", async () => {
      const cache = openCache({ path: join(directory, "batch.sqlite") });
      const warm = ask(provider, "already known");
      cache.put(cacheKey(warm), warm, {
        provider,
        model: warm.model,
        text: "from cache",
        usage: { inputTokens: 1, outputTokens: 1 },
        raw: {},
        latencyMs: 1,
        createdAt: new Date().toISOString(),
        cached: false,
        warnings: [],
      });
      const requests = [ask(provider, "q1"), warm, ask(provider, "fail me"), ask(provider, "q2"), ask(provider, "q1")];
      const progress: BatchProgress[] = [];
      const results = await executeBatch(requests, {
        adapterProvider: provider,
        cache,
        connection: connection(),
        pollIntervalMs: 5,
        onProgress: (update) => progress.push(update),
      });
      assert.equal(creations(), 1);
      const batchCalls = server.calls.filter((call) => call.via === "batch");
      assert.equal(batchCalls.length, 3, "the cached request and the duplicate are not sent");
      const [q1, cached, failed, q2, q1Again] = results as [Completion, Completion, ModelCallError, Completion, Completion];
      assert.equal(q1.text, "batched: q1");
      assert.equal(q1.cached, false);
      assert.deepEqual(q1.usage, { inputTokens: 10, outputTokens: 2 });
      assert.equal(q1Again.text, "batched: q1");
      assert.equal(q1Again.cached, true, "a duplicate in the same call is paid once");
      assert.equal(cached.text, "from cache");
      assert.equal(cached.cached, true);
      assert.equal(q2.text, "batched: q2");
      assert.ok(failed instanceof ModelCallError);
      assert.equal(failed.retryable, true);
      assert.equal(cache.get(cacheKey(ask(provider, "q2")))?.text, "batched: q2");
      assert.equal(cache.get(cacheKey(ask(provider, "fail me"))), undefined, "errors are never cached");
      assert.equal(cache.entry(cacheKey(ask(provider, "q2")))?.billing, "batch");
      const last = progress.at(-1)!;
      assert.deepEqual({ total: last.total, cached: last.cached, completed: last.completed, failed: last.failed, pending: last.pending }, {
        total: 5,
        cached: 1,
        completed: 2,
        failed: 1,
        pending: 0,
      });
      assert.ok(progress.some((update) => update.pending === 3), "progress shows requests in flight");
      if (provider === "openai") {
        const sentBody = batchCalls[0].body as { model: string; max_completion_tokens: number; temperature: number };
        assert.deepEqual([sentBody.model, sentBody.max_completion_tokens, sentBody.temperature], ["gpt-4o-mini", 20, 0]);
      } else {
        const sentBody = batchCalls[0].body as { system: string; max_tokens: number };
        assert.deepEqual([sentBody.system, sentBody.max_tokens], ["persona", 20]);
      }
      cache.close();
    });

    test("a restart resumes polling the submitted batch instead of resubmitting", async () => {
      const path = join(directory, "resume.sqlite");
      const requests = [ask(provider, "r1"), ask(provider, "r2"), ask(provider, "r3")];
      const before = creations();
      const first = openCache({ path });
      const controller = new AbortController();
      await assert.rejects(
        executeBatch(requests, {
          adapterProvider: provider,
          cache: first,
          connection: connection(),
          pollIntervalMs: 60_000,
          signal: controller.signal,
          // Interrupt as soon as the batch is submitted (the "Ctrl-C").
          onProgress: (update) => {
            if (update.batches.length > 0) controller.abort();
          },
        }),
        /aborted/,
      );
      first.close();
      assert.equal(creations(), before + 1);
      const second = openCache({ path });
      assert.equal(new BatchStore(second.database!).all().filter((batch) => batch.finishedAt === null).length, 1);
      const results = await executeBatch(requests, { adapterProvider: provider, cache: second, connection: connection(), pollIntervalMs: 5 });
      assert.equal(creations(), before + 1, "no resubmission after the restart");
      assert.deepEqual(
        results.map((result) => (result as Completion).text),
        ["batched: r1", "batched: r2", "batched: r3"],
      );
      assert.equal(new BatchStore(second.database!).all().every((batch) => batch.finishedAt !== null), true);
      const third = await executeBatch(requests, { adapterProvider: provider, cache: second, pollIntervalMs: 5 });
      assert.ok(third.every((result) => !(result instanceof ModelCallError) && result.cached), "a finished run needs no connection at all");
      assert.equal(creations(), before + 1);
      second.close();
    });
  });
}

for (const provider of ["openai", "anthropic"] as const) {
  test(`${provider} batch polling survives transient poll failures and resumes after too many`, async () => {
    const directory = mkdtempSync(join(tmpdir(), `llm-batch-faults-${provider}-`));
    let failNextPolls = 0;
    const isPoll = (path: string) => /\/batches\/[^/]+$/.test(path);
    const server = await servers[provider]({
      responder,
      batchPollsUntilDone: 2,
      intercept: (request) => {
        if (request.method === "GET" && isPoll(request.path) && failNextPolls > 0) {
          failNextPolls -= 1;
          return failNextPolls % 2 === 0 ? { fault: "server-error", status: 502 } : { fault: "drop" };
        }
        return undefined;
      },
    });
    try {
      const cache = openCache({ path: join(directory, "faults.sqlite") });
      const connection = { apiKey: "batch-key-123456", baseURL: server.baseURL };
      failNextPolls = 3;
      const results = await executeBatch([ask(provider, "t1"), ask(provider, "t2")], { adapterProvider: provider, cache, connection, pollIntervalMs: 5 });
      assert.deepEqual(results.map((result) => (result as Completion).text), ["batched: t1", "batched: t2"]);
      assert.equal(failNextPolls, 0, "the failing polls were actually hit");

      failNextPolls = 1000;
      await assert.rejects(
        executeBatch([ask(provider, "t3")], { adapterProvider: provider, cache, connection, pollIntervalMs: 1, maxPollErrors: 3 }),
        (error: unknown) => error instanceof ModelCallError && error.retryable,
      );
      failNextPolls = 0;
      const resumed = await executeBatch([ask(provider, "t3")], { adapterProvider: provider, cache, connection, pollIntervalMs: 5 });
      assert.equal((resumed[0] as Completion).text, "batched: t3");
      const created = server.requests.filter((request) => request.method === "POST" && request.path === creationPath[provider]).length;
      assert.equal(created, 2, "the batch that failed to poll was resumed, not resubmitted");
      cache.close();
    } finally {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
}

test("after kill -9 of a process that submitted a batch, a new run collects it without resubmitting", async () => {
  const directory = mkdtempSync(join(tmpdir(), "llm-batch-kill-"));
  const server = await startOpenAiServer({ responder, batchPollsUntilDone: 2 });
  try {
    const path = join(directory, "killed.sqlite");
    const child = spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "test", "llm", "batch-child.ts"), path, server.baseURL, "4"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("submitted")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`child exited (${code}) before submitting: ${errors}`)));
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    const creations = () => server.requests.filter((request) => request.method === "POST" && request.path === "/v1/batches").length;
    assert.equal(creations(), 1);
    const cache = openCache({ path });
    const requests: ModelRequest[] = Array.from({ length: 4 }, (_, index) => ({
      provider: "openai",
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: `killed ${index}` }],
      metadata: { stage: "batchKill", itemId: `k${index}` },
    }));
    const results = await executeBatch(requests, {
      adapterProvider: "openai",
      cache,
      connection: { apiKey: "parent-key-123456", baseURL: server.baseURL },
      pollIntervalMs: 5,
    });
    assert.deepEqual(
      results.map((result) => (result as Completion).text),
      ["batched: killed 0", "batched: killed 1", "batched: killed 2", "batched: killed 3"],
    );
    assert.equal(creations(), 1, "nothing was submitted twice");
    cache.close();
  } finally {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
});

test("batch mode refuses a cache that is off and providers without a Batch API", async () => {
  await assert.rejects(executeBatch([], { adapterProvider: "openai", cache: openCache({ mode: "off" }) }), /needs the response cache/);
  const cache = openCache({ path: ":memory:" });
  await assert.rejects(executeBatch([ask("local", "x")], { adapterProvider: "local", cache }), /no Batch API/);
  await assert.rejects(executeBatch([ask("anthropic", "x")], { adapterProvider: "openai", cache }), /not openai/);
  cache.close();
});
