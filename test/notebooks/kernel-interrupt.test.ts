import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findNbconvert, prepareNotebookLibrary, registerTslabKernel } from "../../lib/notebook/jupyter";
import { projectRoot } from "../../lib/paths";
import { runKernelSteps, type KernelStepResult } from "../support/kernel-cells";
import { startOpenAiServer } from "../support/openai-server";

// Stop means stop (issue 25, item 1): Jupyter's Interrupt (SIGINT to the tslab kernel, sent by jupyter_client as
// the Notebook does) ends a running stage within 2 s, no request starts after it, and the cell's last line says
// what was done and what was not. The re-run asks the server only for what was not answered before.
const nbconvert = findNbconvert();
const skip = nbconvert ? false : "jupyter-nbconvert (and jupyter_client) is not installed";

test("a kernel interrupt stops the stage within 2 s: no request starts after it, the cell says what was done, a re-run resumes from the cache", { skip, timeout: 300_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-interrupt-"));
  // Each call takes 300 ms: 120 calls at 4 at a time need about 9 s, so the interrupt at 2 s lands mid-stage.
  const server = await startOpenAiServer({ latencyMs: 300 });
  try {
    registerTslabKernel();
    prepareNotebookLibrary();
    const sources = `Array.from({ length: 120 }, (_, i) => ({ id: "dreaddit:t" + i, dataset: "dreaddit" as const, text: "post " + i + ": deadlines at work keep me awake", labels: {} }))`;
    const cells = [
      'const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();',
      'const run = pt.session({ provider: "openai", model: "gpt-4o-mini", concurrency: 4, progress: false });',
      `const cards = await run.extract(${sources});`,
      `const again = await run.extract(${sources}); console.log("rows " + again.rows.length);`,
    ];
    const environment = {
      OPENAI_API_KEY: "sk-loopback-test",
      OPENAI_BASE_URL: server.baseURL,
      ANTHROPIC_API_KEY: "",
      PERSONA_TALKS_PROVIDER: "",
      PERSONA_TALKS_N: "",
      PERSONA_TALKS_CACHE: join(work, "cache"),
    };
    const result = await runKernelSteps(cells, { cwd: join(projectRoot(), "notebooks"), interrupt: { cell: 2, after: 2 }, environment, timeoutSeconds: 120 });
    const [load, config, stage, rerun] = result.cells;
    assert.equal(load.status, "ok", load.text);
    assert.equal(config.status, "ok", config.text);
    assert.ok(result.interruptedAt, "the driver interrupted the stage cell");
    const interruptedAt = result.interruptedAt! * 1000;
    assert.equal(stage.status, "error", `the interrupted cell ends as an error (Run All stops there): ${stage.text}`);
    // Within 2 s of the interrupt.
    assert.ok(stage.ended * 1000 - interruptedAt < 2_000, `the stage ended ${(stage.ended * 1000 - interruptedAt).toFixed(0)} ms after the interrupt`);
    const lines = stage.text.trim().split("\n");
    const last = lines[lines.length - 1];
    // (A kernel printing errors as "Name: message" may put the error's name first.)
    const match = /^(?:RunStoppedError: )?stopped: (\d+) done, (\d+) from cache(?:, (\d+) failed)?, (\d+) not run \(extractPersonas\); re-run the cell to continue$/.exec(last);
    assert.ok(match, `the cell's last line says what was done and not run: ${JSON.stringify(stage.text)}`);
    assert.equal(lines.length, 1, `one line, no stack: ${JSON.stringify(stage.text)}`);
    const [done, cached, failed, notRun] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0), Number(match[4])];
    assert.equal(done + cached + failed + notRun, 120);
    assert.ok(done > 0 && notRun > 0, `some done, some not: ${last}`);
    // The signal takes a moment to reach the kernel: 100 ms is allowed for it. Nothing starts after that.
    const before = server.requests.filter((request) => request.receivedAt <= interruptedAt + 100 && request.receivedAt < rerunStart(result));
    const after = server.requests.filter((request) => request.receivedAt > interruptedAt + 100 && request.receivedAt < rerunStart(result));
    assert.deepEqual(after.map((request) => request.receivedAt - interruptedAt), [], "no request starts after the interrupt");
    // Calls in flight were aborted, not answered: the server started more than it finished before the re-run.
    assert.ok(before.length >= done, `${before.length} requests before the interrupt, ${done} answered`);
    // The re-run pays only for what was not answered: none of the answered prompts is asked again.
    assert.equal(rerun.status, "ok", rerun.text);
    assert.match(rerun.text, /rows 120/);
    // First attempts (a repair retry carries the model's earlier answer as an assistant message).
    const firstAttempts = server.requests.filter((request) => request.receivedAt >= rerunStart(result) && !JSON.stringify((request.body as { messages?: unknown })?.messages ?? "").includes('"assistant"'));
    assert.equal(firstAttempts.length, 120 - done - cached, "the re-run asks only for what was not answered");
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});

/** When the re-run cell started: the interrupted cell's end. */
function rerunStart(result: { cells: KernelStepResult[] }): number {
  return result.cells[2].ended * 1000;
}
