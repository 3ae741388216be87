import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";
import { analyzeRq1Models, type AnalysisModel } from "../../lib/questions/rq1/rq1-models-analysis";
import { startAnthropicServer } from "../support/anthropic-server";
import { startOpenAiServer, type LoopbackServer, type ModelCall } from "../support/openai-server";
import { madeUpDialogues, promptKind, temporaryCache, tinyInventories, wellFormedReply } from "../pipeline/helpers";

let openai: LoopbackServer;
let anthropic: LoopbackServer;
let cache: ReturnType<typeof temporaryCache>;
let models: AnalysisModel[];

// Answers that differ by persona and item, so that correlations are defined.
function reply(call: ModelCall) {
  if (promptKind(call) !== "answer") return wellFormedReply(call);
  let hash = 0;
  for (const character of call.promptText) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return String(1 + (hash % 5));
}

before(async () => {
  openai = await startOpenAiServer({ responder: reply });
  anthropic = await startAnthropicServer({ responder: reply });
  cache = temporaryCache();
  const open = (provider: "openai" | "anthropic", model: string, server: LoopbackServer): AnalysisModel => ({
    label: `${provider}:${model}`,
    context: createPipelineContext({ model: { provider, model }, adapterOptions: { apiKey: "test-key", baseURL: server.baseURL }, cachePath: cache.path, limits: false }),
  });
  models = [open("openai", "gpt-4o-mini", openai), open("anthropic", "claude-3-5-haiku-20241022", anthropic)];
});

after(async () => {
  for (const model of models) model.context.close();
  cache.remove();
  await openai.close();
  await anthropic.close();
});

test("one analysis with a model on each server sends each model's requests to its own server", async () => {
  const result = await analyzeRq1Models({
    models,
    n: 3,
    datasets: ["esconv"],
    sources: () => madeUpDialogues(),
    inventories: tinyInventories(),
    progress: false,
  });
  const kinds = (server: LoopbackServer) => new Set(server.calls.map(promptKind));
  // The first model extracts and filters the cards; both describe and measure the same personas.
  assert.deepEqual([...kinds(openai)].sort(), ["answer", "describe", "extract", "filter"]);
  assert.deepEqual([...kinds(anthropic)].sort(), ["answer", "describe"]);
  assert.ok(openai.calls.every((call) => call.body.model === "gpt-4o-mini"));
  assert.ok(anthropic.calls.every((call) => call.body.model === "claude-3-5-haiku-20241022"));
  const personasOf = (label: string) => result.scores.filter((row) => row.model === label).map((row) => row.personaId).sort();
  assert.deepEqual(personasOf("openai:gpt-4o-mini"), personasOf("anthropic:claude-3-5-haiku-20241022"));
  assert.equal(personasOf("openai:gpt-4o-mini").length, 3);
  const groups = (result.summary.groups as Array<{ group: Record<string, string> }>).map((group) => group.group);
  assert.deepEqual(groups, [
    { dataset: "esconv", model: "openai:gpt-4o-mini" },
    { dataset: "esconv", model: "anthropic:claude-3-5-haiku-20241022" },
  ]);
  assert.ok(result.tables.some((table) => table.name === "rq1-models-alignment"));
});
