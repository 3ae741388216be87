/**
 * A new user's mistakes with a real provider (no key, a refused key, a base URL where nothing listens) stop the
 * run at once with one line naming what to set, and exit 3 (docs/runner.md). Each case runs the real CLI in a
 * child process, against loopback servers only.
 */
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, describe, test } from "node:test";
import { startOpenAiServer, type LoopbackServer } from "../support/openai-server";
import { realDataSkip, temporaryCache } from "../pipeline/helpers";
import { cli, type Output } from "../support/cli-child";

/** Lines the user sees on stderr (the "Online: ..." pace line excluded). */
function errorLines(output: Output): string[] {
  return output.stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("Online:"));
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("fatal provider errors", { skip: realDataSkip }, () => {
  const cache = temporaryCache();
  const servers: LoopbackServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    cache.remove();
  });
  const env = { PERSONA_TALKS_CACHE: cache.directory };

  test("no key or base URL: exit 3 at once, one line naming the variable to set, for each provider", async () => {
    const cases = [
      ["openai", "OPENAI_API_KEY"],
      ["anthropic", "ANTHROPIC_API_KEY"],
      ["local", "LOCAL_LLM_BASE_URL"],
    ] as const;
    const outputs = await Promise.all(cases.map(([provider]) => cli(["run", "inventory", "--provider", provider, "--n", "2"], env)));
    outputs.forEach((output, index) => {
      const [provider, variable] = cases[index];
      assert.equal(output.code, 3, `${provider}: ${output.stderr}`);
      const lines = errorLines(output);
      assert.equal(lines.length, 1, `${provider}: one line, got:\n${output.stderr}`);
      assert.match(lines[0], new RegExp(variable));
      assert.match(lines[0], new RegExp(provider));
      assert.doesNotMatch(output.stderr, /\n\s+at /, "no stack trace");
      // Three CLIs start in parallel on a shared machine; alone each takes about 3 s (start-up). The bound only
      // catches a run that waits or retries (the old behaviour took minutes).
      assert.ok(output.seconds < 90, `${provider} took ${output.seconds} s`);
    });
  });

  test("a server that answers 401 to everything: exit 3, at most one request per concurrency slot", async () => {
    const server = await startOpenAiServer({ responder: () => ({ status: 401, body: { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } } }) });
    servers.push(server);
    const output = await cli(["run", "inventory", "--provider", "openai", "--model", "gpt-4o-mini", "--n", "2"], {
      ...env,
      OPENAI_API_KEY: "test-wrong-key",
      OPENAI_BASE_URL: server.baseURL,
    });
    assert.equal(output.code, 3, output.stderr);
    const lines = errorLines(output);
    assert.equal(lines.length, 1, output.stderr);
    assert.match(lines[0], /OPENAI_API_KEY/);
    assert.match(lines[0], new RegExp(`127\\.0\\.0\\.1:${new URL(server.baseURL).port}`));
    assert.match(lines[0], /gpt-4o-mini/);
    assert.ok(server.requests.length >= 1 && server.requests.length <= 8, `${server.requests.length} requests (concurrency 8)`);
    assert.ok(output.seconds < 60, `took ${output.seconds} s`);
  });

  test("a base URL where nothing listens: exit 3 after a short retry, naming host and port", async () => {
    const port = await closedPort();
    const output = await cli(["run", "inventory", "--provider", "openai", "--model", "gpt-4o-mini", "--n", "2"], {
      ...env,
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
    });
    assert.equal(output.code, 3, output.stderr);
    const lines = errorLines(output);
    assert.equal(lines.length, 1, output.stderr);
    assert.match(lines[0], new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.match(lines[0], /OPENAI_BASE_URL/);
    assert.ok(output.seconds < 60, `took ${output.seconds} s`);
  });
});
