/**
 * Batch runs that finish the job (issue 27), against the loopback emulations of the OpenAI Batch API and Anthropic
 * Message Batches (test/support): transient line failures go into a follow-up batch in the same run; a batch
 * refused as invalid shows its reasons and exits 3 with either provider, with no "re-run" advice; resuming a stored
 * batch at a base URL where nothing listens exits 3 within seconds; polling names the provider's status.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { realDataSkip, wellFormedReply } from "../pipeline/helpers";
import { startAnthropicServer } from "../support/anthropic-server";
import { startOpenAiServer, type LoopbackServer, type ModelCall, type Reply } from "../support/openai-server";
import { cliInProcess } from "../support/cli-in-process";

const scratch = mkdtempSync(join(tmpdir(), "pt-batch-finish-"));
const servers: LoopbackServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(scratch, { recursive: true, force: true });
});

const PROVIDERS = [
  { name: "openai", model: "gpt-4o-mini", start: startOpenAiServer, env: (url: string) => ({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: url }) },
  { name: "anthropic", model: "claude-3-5-haiku-20241022", start: startAnthropicServer, env: (url: string) => ({ ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: url }) },
] as const;

let caches = 0;
function runBatch(provider: (typeof PROVIDERS)[number], baseURL: string, extra: string[] = []) {
  return cliInProcess(["run", "inventory", "--n", "2", "--batch", "--poll-interval", "1", "--provider", provider.name, "--model", provider.model, ...extra], {
    ...provider.env(baseURL),
    PERSONA_TALKS_CACHE: join(scratch, `cache-${(caches += 1)}`),
  });
}

/** One line in ten (by its prompt) fails once with a 500 (OpenAI) or an api_error (Anthropic), then answers. */
function failingOnce(): (call: ModelCall) => Reply {
  const seen = new Set<string>();
  return (call) => {
    const digest = createHash("sha256").update(call.promptText).digest();
    if (digest[0] % 10 === 0 && !seen.has(call.promptText)) {
      seen.add(call.promptText);
      return { fault: "server-error", status: 500 };
    }
    return wellFormedReply(call);
  };
}

describe("batch runs that finish the job", { skip: realDataSkip }, () => {
  for (const provider of PROVIDERS) {
    test(`${provider.name}: 10% of lines failing once are answered by a follow-up batch in the same run, exit 0`, async () => {
      const server = await provider.start({ responder: failingOnce() });
      servers.push(server);
      const output = await runBatch(provider, server.baseURL);
      assert.equal(output.code, 0, output.stderr);
      assert.match(output.stderr, /resubmitted \d+ request\(s\) that failed transiently \(follow-up batch\)/);
      assert.match(output.stderr, /Summary: \d+ done \(\d+ from cache, \d+ paid\), 0 failed/);
      assert.match(output.stderr, /Summary: .*batch follow-up: \d+/, "the closing summary counts the follow-up resubmissions");
    });
  }

  test("openai: a batch that failed validation prints its reasons (line, code, message) and exits 3, no re-run advice", async () => {
    const server = await startOpenAiServer({
      responder: wellFormedReply,
      batchValidation: (lines) => lines.map((_line, index) => ({ code: "invalid_model", message: "The model `gpt-4o-mini` does not exist for batch", line: index + 1 })),
    });
    servers.push(server);
    const output = await runBatch(PROVIDERS[0], server.baseURL);
    assert.equal(output.code, 3, output.stderr);
    assert.match(output.stderr, /line 1: invalid_model: The model `gpt-4o-mini` does not exist/);
    assert.match(output.stderr, /refused as invalid/);
    assert.doesNotMatch(output.stderr, /re-run (the same command )?to retry/i);
  });

  test("anthropic: a batch whose every line is an invalid_request exits 3 with the reasons, no re-run advice", async () => {
    const server = await startAnthropicServer({
      responder: () => ({ status: 400, body: { type: "error", error: { type: "invalid_request_error", message: "max_tokens: must be at most 8192" } } }),
    });
    servers.push(server);
    const output = await runBatch(PROVIDERS[1], server.baseURL);
    assert.equal(output.code, 3, output.stderr);
    assert.match(output.stderr, /invalid_request_error: max_tokens: must be at most 8192/);
    assert.match(output.stderr, /refused as invalid/);
    assert.doesNotMatch(output.stderr, /re-run (the same command )?to retry/i);
  });

  test("resuming a stored batch at a base URL where nothing listens: exit 3 within seconds, saying it resumed", async () => {
    const server = await startOpenAiServer({ responder: wellFormedReply, batchPollsUntilDone: 1_000 });
    servers.push(server);
    const cache = join(scratch, "resume-cache");
    const env = { OPENAI_API_KEY: "test-key", PERSONA_TALKS_CACHE: cache };
    const args = ["run", "extract", "--dataset", "esconv", "--n", "2", "--batch", "--poll-interval", "1", "--provider", "openai", "--model", "gpt-4o-mini"];
    // First run: submits, polls (the batch never ends), then Ctrl-C.
    const interrupt = setInterval(() => {
      if (server.requests.some((request) => request.path === "/v1/batches" && request.method === "POST")) {
        clearInterval(interrupt);
        setTimeout(() => process.emit("SIGINT"), 1500);
      }
    }, 100);
    const first = await cliInProcess(args, { ...env, OPENAI_BASE_URL: server.baseURL });
    clearInterval(interrupt);
    assert.equal(first.code, 130, first.stderr);
    assert.match(first.stderr, /in_progress/, "polling shows the provider's status");

    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const second = await cliInProcess(args, { ...env, OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` });
    assert.equal(second.code, 3, second.stderr);
    assert.match(second.stderr, /resuming a batch a previous run submitted/);
    assert.match(second.stderr, new RegExp(`127\\.0\\.0\\.1:${port}: cannot reach the server to poll`));
    assert.ok(second.seconds < 20, `took ${second.seconds.toFixed(1)} s`);
  });
});
