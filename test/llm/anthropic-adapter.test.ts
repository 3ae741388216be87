import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createAnthropicAdapter } from "../../lib/llm/adapters/anthropic-adapter";
import { ANTHROPIC_DEFAULT_MAX_TOKENS } from "../../lib/llm/adapters/anthropic-request";
import { ModelCallError } from "../../lib/llm/types";
import type { ModelRequest } from "../../lib/llm/types";
import { startAnthropicServer } from "../support/anthropic-server";
import type { LoopbackServer, Reply } from "../support/anthropic-server";

const SECRET = "fake-anthropic-key-0123456789";

function request(text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    provider: "anthropic",
    model: "claude-3-5-haiku-20241022",
    messages: [
      { role: "system", content: "You are a persona." },
      { role: "system", content: "Answer briefly." },
      { role: "user", content: text },
    ],
    metadata: { stage: "test", itemId: text },
    ...extra,
  };
}

describe("Anthropic adapter against a loopback server", () => {
  let server: LoopbackServer;
  const script = new Map<string, Reply>();

  before(async () => {
    server = await startAnthropicServer({
      responder: (call) => script.get(call.promptText.split("\n").at(-1) ?? "") ?? "default answer",
    });
  });
  after(() => server.close());

  const adapter = () => createAnthropicAdapter({ connection: () => ({ apiKey: SECRET, baseURL: server.baseURL }) });

  test("sends system messages as `system`, temperature 0 and a default max_tokens; reads text and usage", async () => {
    script.set("hello", { text: "Hi there", inputTokens: 21, outputTokens: 2 });
    const completion = await adapter().complete(request("hello"));
    assert.equal(completion.text, "Hi there");
    assert.deepEqual(completion.usage, { inputTokens: 21, outputTokens: 2 });
    assert.equal(completion.provider, "anthropic");
    assert.equal(completion.model, "claude-3-5-haiku-20241022");
    assert.equal(completion.finishReason, "end_turn");
    assert.deepEqual(completion.warnings, []);
    const sent = server.requests.at(-1)!;
    assert.equal(sent.path, "/v1/messages", "the SDK adds /v1 to the bare origin");
    // SDK 1.x sends the key as a bearer token; older versions used x-api-key.
    assert.ok(sent.headers["x-api-key"] === SECRET || sent.headers.authorization === `Bearer ${SECRET}`);
    const body = sent.body as Record<string, unknown>;
    assert.equal(body.system, "You are a persona.\n\nAnswer briefly.");
    assert.deepEqual(body.messages, [{ role: "user", content: "hello" }]);
    assert.equal(body.temperature, 0);
    assert.equal(body.max_tokens, ANTHROPIC_DEFAULT_MAX_TOKENS);
  });

  test("a JSON schema becomes a forced tool call whose input is returned as JSON text, with a warning", async () => {
    script.set("json please", '{"score":2}');
    const schema = { type: "object", properties: { score: { type: "integer" } }, required: ["score"] };
    const completion = await adapter().complete(request("json please", { jsonSchema: { name: "likert answer", schema } }));
    assert.deepEqual(JSON.parse(completion.text), { score: 2 });
    assert.match(completion.warnings.join(" "), /jsonSchema emulated/);
    const body = server.requests.at(-1)!.body as { tools: Array<{ name: string; input_schema: unknown }>; tool_choice: unknown };
    assert.equal(body.tools[0].name, "likert_answer");
    assert.deepEqual(body.tools[0].input_schema, schema);
    assert.deepEqual(body.tool_choice, { type: "tool", name: "likert_answer" });
  });

  test("logprobs and seed are unsupported: warnings, never silent drops", async () => {
    script.set("probs", "3");
    const completion = await adapter().complete(request("probs", { topLogprobs: 5, seed: 11, maxTokens: 3 }));
    assert.equal(completion.text, "3");
    assert.equal(completion.logprobs, undefined);
    assert.ok(completion.warnings.some((warning) => /logprobs unsupported by anthropic/.test(warning)), completion.warnings.join("|"));
    assert.ok(completion.warnings.some((warning) => /seed unsupported/.test(warning)));
    assert.equal((server.requests.at(-1)!.body as { max_tokens: number }).max_tokens, 3);
  });

  test("429 with Retry-After, 529 overloaded and dropped connections are retryable", async () => {
    script.set("limited", { fault: "rate-limit", retryAfter: "3" });
    await assert.rejects(adapter().complete(request("limited")), (error: unknown) => {
      assert.ok(error instanceof ModelCallError);
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterMs, 3000);
      return error.retryable;
    });
    script.set("overloaded", { fault: "server-error", status: 529 });
    await assert.rejects(adapter().complete(request("overloaded")), (error: ModelCallError) => error.status === 529 && error.retryable);
    script.set("dropped", { fault: "drop" });
    await assert.rejects(adapter().complete(request("dropped")), (error: ModelCallError) => error.retryable && error.status === undefined);
  });

  test("400 is not retryable; malformed bodies are retryable", async () => {
    script.set("invalid", { status: 400, body: { type: "error", error: { type: "invalid_request_error", message: "bad" } } });
    await assert.rejects(adapter().complete(request("invalid")), (error: ModelCallError) => error.status === 400 && !error.retryable);
    script.set("garbled", { fault: "malformed" });
    await assert.rejects(adapter().complete(request("garbled")), (error: ModelCallError) => error instanceof ModelCallError && error.retryable);
    script.set("wrong shape", { status: 200, body: { type: "message", content: "not a list" } });
    await assert.rejects(adapter().complete(request("wrong shape")), (error: ModelCallError) => /unexpected message shape/.test(error.message) && error.retryable);
  });
});
