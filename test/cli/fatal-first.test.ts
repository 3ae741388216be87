/**
 * Fatal errors first (docs/runner.md): a provider verdict that stops the run ends it at once whatever the rate
 * limit, and the files a run reads later (inventories, prompts) are checked before the first paid call.
 * Anthropic's default tier limit is 50 requests/min (lib/llm/models.json): one request per 1.2 s. "Nothing
 * listening" took 38-44 s before retries at an unreachable server stopped waiting for the rate limit.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startAnthropicServer } from "../support/anthropic-server";
import { startOpenAiServer, type LoopbackServer } from "../support/openai-server";
import { realDataDirectory, realDataSkip, wellFormedReply } from "../pipeline/helpers";
import { cliInProcess, stderrLines } from "../support/cli-in-process";
import type { Output } from "../support/cli-child";

const scratch = mkdtempSync(join(tmpdir(), "pt-fatal-first-"));
const servers: LoopbackServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(scratch, { recursive: true, force: true });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function assertStopsAtOnce(output: Output, pattern: RegExp): void {
  const lines = stderrLines(output);
  assert.equal(output.code, 3, output.stderr);
  assert.equal(lines.length, 1, `one line, got:\n${output.stderr}`);
  assert.match(lines[0], pattern);
  assert.ok(output.seconds < 3, `stopped after ${output.seconds.toFixed(2)} s at 50 requests/min`);
}

describe("at Anthropic's 50 requests/min, a fatal verdict ends the run within 3 s", { skip: realDataSkip }, () => {
  const run = (env: Record<string, string>) =>
    cliInProcess(["run", "inventory", "--n", "2", "--provider", "anthropic", "--model", "claude-3-5-haiku-20241022", "--rpm", "50"], {
      PERSONA_TALKS_CACHE: join(scratch, `cache-${Math.random().toString(36).slice(2)}`),
      ...env,
    });

  // The first run in this process compiles the command's modules (seconds under tsx): not part of the measure.
  before(() => run({ ANTHROPIC_API_KEY: "", ANTHROPIC_BASE_URL: "" }).then(() => undefined));

  test("nothing listening", async () => {
    const port = await closedPort();
    assertStopsAtOnce(await run({ ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}` }), new RegExp(`cannot reach 127\\.0\\.0\\.1:${port}`));
  });

  test("no key", async () => {
    assertStopsAtOnce(await run({}), /ANTHROPIC_API_KEY/);
  });

  test("401 and 403", async () => {
    for (const status of [401, 403]) {
      const server = await startAnthropicServer({ responder: () => ({ status, body: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } } }) });
      servers.push(server);
      assertStopsAtOnce(await run({ ANTHROPIC_API_KEY: "test-wrong-key", ANTHROPIC_BASE_URL: server.baseURL }), /ANTHROPIC_API_KEY/);
      assert.ok(server.requests.length <= 8, `${server.requests.length} requests`);
    }
  });

  test("404 (unknown model)", async () => {
    const server = await startAnthropicServer({ responder: () => ({ status: 404, body: { type: "error", error: { type: "not_found_error", message: "model: claude-nope" } } }) });
    servers.push(server);
    assertStopsAtOnce(await run({ ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: server.baseURL }), /no such model/);
  });
});

test("a malformed inventory file stops the run before the first call (exit 4, one line naming it)", { skip: realDataSkip }, async () => {
  const data = join(scratch, "data");
  cpSync(realDataDirectory()!, data, { recursive: true });
  writeFileSync(join(data, "inventories", "hexaco60.json"), '{"name": "HEXACO-60", "items": [');
  const server = await startOpenAiServer({ responder: wellFormedReply });
  servers.push(server);
  const output = await cliInProcess(["run", "inventory", "--n", "2", "--provider", "openai", "--model", "gpt-4o-mini"], {
    PERSONA_TALKS_DATA: data,
    PERSONA_TALKS_CACHE: join(scratch, "inventory-cache"),
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: server.baseURL,
  });
  const lines = stderrLines(output);
  assert.equal(output.code, 4, output.stderr);
  assert.equal(lines.length, 1, output.stderr);
  assert.match(lines[0], /hexaco60\.json/);
  assert.equal(server.requests.length, 0, "no call was paid before the inventory was read");
});
