/**
 * Every run ends with a closing summary (docs/runner.md): retries by cause as they happened, failures grouped by
 * reason with an example item, what to do next, and exit 1 when some items failed after their retries.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { closingSummary, formatClosingSummary } from "../../lib/llm/runner/closing-summary";
import { Ledger } from "../../lib/llm/runner/ledger";
import { startOpenAiServer, type Fault, type LoopbackServer, type Reply } from "../support/openai-server";
import { realDataSkip, temporaryCache, wellFormedReply } from "../pipeline/helpers";
import { cli } from "../support/cli-child";

test("the closing summary groups failures by reason and says how to retry", () => {
  const ledger = new Ledger();
  ledger.record({ stage: "extract", provider: "openai", model: "m", usage: { inputTokens: 10, outputTokens: 2 }, cached: true });
  ledger.record({ stage: "extract", provider: "openai", model: "m", usage: { inputTokens: 10, outputTokens: 2 }, cached: false });
  for (const itemId of ["a", "b"]) ledger.recordFailure("extract", "openai", "m", { reason: "HTTP 500 (server error)", itemId, message: `openai: HTTP 500 for ${itemId}` });
  ledger.recordFailure("extract", "openai", "m", { reason: "HTTP 400 (rejected)", itemId: "c", message: "openai: HTTP 400" });
  ledger.report.recordRetry("429");
  ledger.report.recordRetry("429");
  ledger.report.recordRetry("malformed body");
  const summary = closingSummary(ledger);
  assert.equal(summary.done, 2);
  assert.equal(summary.fromCache, 1);
  assert.equal(summary.failed, 3);
  assert.equal(summary.retries.total, 3);
  assert.equal(summary.retries.byCause["429"], 2);
  assert.deepEqual(summary.failures.map((group) => [group.reason, group.count, group.exampleItem]), [
    ["HTTP 500 (server error)", 2, "a"],
    ["HTTP 400 (rejected)", 1, "c"],
  ]);
  assert.match(summary.next ?? "", /re-run the same command to retry the 3 failed items/);
  const text = formatClosingSummary(summary);
  assert.match(text, /3 retries \(429: 2, malformed body: 1\)/);
  assert.match(text, /2 failed: HTTP 500 \(server error\) \(e\.g\. a: /);
});

describe("run under injected faults", { skip: realDataSkip }, () => {
  const cache = temporaryCache();
  const servers: LoopbackServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    cache.remove();
  });

  test("transient faults are retried and counted by cause; rejected items fail, exit 1, with the reason and an example", async () => {
    // The first answer to each of the first four prompts is a fault of a different kind; prompts 5 and 6 are rejected.
    const faults: Fault[] = [{ fault: "rate-limit", retryAfterMs: 10 }, { fault: "server-error", status: 503 }, { fault: "drop" }, { fault: "malformed" }];
    const order = new Map<string, number>();
    const seen = new Set<string>();
    const server = await startOpenAiServer({
      responder: (call): Reply => {
        if (!order.has(call.promptText)) order.set(call.promptText, order.size);
        const position = order.get(call.promptText)!;
        if (position >= 4) return { status: 400, body: { error: { message: "Invalid prompt", type: "invalid_request_error" } } };
        if (!seen.has(call.promptText)) {
          seen.add(call.promptText);
          return faults[position];
        }
        return wellFormedReply(call);
      },
    });
    servers.push(server);
    const output = await cli(["run", "extract", "--dataset", "esconv", "--n", "6", "--provider", "openai", "--model", "gpt-4o-mini", "--json"], {
      PERSONA_TALKS_CACHE: cache.directory,
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: "test-key",
    });
    assert.equal(output.code, 1, output.stderr);
    const { summary } = JSON.parse(output.stdout);
    assert.equal(summary.done, 4);
    assert.equal(summary.failed, 2);
    for (const cause of ["429", "5xx", "dropped connection", "malformed body"]) assert.equal(summary.retries.byCause[cause], 1, `${cause}: ${JSON.stringify(summary.retries)}`);
    assert.equal(summary.failures.length, 1);
    assert.equal(summary.failures[0].count, 2);
    assert.match(summary.failures[0].reason, /HTTP 400/);
    assert.match(summary.failures[0].exampleItem, /^esconv:/);
    assert.match(output.stderr, /Re-run the same command to retry the 2 failed items/);
  });

  test("no runaway: when a chunk's extraction calls fail, run inventory takes no new sources and says so", async () => {
    const server = await startOpenAiServer({ responder: () => ({ status: 400, body: { error: { message: "Invalid prompt", type: "invalid_request_error" } } }) });
    servers.push(server);
    const own = temporaryCache();
    const output = await cli(["run", "inventory", "--n", "3", "--provider", "openai", "--model", "gpt-4o-mini"], {
      PERSONA_TALKS_CACHE: own.directory,
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: "test-key",
    });
    assert.equal(output.code, 1, output.stderr);
    assert.match(output.stderr, /stopped taking new sources after 10 of 10 extraction calls failed/);
    own.remove();
    assert.equal(server.requests.length, 10, "one chunk of 10 sources, not the whole dataset");
  });
});
