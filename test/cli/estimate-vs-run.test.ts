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
  // Answers of the lengths the estimate assumes for the prompts it cannot know yet (Table 1: descriptions of about
  // 60 words, problems of 35, trait sentences of about 18), and a card of its own per source (the same card for
  // every source would let the cache answer most later calls).
  const words = (count: number, tag: string) => `The person ${tag} ${Array.from({ length: count - 3 }, () => "word").join(" ")}.`;
  const responder = (call: ModelCall): Reply => {
    const tag = createHash("sha256").update(call.promptText).digest("hex").slice(0, 8);
    switch (promptKind(call)) {
      case "extract":
        return JSON.stringify({ age: "young", gender: "female", occupation: "nurse", description: words(60, tag), problem: words(35, tag) });
      case "describe": {
        const domains = Object.keys(JSON.parse(wellFormedReply(call) as string));
        return JSON.stringify(Object.fromEntries(domains.map((domain) => [domain, words(18, tag)])));
      }
      default:
        return wellFormedReply(call);
    }
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
