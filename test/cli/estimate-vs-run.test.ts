/**
 * The dry-run estimate is checked against what an actual run sends (issue 11): `run inventory --n 20` against a
 * loopback server, calls and input tokens within 10% of `--dry-run`'s figures.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createHash } from "node:crypto";
import { estimateTokens, startOpenAiServer, type ModelCall, type Reply } from "../support/openai-server";
import { promptKind, realDataSkip, temporaryCache, wellFormedReply } from "../pipeline/helpers";
import { cli } from "../support/cli-child";

test("run inventory --n 20: the --dry-run estimate is within 10% of the calls and input tokens sent", { skip: realDataSkip }, async () => {
  const cache = temporaryCache();
  // Each source gets its own card (the default script gives every source the same one, and the cache would
  // then answer most later calls: fewer calls than a real run makes).
  const responder = (call: ModelCall): Reply => {
    if (promptKind(call) !== "extract") return wellFormedReply(call);
    const tag = createHash("sha256").update(call.promptText).digest("hex").slice(0, 8);
    return JSON.stringify({ age: "young", gender: "female", occupation: `nurse ${tag}`, description: `The person (${tag}) is a young nurse who works night shifts.`, problem: "The person feels exhausted and sad after a breakup." });
  };
  const server = await startOpenAiServer({ responder });
  after(async () => {
    await server.close();
    cache.remove();
  });
  const args = ["run", "inventory", "--n", "20", "--provider", "openai", "--model", "gpt-4o-mini", "--rpm", "0", "--tpm", "0", "--json"];
  const env = { PERSONA_TALKS_CACHE: cache.directory, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "test-key" };
  const dry = await cli([...args, "--dry-run"], env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(server.calls.length, 0, "a dry run sends nothing");
  const { estimate } = JSON.parse(dry.stdout);

  // About 3,200 calls: a minute or two on a busy machine.
  const run = await cli(args, env, 300_000);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).count, 20);
  const calls = server.calls.length;
  // The server bills prompt tokens as it counts them (about four characters per token), like the estimate.
  const inputTokens = server.calls.reduce((total, call) => total + estimateTokens(call.promptText), 0);
  const within = (estimated: number, actual: number) => Math.abs(estimated - actual) / actual <= 0.1;
  assert.ok(within(estimate.calls, calls), `estimated ${estimate.calls} calls, sent ${calls}`);
  assert.ok(within(estimate.inputTokens, inputTokens), `estimated ${estimate.inputTokens} input tokens, sent ${inputTokens}`);
});
