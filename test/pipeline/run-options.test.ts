import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { UsageError } from "../../lib/errors";
import { defaultRateLimits } from "../../lib/providers/model-registry";
import { createPipelineContext, describeLimits, resolveLimits, resolveRunMode } from "../../lib/pipeline/pipeline-context";
import { extractPersonas } from "../../lib/pipeline/stages/extract-personas";
import { startOpenAiServer, type LoopbackServer, type ModelCall, type Reply } from "../support/openai-server";
import { isRepair, madeUpDialogues, madeUpPosts, promptKind, temporaryCache, wellFormedReply } from "./helpers";

const GPT = { provider: "openai" as const, model: "gpt-4o-mini" };

describe("rate limits from the provider modules (lib/providers/*.json) and their overrides", () => {
  test("each paid model has tier defaults; local and sim have none", () => {
    // The values written in lib/providers/openai.json and anthropic.json (OpenAI usage tier 1, Anthropic build tier 1).
    assert.deepEqual(defaultRateLimits("openai", "gpt-4o-mini"), { requestsPerMinute: 500, tokensPerMinute: 200_000 });
    assert.deepEqual(defaultRateLimits("openai", "gpt-4o-mini-2024-07-18"), { requestsPerMinute: 500, tokensPerMinute: 200_000 }, "aliases too");
    assert.deepEqual(defaultRateLimits("anthropic", "claude-3-5-haiku-20241022"), { requestsPerMinute: 50, tokensPerMinute: 50_000 });
    assert.equal(defaultRateLimits("local", "meta-llama/Llama-3.1-8B-Instruct"), undefined);
    assert.equal(defaultRateLimits("sim", "sim"), undefined);
    assert.equal(defaultRateLimits("openai", "a-model-not-listed"), undefined);
  });

  test("resolveLimits: defaults, field-by-field overrides, 0 = off, false = none, tables", () => {
    assert.deepEqual(resolveLimits(GPT), { "openai:gpt-4o-mini": { requestsPerMinute: 500, tokensPerMinute: 200_000 } });
    assert.deepEqual(resolveLimits({ provider: "sim", model: "sim" }), {});
    assert.deepEqual(resolveLimits({ provider: "local", model: "llama3.1:8b" }), {});
    assert.deepEqual(resolveLimits(GPT, { requestsPerMinute: 60 }), { "openai:gpt-4o-mini": { requestsPerMinute: 60, tokensPerMinute: 200_000 } });
    assert.deepEqual(resolveLimits(GPT, { tokensPerMinute: 0 }), { "openai:gpt-4o-mini": { requestsPerMinute: 500 } });
    assert.deepEqual(resolveLimits(GPT, false), {});
    assert.deepEqual(resolveLimits({ provider: "local", model: "llama3.1:8b" }, { requestsPerMinute: 30 }), { "local:llama3.1:8b": { requestsPerMinute: 30 } });
    // A provider-wide entry of a table applies to this model too (the model's own key would otherwise win).
    assert.deepEqual(resolveLimits(GPT, { openai: { requestsPerMinute: 10 } }), {
      openai: { requestsPerMinute: 10 },
      "openai:gpt-4o-mini": { requestsPerMinute: 10, tokensPerMinute: 200_000 },
    });
    assert.throws(() => resolveLimits(GPT, { requestsPerMinute: -1 }), UsageError);
    assert.equal(describeLimits(resolveLimits(GPT)), "openai:gpt-4o-mini 500 requests/min, 200000 tokens/min");
    assert.equal(describeLimits({}), "no rate limits");
  });

  test("Batch mode: sim runs online with a note, local and a cache that is off are usage errors", () => {
    assert.deepEqual(resolveRunMode("openai", "batch"), { mode: "batch" });
    assert.deepEqual(resolveRunMode("anthropic", "online"), { mode: "online" });
    const sim = resolveRunMode("sim", "batch");
    assert.equal(sim.mode, "online");
    assert.match(sim.note ?? "", /sim provider.*no Batch API.*run online/);
    assert.throws(() => resolveRunMode("local", "batch"), (error: unknown) => error instanceof UsageError && /no Batch API|has none/.test(error.message));
    assert.throws(() => resolveRunMode("openai", "batch", "off"), (error: unknown) => error instanceof UsageError && /cache/.test(error.message));
  });

  test("a context carries concurrency, limits and mode to its stages; a stage may override them", async () => {
    const cache = temporaryCache();
    const context = createPipelineContext({ model: { provider: "sim" }, cachePath: cache.path, mode: "batch", concurrency: 3 });
    try {
      assert.equal(context.mode, "online");
      assert.equal(context.concurrency, 3);
      assert.deepEqual(context.limits, {});
      assert.match(context.notes.join(" "), /sim provider/);
      const result = await extractPersonas(madeUpDialogues(), { context, progress: false });
      assert.equal(result.failures.length, 0);
      assert.equal(result.summary.execution.mode, "online");
      assert.match(result.summary.execution.note ?? "", /sim provider/);
      assert.equal(result.summary.execution.concurrency, 3);
      assert.deepEqual(result.summary.runs.map((run) => run.mode), ["online"]);
      const overridden = await extractPersonas(madeUpDialogues(), { context, progress: false, concurrency: 1, limits: { requestsPerMinute: 6000 } });
      assert.equal(overridden.summary.execution.concurrency, 1);
      assert.deepEqual(Object.values(overridden.summary.execution.limits), [{ requestsPerMinute: 6000 }]);
      await assert.rejects(extractPersonas(madeUpDialogues(), { context, progress: false, concurrency: 0 }), UsageError);
    } finally {
      context.close();
      cache.remove();
    }
    assert.throws(() => createPipelineContext({ model: { provider: "local", model: "llama3.1:8b" }, mode: "batch", cacheMode: "off" }), UsageError);
  });
});

