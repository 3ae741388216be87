import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createAdapter, defaultProvider } from "../../lib/providers/create-model";
import { connectionSettings, readVariable } from "../../lib/providers/provider-settings";
import { allModels, modelInfo, priceOf } from "../../lib/providers/model-registry";
import { ModelCallError } from "../../lib/llm/types";
import type { ModelRequest } from "../../lib/llm/types";
import { startAnthropicServer } from "../support/anthropic-server";
import { startOpenAiServer } from "../support/openai-server";
import type { LoopbackServer } from "../support/openai-server";

describe("model registry", () => {
  test("knows the paper's models, aliases and context limits", () => {
    assert.equal(modelInfo("openai", "gpt-4o-mini-2024-07-18")?.id, "gpt-4o-mini");
    assert.equal(modelInfo("anthropic", "claude-3-5-haiku-latest")?.id, "claude-3-5-haiku-20241022");
    assert.equal(modelInfo("local", "meta-llama/Llama-3.1-8B-Instruct")?.contextTokens, 131072);
    assert.equal(modelInfo("openai", "gpt-4o-mini")?.contextTokens, 128000);
    assert.equal(modelInfo("openai", "no-such-model"), undefined);
    assert.equal(modelInfo("anthropic", "gpt-4o-mini"), undefined, "ids are per provider");
    assert.ok(allModels().length >= 4);
  });

  test("prices per 1M tokens at list and Batch rates", () => {
    const million = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    assert.equal(priceOf("openai", "gpt-4o-mini", million, "list"), 0.75);
    assert.equal(priceOf("openai", "gpt-4o-mini", million, "batch"), 0.375);
    // 156 inventory calls of 500 input and 5 output tokens at Claude 3.5 Haiku list price: (78000*0.8 + 780*4)/1e6.
    assert.ok(Math.abs(priceOf("anthropic", "claude-3-5-haiku-20241022", { inputTokens: 78_000, outputTokens: 780 }, "list")! - 0.06552) < 1e-12);
    assert.equal(priceOf("anthropic", "claude-3-5-haiku-latest", million, "batch"), 2.4);
    assert.equal(priceOf("local", "anything-at-all", million, "list"), 0);
    assert.equal(priceOf("sim", "sim", million, "batch"), 0);
    assert.equal(priceOf("openai", "unknown-model", million, "list"), undefined, "unknown is not free");
  });
});

describe("environment", () => {
  let directory: string;
  before(() => {
    directory = mkdtempSync(join(tmpdir(), "llm-env-"));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  test("process env wins over .env; .env is read at call time", () => {
    const file = join(directory, ".env");
    writeFileSync(file, "OPENAI_API_KEY=from-file\nLOCAL_LLM_BASE_URL=http://localhost:8000/v1\n");
    assert.equal(readVariable("OPENAI_API_KEY", { env: {}, envFile: file }), "from-file");
    assert.equal(readVariable("OPENAI_API_KEY", { env: { OPENAI_API_KEY: "from-env" }, envFile: file }), "from-env");
    writeFileSync(file, "OPENAI_API_KEY=changed\n");
    assert.equal(readVariable("OPENAI_API_KEY", { env: {}, envFile: file }), "changed");
    assert.deepEqual(connectionSettings("local", { env: { LOCAL_LLM_BASE_URL: "http://h:1/v1" }, envFile: file }), {
      apiKey: "not-needed",
      baseURL: "http://h:1/v1",
    });
  });

  test("default provider: openai, then anthropic, then local, else sim", () => {
    const none = join(directory, "missing.env");
    assert.equal(defaultProvider({ env: { OPENAI_API_KEY: "k", ANTHROPIC_API_KEY: "k" }, envFile: none }), "openai");
    assert.equal(defaultProvider({ env: { OPENAI_BASE_URL: "http://x/v1" }, envFile: none }), "openai");
    assert.equal(defaultProvider({ env: { ANTHROPIC_API_KEY: "k", LOCAL_LLM_BASE_URL: "http://x" }, envFile: none }), "anthropic");
    assert.equal(defaultProvider({ env: { LOCAL_LLM_BASE_URL: "http://x" }, envFile: none }), "local");
    assert.equal(defaultProvider({ env: { OPENAI_API_KEY: "  " }, envFile: none }), "sim");
  });
});

describe("createAdapter", () => {
  let openai: LoopbackServer;
  let anthropic: LoopbackServer;
  let directory: string;
  before(async () => {
    openai = await startOpenAiServer({});
    anthropic = await startAnthropicServer({});
    directory = mkdtempSync(join(tmpdir(), "llm-create-"));
  });
  after(async () => {
    await openai.close();
    await anthropic.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const ask = (provider: ModelRequest["provider"], model: string): ModelRequest => ({
    provider,
    model,
    messages: [{ role: "user", content: "hello" }],
    metadata: {},
  });

  test("local reads LOCAL_LLM_BASE_URL and LOCAL_LLM_API_KEY from .env at call time", async () => {
    const file = join(directory, "local.env");
    const adapter = createAdapter("local", { env: {}, envFile: file });
    await assert.rejects(adapter.complete(ask("local", "llama")), /LOCAL_LLM_BASE_URL/);
    writeFileSync(file, `LOCAL_LLM_BASE_URL=${openai.baseURL}\nLOCAL_LLM_API_KEY=local-key-abcdef\n`);
    const completion = await adapter.complete(ask("local", "meta-llama/Llama-3.1-8B-Instruct"));
    assert.equal(completion.text, "echo: hello");
    assert.equal(completion.provider, "local");
    assert.equal(openai.requests.at(-1)!.headers.authorization, "Bearer local-key-abcdef");
  });

  test("openai and anthropic read keys and base URLs from the environment", async () => {
    const none = join(directory, "none.env");
    const viaOpenAi = createAdapter("openai", { env: { OPENAI_API_KEY: "sk-env-123456", OPENAI_BASE_URL: openai.baseURL }, envFile: none });
    assert.equal((await viaOpenAi.complete(ask("openai", "gpt-4o-mini"))).text, "echo: hello");
    assert.equal(openai.requests.at(-1)!.headers.authorization, "Bearer sk-env-123456");
    const viaAnthropic = createAdapter("anthropic", { env: { ANTHROPIC_API_KEY: "sk-ant-env", ANTHROPIC_BASE_URL: anthropic.baseURL }, envFile: none });
    assert.equal((await viaAnthropic.complete(ask("anthropic", "claude-3-5-haiku-20241022"))).text, "echo: hello");
  });

  test("explicit options override the environment; unknown providers are rejected", async () => {
    const adapter = createAdapter("openai", { apiKey: "sk-explicit-1", baseURL: openai.baseURL, env: { OPENAI_API_KEY: "sk-env-2" }, envFile: join(directory, "x.env") });
    await adapter.complete(ask("openai", "gpt-4o-mini"));
    assert.equal(openai.requests.at(-1)!.headers.authorization, "Bearer sk-explicit-1");
    assert.throws(() => createAdapter("gemini" as never), /unknown provider/);
  });

  test("sim is loaded lazily from lib/sim on first call", async () => {
    const adapter = createAdapter("sim");
    assert.equal(adapter.provider, "sim");
    const request = { ...ask("sim", "sim"), metadata: {} };
    try {
      const completion = await adapter.complete(request);
      assert.equal(completion.provider, "sim");
    } catch (error) {
      // The simulator may refuse a request without a known prompt id, but it must have been loaded.
      assert.doesNotMatch(String(error), /could not be loaded|does not export createSimAdapter/);
      assert.ok(error instanceof ModelCallError, String(error));
    }
  });
});
