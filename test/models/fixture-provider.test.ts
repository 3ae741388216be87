/**
 * A provider is one declaration: the OpenAI-compatible provider in test/fixtures/providers/acme-compatible.json is
 * registered from that file alone, and then the CLI's `provider:model`, a pipeline stage (through the cache, against
 * the loopback OpenAI server), the dry-run estimate and the not-configured error all know it. No code names it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { readFileSync } from "node:fs";
import { DataError, UsageError } from "../../lib/errors";
import { estimateRun } from "../../lib/llm/runner/estimate";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";
import { extractPersonas } from "../../lib/pipeline/stages/extract-personas";
import { parseModelSpec } from "../../lib/providers/model-spec";
import { openAiCompatibleProvider, readOpenAiCompatibleProvider } from "../../lib/providers/openai-compatible";
import { getProvider, listProviders, registerProvider, unregisterProvider } from "../../lib/providers/registry";
import { madeUpDialogues, realDataSkip, temporaryCache, wellFormedReply } from "../pipeline/helpers";
import { cli } from "../support/cli-child";
import { startOpenAiServer, type LoopbackServer } from "../support/openai-server";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "providers", "acme-compatible.json");
const KEY = "acme-key-not-a-secret-1234";

describe("a provider registered from one fixture file", () => {
  let server: LoopbackServer;
  let cache: ReturnType<typeof temporaryCache>;
  before(async () => {
    registerProvider(readOpenAiCompatibleProvider(FIXTURE));
    server = await startOpenAiServer({ responder: wellFormedReply });
    cache = temporaryCache();
  });
  after(async () => {
    unregisterProvider("acme");
    cache.remove();
    await server.close();
  });

  const open = (env: Record<string, string>) =>
    createPipelineContext({
      model: { provider: "acme", model: "acme-chat-1" },
      adapterOptions: { env, envFile: join(cache.directory, "no.env") },
      cachePath: cache.path,
    });

  test("is listed with its capabilities, and `acme:model` parses as provider and model", () => {
    assert.ok(listProviders().some((provider) => provider.name === "acme"));
    assert.deepEqual(getProvider("acme").capabilities, { logprobs: false, jsonSchema: true, batch: false });
    assert.deepEqual(parseModelSpec("acme:acme-chat-1", undefined), { provider: "acme", model: "acme-chat-1" });
  });

  test("runs a stage against the loopback server with the key from its own variables, then replays it from the cache", async () => {
    const context = open({ ACME_API_KEY: KEY, ACME_BASE_URL: server.baseURL });
    let firstRaw: Array<string | null | undefined> = [];
    try {
      const before = server.calls.length;
      const first = await extractPersonas(madeUpDialogues(), { context, progress: false });
      assert.equal(first.failures.length, 0);
      assert.equal(first.rows.length, madeUpDialogues().length);
      assert.ok(first.rows.every((row) => row.provider === "acme" && row.model === "acme-chat-1"));
      assert.equal(server.calls.length - before, madeUpDialogues().length, "one call per dialogue");
      assert.equal(server.requests.at(-1)!.headers.authorization, `Bearer ${KEY}`);
      assert.equal(context.simulated, false);
      firstRaw = first.rows.map((row) => row.raw);
      // Dollars at the fixture's list price ($2 in, $8 out per 1M tokens), from the server's reported usage.
      const row = context.ledger.rows().find((entry) => entry.provider === "acme");
      assert.ok(row && row.paidDollars > 0 && row.unpricedCalls === 0, JSON.stringify(row));
      assert.ok(Math.abs(row.paidDollars - (row.paidInputTokens * 2 + row.paidOutputTokens * 8) / 1e6) < 1e-12, JSON.stringify(row));
    } finally {
      context.close();
    }
    // A second context on the same cache file answers everything from it: the cache accepts the new provider.
    const again = open({ ACME_API_KEY: KEY, ACME_BASE_URL: server.baseURL });
    try {
      const before = server.calls.length;
      const second = await extractPersonas(madeUpDialogues(), { context: again, progress: false });
      assert.equal(server.calls.length, before, "no new calls");
      assert.equal(second.rows.length, madeUpDialogues().length);
      assert.deepEqual(second.rows.map((row) => row.raw), firstRaw, "the same answers, read back from the cache");
    } finally {
      again.close();
    }
  });

  test("the dry-run estimate prices its calls at its own list price", async () => {
    const context = open({});
    try {
      const dry = await extractPersonas(madeUpDialogues().slice(0, 2), { context, progress: false, dryRun: true });
      assert.equal(dry.planned?.length, 2);
      const estimate = estimateRun(dry.planned!, { expectedOutputTokens: 100 });
      assert.equal(estimate.rows.length, 1);
      const [row] = estimate.rows;
      assert.equal(row.provider, "acme");
      assert.ok(row.inputTokens > 0);
      // $2 per 1M input tokens and $8 per 1M output tokens (the fixture's prices): an independent sum.
      assert.ok(Math.abs(row.listDollars! - (row.inputTokens * 2 + row.outputTokens * 8) / 1e6) < 1e-12, JSON.stringify(row));
      assert.equal(row.batchDollars, undefined, "no Batch price declared: unknown, not $0");
    } finally {
      context.close();
    }
  });

  test("without its variables the first call fails at once, naming ACME_API_KEY", async () => {
    const adapter = getProvider("acme").createAdapter({ connection: () => undefined });
    await assert.rejects(
      adapter.complete({ provider: "acme", model: "acme-chat-1", messages: [{ role: "user", content: "hi" }], metadata: {} }),
      (error: Error & { kind?: string }) => error.kind === "not-configured" && /ACME_API_KEY/.test(error.message) && !error.message.includes("\n"),
    );
  });

  test("a declaration with a bad field is a data error naming the file and the field", () => {
    const declaration = JSON.parse(readFileSync(FIXTURE, "utf8"));
    assert.throws(
      () => openAiCompatibleProvider({ ...declaration, capabilities: { ...declaration.capabilities, logprobs: "yes" } }, "my-provider.json"),
      (error: unknown) => error instanceof DataError && /^my-provider\.json, field "capabilities\.logprobs": /.test(error.message),
    );
    assert.throws(() => openAiCompatibleProvider({ ...declaration, name: "Acme Inc" }, "my-provider.json"), (error: unknown) => error instanceof DataError && /field "name"/.test(error.message));
    assert.throws(() => registerProvider({ ...getProvider("acme"), name: "other", capabilities: { logprobs: true, jsonSchema: true, batch: true }, createBatchClient: undefined }), /capabilities\.batch but has no createBatchClient/);
  });

  test("an unknown provider name is a one-line usage error naming the registered ones", () => {
    assert.throws(
      () => createPipelineContext({ model: { provider: "nope" }, cachePath: cache.path }),
      (error: unknown) => error instanceof UsageError && /unknown provider "nope"/.test(error.message) && /acme/.test(error.message) && !error.message.includes("\n"),
    );
  });
});

describe("the CLI with a provider declared in $PERSONA_TALKS_PROVIDERS", { skip: realDataSkip }, () => {
  const cache = temporaryCache();
  after(() => cache.remove());

  test("an unconfigured declared provider exits 3 with one line naming its variable; an unknown one exits 2", async () => {
    const env = { PERSONA_TALKS_CACHE: cache.directory, PERSONA_TALKS_PROVIDERS: FIXTURE };
    const [declared, unknown] = await Promise.all([
      cli(["run", "inventory", "--provider", "acme", "--n", "2"], env),
      cli(["run", "inventory", "--provider", "nope", "--n", "2"], env),
    ]);
    const lines = (stderr: string) => stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("Online:"));
    assert.equal(declared.code, 3, declared.stderr);
    assert.equal(lines(declared.stderr).length, 1, declared.stderr);
    assert.match(declared.stderr, /acme.*ACME_API_KEY/);
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.equal(lines(unknown.stderr).length, 1, unknown.stderr);
    assert.match(unknown.stderr, /--provider must be .*acme.*got "nope"/);
  });

  test("`--model acme:acme-chat-1 --dry-run` prices the plan at the declared list price, with no key", async () => {
    const output = await cli(["analyze", "rq1", "--n", "2", "--model", "acme:acme-chat-1", "--dry-run"], { PERSONA_TALKS_CACHE: cache.directory, PERSONA_TALKS_PROVIDERS: FIXTURE });
    assert.equal(output.code, 0, output.stderr);
    const line = /acme:acme-chat-1: \d+\/\d+ calls to make, (\d+) in \+ (\d+) out tokens, list \$([\d.]+)/.exec(output.stdout);
    assert.ok(line, output.stdout);
    // $2 per 1M input and $8 per 1M output tokens (the fixture); printed to the cent.
    const dollars = (Number(line[1]) * 2 + Number(line[2]) * 8) / 1e6;
    assert.ok(dollars > 0.01);
    assert.ok(Math.abs(Number(line[3]) - dollars) <= 0.005 + 1e-9, `${line[3]} vs ${dollars}`);
  });
});
