import assert from "node:assert/strict";
import { test } from "node:test";
import { cacheKey } from "../../../lib/llm/cache/cache-key";
import { estimateRun, formatEstimate } from "../../../lib/llm/runner/estimate";
import { estimateInputTokens } from "../../../lib/llm/runner/token-estimate";
import { request } from "./fake-model";
// Prices come from the provider modules listed in the registry.
import "../../../lib/providers/registry";

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

test("input tokens are about chars/4 plus 4 per message", () => {
  const req = request("x", { messages: [{ role: "system", content: "a".repeat(40) }, { role: "user", content: "b".repeat(41) }] });
  assert.equal(estimateInputTokens(req), 10 + 11 + 8); // ceil(81/4) = 21, + 2*4
});

test("counts calls, tokens and dollars at list and Batch prices, skipping cached requests", () => {
  // 400-char prompt: ceil(400/4) + 4 = 104 input tokens per call.
  const make = (index: number, model = "gpt-4o-mini") =>
    request(String(index), { model, maxTokens: 50, messages: [{ role: "user", content: `${String(index).padStart(4, "0")}${"x".repeat(396)}` }] });
  const requests = [...Array.from({ length: 10 }, (_, index) => make(index)), make(99, "mystery-model")];
  const cachedKeys = new Set([cacheKey(requests[0]), cacheKey(requests[1])]);
  const estimate = estimateRun(requests, { cache: { has: (key) => cachedKeys.has(key) }, expectedOutputTokens: 5 });
  assert.equal(estimate.calls, 11);
  assert.equal(estimate.cachedCalls, 2);
  assert.equal(estimate.callsToMake, 9);
  assert.equal(estimate.inputTokens, 9 * 104);
  assert.equal(estimate.outputTokens, 9 * 5);
  // gpt-4o-mini: 8 calls * (104 * 0.15 + 5 * 0.60) / 1e6 = 8 * 18.6e-6; batch exactly half.
  close(estimate.listDollars, 8 * 18.6e-6);
  close(estimate.batchDollars, 8 * 9.3e-6);
  assert.deepEqual(estimate.unpricedModels, ["openai:mystery-model"]);
  const mystery = estimate.rows.find((row) => row.model === "mystery-model")!;
  assert.equal(mystery.listDollars, undefined);
  const text = formatEstimate(estimate);
  assert.match(text, /11 calls, 2 already cached, 9 to make/);
  assert.match(text, /936 input \+ 45 output tokens/);
  assert.match(text, /No price known for openai:mystery-model/);
});

test("without expectedOutputTokens, maxTokens is the (upper-bound) assumption", () => {
  const estimate = estimateRun([request("a", { maxTokens: 300 }), request("b", { maxTokens: 100 })]);
  assert.equal(estimate.outputTokens, 400);
  assert.match(estimate.outputAssumption, /upper bound/);
});

test("self-hosted models are free", () => {
  const estimate = estimateRun([request("a", { provider: "local", model: "anything" })], { expectedOutputTokens: 3 });
  assert.equal(estimate.listDollars, 0);
  assert.deepEqual(estimate.unpricedModels, []);
});