describe("Batch mode and rate limits on the loopback OpenAI server", () => {
  let server: LoopbackServer;
  /** Dialogue train:1 gets a malformed first answer, so the repair retry runs in both modes. */
  function responder(call: ModelCall): Reply {
    if (promptKind(call) === "extract" && call.promptText.includes("lost my job as a teacher") && !isRepair(call)) return "Sorry, I cannot help with that.";
    return wellFormedReply(call);
  }
  before(async () => {
    server = await startOpenAiServer({ responder });
  });
  after(() => server.close());

  const sources = () => [...madeUpDialogues(), ...madeUpPosts()];
  const connection = () => ({ apiKey: "sk-test-batch", baseURL: server.baseURL });
  /** Rows without `cached` (first run false, re-run true): everything else must be equal across modes. */
  const comparable = (rows: Array<{ cached: boolean }>) => rows.map(({ cached: _cached, ...rest }) => rest);

  test("a stage in mode batch gives the same rows as online, fills the cache, and a re-run makes zero server calls", async () => {
    const onlineCache = temporaryCache();
    const batchCache = temporaryCache();
    const online = createPipelineContext({ model: GPT, adapterOptions: connection(), cachePath: onlineCache.path, limits: false });
    const batch = createPipelineContext({ model: GPT, adapterOptions: connection(), cachePath: batchCache.path, mode: "batch", batch: { pollIntervalMs: 5 } });
    try {
      const onlineResult = await extractPersonas(sources(), { context: online, progress: false });
      assert.equal(onlineResult.failures.length, 0);
      assert.equal(onlineResult.summary.repairRequests, 1);

      const before = server.requests.length;
      const callsBefore = server.calls.length;
      const batchResult = await extractPersonas(sources(), { context: batch, progress: false });
      const sent = server.requests.slice(before);
      assert.equal(sent.filter((request) => request.path === "/v1/chat/completions").length, 0, "no online call in batch mode");
      assert.equal(sent.filter((request) => request.method === "POST" && request.path === "/v1/batches").length, 2, "one batch, then one for the repair");
      assert.ok(server.calls.slice(callsBefore).every((call) => call.via === "batch"));
      assert.equal(server.calls.length - callsBefore, 6, "5 sources + 1 repair");
      assert.deepEqual(batchResult.summary.runs.map((run) => run.mode), ["batch", "batch"]);
      assert.equal(batchResult.summary.execution.mode, "batch");
      assert.deepEqual(comparable(batchResult.rows), comparable(onlineResult.rows));
      assert.ok(batchResult.rows.every((row) => !row.cached));
      // Paid at Batch prices in the ledger.
      const ledgerRow = batch.ledger.rows().find((row) => row.stage === "extractPersonas")!;
      assert.equal(ledgerRow.paidCalls, 6);

      const requestsBefore = server.requests.length;
      const again = await extractPersonas(sources(), { context: batch, progress: false });
      assert.equal(server.requests.length, requestsBefore, "the re-run is answered from the cache: zero server calls");
      assert.ok(again.rows.every((row) => row.cached));
      assert.deepEqual(comparable(again.rows), comparable(batchResult.rows));
    } finally {
      online.close();
      batch.close();
      onlineCache.remove();
      batchCache.remove();
    }
  });

  test("an rpm limit paces a stage's calls (2 at once, then one every 0.5 s at 120/min)", async () => {
    // Cache off, so both runs reach the server; the context has no limits, so the stage's own limit must reach the runner.
    const context = createPipelineContext({ model: GPT, adapterOptions: connection(), cacheMode: "off", limits: false });
    const firstFiveCalls = (from: number) =>
      server.requests.slice(from).filter((request) => request.path === "/v1/chat/completions").slice(0, 5).map((request) => request.receivedAt);
    try {
      let from = server.requests.length;
      const unlimited = await extractPersonas(sources(), { context, progress: false });
      assert.equal(unlimited.failures.length, 0);
      assert.deepEqual(unlimited.summary.execution.limits, {});
      const fast = firstFiveCalls(from);
      assert.equal(fast.length, 5);
      assert.ok(fast[4] - fast[0] < 1000, `without limits 5 calls spanned ${(fast[4] - fast[0]).toFixed(0)} ms`);

      from = server.requests.length;
      const started = performance.now();
      const startedAt = Date.now();
      const paced = await extractPersonas(sources(), { context, progress: false, limits: { requestsPerMinute: 120 } });
      const elapsed = performance.now() - started;
      assert.equal(paced.failures.length, 0);
      assert.deepEqual(paced.summary.execution.limits, { "openai:gpt-4o-mini": { requestsPerMinute: 120, tokensPerMinute: 200_000 } });
      const times = firstFiveCalls(from);
      assert.equal(times.length, 5);
      // A bucket of one second's worth (2 requests) refilled at 2/s: the 5th call starts 1.5 s after the first permit,
      // which is granted when the stage starts. Measured from the stage's start, because a slow first connection
      // (a loaded machine) delays the first arrival without delaying the limiter's clock.
      const span = times[4] - startedAt;
      assert.ok(span >= 1400, `5 calls at 120/min spanned only ${span.toFixed(0)} ms`);
      // The span above also counts the stage's set-up; on a loaded machine set-up alone could pass it without pacing.
      // The 3rd and 5th calls start 1 s apart whatever the set-up took (their permits come at 0.5 s and 1.5 s, on
      // connections already open): unpaced, they arrive within a few ms of each other.
      const paced3to5 = times[4] - times[2];
      assert.ok(paced3to5 >= 800, `calls 3 to 5 at 120/min spanned only ${paced3to5.toFixed(0)} ms`);
      assert.ok(elapsed < 5000, `took ${elapsed.toFixed(0)} ms`);
    } finally {
      context.close();
    }
  });
});
