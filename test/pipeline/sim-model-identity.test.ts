import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";

// Cache keys hash the request, not the adapter: the simulator's seed and truth must therefore reach the
// request's model id, or a changed simulator would be served answers cached from the old one.
test("the sim model id names the simulator's version, simulated model, seed and truth", () => {
  const directory = mkdtempSync(join(tmpdir(), "sim-identity-"));
  const open = (seed: number, truth = {}, model?: string) =>
    createPipelineContext({ model: { provider: "sim", model }, cachePath: join(directory, "cache.sqlite"), adapterOptions: { simOptions: { seed, truth } } });
  const contexts = [open(1), open(1), open(2), open(1, { annotation: { keepRate: 0.5 } }), open(1, {}, "llama-like"), open(1, {}, "aligned")];
  try {
    const [first, same, otherSeed, otherTruth, otherModel, aligned] = contexts.map((context) => context.model.model);
    assert.match(first, /^sim-\d+-aligned-seed1-truth[0-9a-f]{8}$/);
    assert.equal(same, first);
    assert.notEqual(otherSeed, first);
    assert.notEqual(otherTruth, first);
    assert.match(otherModel, /^sim-\d+-llama-like-seed1-truth[0-9a-f]{8}$/);
    assert.equal(aligned, first, '"sim" is the default model, "aligned"');
  } finally {
    for (const context of contexts) context.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
