import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createOpenAiAdapter } from "../../lib/llm/adapters/openai-adapter";
import { ModelCallError } from "../../lib/llm/types";
import type { ModelRequest } from "../../lib/llm/types";
import { startOpenAiServer } from "../support/openai-server";
import type { LoopbackServer, Reply } from "../support/openai-server";
import { getProvider } from "../../lib/providers/registry";

const SECRET = "fake-openai-key-0123456789abcdef";

function request(text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    provider: "openai",
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "You are a persona." },
      { role: "user", content: text },
    ],
    metadata: { stage: "test", itemId: text },
    ...extra,
  };
}

describe("OpenAI adapter against a loopback server", () => {
  let server: LoopbackServer;
  // Each test scripts answers by prompt text through this table.
  const script = new Map<string, Reply>();

  before(async () => {
    server = await startOpenAiServer({
      responder: (call) => {
        for (const [needle, reply] of script) if (call.promptText.includes(needle)) return reply;
        return `answer to ${call.promptText.split("\n").at(-1)}`;
      },
    });
  });
  after(() => server.close());

  const adapter = () => createOpenAiAdapter({ connection: () => ({ apiKey: SECRET, baseURL: server.baseURL }) });

  test("returns text, usage, model, finish reason and the raw body", async () => {
    script.set("plain", { text: "I agree", inputTokens: 17, outputTokens: 3 });
    const completion = await adapter().complete(request("plain question", { maxTokens: 5, seed: 7, topP: 0.9 }));
    assert.equal(completion.text, "I agree");
    assert.deepEqual(completion.usage, { inputTokens: 17, outputTokens: 3 });
    assert.equal(completion.model, "gpt-4o-mini");
    assert.equal(completion.finishReason, "stop");
    assert.equal(completion.cached, false);
    assert.deepEqual(completion.warnings, []);
    assert.equal((completion.raw as { object: string }).object, "chat.completion");
    const sent = server.requests.at(-1)!;
    assert.equal(sent.path, "/v1/chat/completions");
    const body = sent.body as Record<string, unknown>;
    assert.equal(body.temperature, 0, "temperature default 0 is sent explicitly");
    assert.equal(body.max_completion_tokens, 5);
    assert.equal(body.seed, 7);
    assert.equal(body.top_p, 0.9);
    assert.deepEqual(body.messages, [
      { role: "system", content: "You are a persona." },
      { role: "user", content: "plain question" },
    ]);
    assert.equal(sent.headers.authorization, `Bearer ${SECRET}`);
  });

  test("a local provider sends max_tokens (what vLLM, Ollama and llama.cpp read)", async () => {
    const local = getProvider("local").createAdapter({ connection: () => ({ apiKey: "not-needed", baseURL: server.baseURL }) });
    const completion = await local.complete(request("local one", { provider: "local", model: "meta-llama/Llama-3.1-8B-Instruct", maxTokens: 9 }));
    assert.equal(completion.provider, "local");
    const body = server.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(body.max_tokens, 9);
    assert.equal(body.max_completion_tokens, undefined);
  });

  test("JSON schema becomes response_format json_schema", async () => {
    script.set("schema", '{"score":4}');
    const schema = { type: "object", properties: { score: { type: "integer" } }, required: ["score"], additionalProperties: false };
    const completion = await adapter().complete(request("schema item", { jsonSchema: { name: "likert", schema } }));
    assert.deepEqual(JSON.parse(completion.text), { score: 4 });
    const body = server.requests.at(-1)!.body as { response_format: unknown };
    assert.deepEqual(body.response_format, { type: "json_schema", json_schema: { name: "likert", schema, strict: true } });
  });

  test("logprobs are requested and normalized", async () => {
    script.set("scored-tokens", {
      text: "4",
      logprobs: [{ token: "4", logprob: -0.2, top: [{ token: "4", logprob: -0.2 }, { token: "5", logprob: -1.8 }] }],
    });
    const completion = await adapter().complete(request("scored-tokens item", { topLogprobs: 2 }));
    const body = server.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(body.logprobs, true);
    assert.equal(body.top_logprobs, 2);
    assert.deepEqual(completion.logprobs, [{ token: "4", logprob: -0.2, top: [{ token: "4", logprob: -0.2 }, { token: "5", logprob: -1.8 }] }]);
  });

  test("missing logprobs in a response give a warning, not a silent drop", async () => {
    script.set("nologprobs", {
      status: 200,
      body: {
        id: "x",
        object: "chat.completion",
        created: 0,
        model: "gpt-4o-mini",
        choices: [{ index: 0, message: { role: "assistant", content: "3" }, finish_reason: "stop", logprobs: null }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      },
    });
    const completion = await adapter().complete(request("nologprobs item", { topLogprobs: 3 }));
    assert.equal(completion.logprobs, undefined);
    assert.match(completion.warnings.join(" "), /no logprobs/);
  });

  test("429 with Retry-After in seconds is retryable with the delay", async () => {
    script.set("ratelimited", { fault: "rate-limit", retryAfter: "7" });
    await assert.rejects(adapter().complete(request("ratelimited")), (error: unknown) => {
      assert.ok(error instanceof ModelCallError);
      assert.equal(error.status, 429);
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterMs, 7000);
      return true;
    });
  });

  test("retry-after-ms wins over Retry-After; an HTTP date is converted to a delay", async () => {
    script.set("retryms", { fault: "rate-limit", retryAfter: "30", retryAfterMs: 1500 });
    await assert.rejects(adapter().complete(request("retryms")), (error: ModelCallError) => error.retryAfterMs === 1500);
    const date = new Date(Date.now() + 20_000).toUTCString();
    script.set("retrydate", { fault: "rate-limit", retryAfter: date });
    await assert.rejects(adapter().complete(request("retrydate")), (error: ModelCallError) => {
      assert.ok(error.retryAfterMs !== undefined && error.retryAfterMs > 15_000 && error.retryAfterMs <= 20_000, String(error.retryAfterMs));
      return true;
    });
  });

  test("500 and 503 are retryable, 400 and 401 are not; the key never appears in the message", async () => {
    script.set("boom", { fault: "server-error", status: 503 });
    await assert.rejects(adapter().complete(request("boom")), (error: ModelCallError) => error.status === 503 && error.retryable);
    script.set("bad", { status: 400, body: { error: { message: "bad request", type: "invalid_request_error" } } });
    await assert.rejects(adapter().complete(request("bad")), (error: ModelCallError) => error.status === 400 && !error.retryable);
    script.set("unauthorized", { status: 401, body: { error: { message: `Incorrect API key provided: ${SECRET}`, type: "invalid_request_error" } } });
    await assert.rejects(adapter().complete(request("unauthorized")), (error: ModelCallError) => {
      assert.equal(error.retryable, false);
      assert.ok(!error.message.includes(SECRET), error.message);
      assert.match(error.message, /\[redacted\]/);
      return true;
    });
  });

  test("a dropped connection is a retryable connection error", async () => {
    script.set("dropped", { fault: "drop" });
    await assert.rejects(adapter().complete(request("dropped")), (error: ModelCallError) => {
      assert.ok(error instanceof ModelCallError);
      assert.equal(error.status, undefined);
      assert.equal(error.retryable, true);
      assert.match(error.message, /connection/);
      return true;
    });
  });

  test("a malformed body is a retryable error", async () => {
    script.set("garbled", { fault: "malformed" });
    await assert.rejects(adapter().complete(request("garbled")), (error: ModelCallError) => error instanceof ModelCallError && error.retryable);
  });

  test("a response without choices fails zod validation as a retryable error", async () => {
    script.set("nochoices", { status: 200, body: { model: "gpt-4o-mini", choices: [] } });
    await assert.rejects(adapter().complete(request("nochoices")), (error: ModelCallError) => {
      assert.match(error.message, /unexpected chat completion shape/);
      return error.retryable;
    });
  });

  test("a slow response past the timeout is a retryable timeout", async () => {
    script.set("sluggish", { fault: "slow", delayMs: 400 });
    const impatient = createOpenAiAdapter({ connection: { apiKey: SECRET, baseURL: server.baseURL }, timeoutMs: 100 });
    await assert.rejects(impatient.complete(request("sluggish")), (error: ModelCallError) => {
      assert.match(error.message, /timed out/);
      return error.retryable;
    });
  });

  test("an abort signal stops the call and is not retryable", async () => {
    script.set("abortme", { fault: "slow", delayMs: 400 });
    const controller = new AbortController();
    const pending = adapter().complete(request("abortme"), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (error: ModelCallError) => !error.retryable && /aborted/.test(error.message));
  });

  test("an unconfigured provider fails at call time with a setup hint", async () => {
    const unconfigured = getProvider("openai").createAdapter({ connection: () => undefined });
    await assert.rejects(unconfigured.complete(request("x")), /OPENAI_API_KEY/);
  });
});
