import assert from "node:assert/strict";
import { test } from "node:test";
import { UsageError } from "../../lib/errors";
import { formatModelSpec, parseModelSpec, parseModelSpecs } from "../../lib/providers/model-spec";
import { unconfiguredMessage, unconfiguredModels } from "../../lib/questions/shared/analyze-models";

test("provider:model splits off a known provider only", () => {
  assert.deepEqual(parseModelSpec("openai:gpt-4o-mini", undefined), { provider: "openai", model: "gpt-4o-mini" });
  assert.deepEqual(parseModelSpec("local:meta-llama/Llama-3.1-8B-Instruct", undefined), { provider: "local", model: "meta-llama/Llama-3.1-8B-Instruct" });
  // Ollama ids contain a colon; "llama3.1" is no provider, so the whole text is the model of the default provider.
  assert.deepEqual(parseModelSpec("llama3.1:8b", "local"), { provider: "local", model: "llama3.1:8b" });
  assert.deepEqual(parseModelSpec("local:llama3.1:8b", undefined), { provider: "local", model: "llama3.1:8b" });
  assert.deepEqual(parseModelSpec("gpt-4o-mini", undefined), { provider: undefined, model: "gpt-4o-mini" });
  assert.equal(formatModelSpec({ provider: "sim", model: "aligned" }), "sim:aligned");
});

test("bad model lists are usage errors", () => {
  assert.throws(() => parseModelSpec("openai:", undefined), UsageError);
  assert.throws(() => parseModelSpec("  ", undefined), UsageError);
  assert.throws(() => parseModelSpecs(["sim:a", "sim:a"], undefined), /given twice/);
});

test("unconfigured models are named with the variable to set; sim never needs one", () => {
  const env = { OPENAI_API_KEY: "test-key" };
  const missing = unconfiguredModels(
    [
      { provider: "openai", model: "gpt-4o-mini" },
      { provider: "anthropic", model: "claude-3-5-haiku-20241022" },
      { provider: "sim", model: "aligned" },
    ],
    env,
  );
  assert.deepEqual(missing.map(({ spec }) => spec.provider), ["anthropic"]);
  assert.match(unconfiguredMessage(missing), /anthropic:claude-3-5-haiku-20241022 is not configured \(set ANTHROPIC_API_KEY/);
});
