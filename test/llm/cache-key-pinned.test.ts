import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cacheKey } from "../../lib/llm/cache/cache-key";
import type { ModelRequest } from "../../lib/llm/types";

/**
 * Cache keys of real providers are pinned: an existing cache of a real provider must replay with 0 new calls
 * after any refactoring (issue 22). The hashes were computed with `cacheKey(request)` on main at a06719d,
 * before providers became modules; if one changes, every stored answer of that provider is lost.
 */
const OPENAI: ModelRequest = {
  provider: "openai",
  model: "gpt-4o-mini",
  messages: [
    { role: "system", content: "persona card" },
    { role: "user", content: "statement 7 — ü" },
  ],
  temperature: 0,
  maxTokens: 64,
  seed: 7,
  topLogprobs: 5,
  jsonSchema: { name: "answer", schema: { type: "object", properties: { score: { type: "integer" } }, required: ["score"] } },
  metadata: { prompt: { id: "answer-item", version: "v1", hash: "abc" }, stage: "answerInventory", itemId: "p1/HEXACO-60#7", sampleIndex: 0 },
};

const ANTHROPIC: ModelRequest = {
  provider: "anthropic",
  model: "claude-3-5-haiku-20241022",
  messages: [
    { role: "system", content: "you are a supporter" },
    { role: "user", content: "hello" },
    { role: "assistant", content: "hi" },
    { role: "user", content: "continue" },
  ],
  temperature: 0.7,
  topP: 0.9,
  metadata: { prompt: { id: "continue-dialogue", version: "v2", hash: "def" }, sampleIndex: 2 },
};

describe("cache keys of real providers are pinned", () => {
  test("an OpenAI request hashes as it did before providers became modules", () => {
    assert.equal(cacheKey(OPENAI), "22c2eea312ad69083cfb80a23dd4e4a72b55be734a7f5de7d56f54c772d34137");
  });

  test("an Anthropic request hashes as it did before providers became modules", () => {
    assert.equal(cacheKey(ANTHROPIC), "c78bfea3d70267a1581baedb28658e162d5affb5e8580232c4fcc23935b5f91f");
  });
});
