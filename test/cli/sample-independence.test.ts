/**
 * Samples that do not depend on failures (issue 27): which personas a run measures follows from the data, N and
 * the seed only. A card whose extraction call failed after its retries makes the run partial (exit 1, named in the
 * summary) instead of being replaced by the next card, and the re-run measures exactly the personas a clean run
 * measures. Loopback OpenAI server; every card is kept, so a clean run measures the first N sources in order.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { Dialogue } from "../../lib/data/types";
import { loadPersonaSources } from "../../lib/pipeline/stages/extract-personas";
import { seededOrder } from "../../lib/pipeline/table";
import { promptKind, realDataDirectory, realDataSkip, wellFormedReply } from "../pipeline/helpers";
import { startOpenAiServer, type LoopbackServer, type Reply } from "../support/openai-server";
import { cliInProcess } from "../support/cli-in-process";

const scratch = mkdtempSync(join(tmpdir(), "pt-sample-"));
const servers: LoopbackServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(scratch, { recursive: true, force: true });
});

async function measure(cache: string, responder: (call: Parameters<typeof wellFormedReply>[0]) => Reply): Promise<{ code: number; ids: string[]; stderr: string }> {
  const server = await startOpenAiServer({ responder });
  servers.push(server);
  const output = await cliInProcess(["run", "inventory", "--n", "2", "--provider", "openai", "--model", "gpt-4o-mini", "--json"], {
    PERSONA_TALKS_DATA: realDataDirectory(),
    PERSONA_TALKS_CACHE: cache,
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: server.baseURL,
  });
  const json = JSON.parse(output.stdout) as { scores: Array<{ personaId: string }> };
  return { code: output.code, ids: json.scores.map((row) => row.personaId), stderr: output.stderr };
}

test("one extraction call failing after its retries: exit 1, no replacement; the re-run measures the clean run's ids", { skip: realDataSkip }, async () => {
  const previous = process.env.PERSONA_TALKS_DATA;
  process.env.PERSONA_TALKS_DATA = realDataDirectory();
  const sources = loadPersonaSources("esconv") as Dialogue[];
  if (previous === undefined) delete process.env.PERSONA_TALKS_DATA;
  else process.env.PERSONA_TALKS_DATA = previous;
  const first = sources[seededOrder(sources.length, 1)[0]];
  const firstId = `esconv:${first.id}`;
  // The first sampled dialogue's longest utterance identifies its extraction prompt.
  const marker = [...first.turns].sort((a, b) => b.text.length - a.text.length)[0].text.slice(0, 80);

  const clean = await measure(join(scratch, "clean"), wellFormedReply);
  assert.equal(clean.code, 0, clean.stderr);
  assert.equal(clean.ids.length, 2);
  assert.ok(clean.ids.includes(firstId), `the clean sample starts with ${firstId}: ${clean.ids}`);

  const failing = (call: Parameters<typeof wellFormedReply>[0]): Reply =>
    promptKind(call) === "extract" && call.promptText.includes(marker) ? { status: 400, body: { error: { message: "Invalid prompt", type: "invalid_request_error" } } } : wellFormedReply(call);
  const cache = join(scratch, "faulty");
  const partial = await measure(cache, failing);
  assert.equal(partial.code, 1, partial.stderr);
  assert.deepEqual(partial.ids, clean.ids.filter((id) => id !== firstId), "the failed card leaves a hole; no other card takes its place");
  assert.ok(partial.stderr.includes(firstId), `the summary names the failed card ${firstId}:\n${partial.stderr}`);

  const rerun = await measure(cache, wellFormedReply);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.deepEqual([...rerun.ids].sort(), [...clean.ids].sort(), "the re-run completes the same sample");
});
