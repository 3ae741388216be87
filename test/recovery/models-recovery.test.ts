import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";
import { analyzeRq1Models, type AnalysisModel } from "../../lib/questions/rq1/rq1-models-analysis";
import { SIM_MODELS } from "../../lib/sim/index";
import { isolateRecoveryRun, recoveryDataSkip } from "./recovery-support";

/*
 * Models recovery (issue 16): two simulated models with different designed alignments measure the same 150 ESConv
 * personas (cards extracted and filtered once, by the first model) through analyzeRq1Models, the code
 * `analyze rq1 --model sim:aligned --model sim:llama-like` runs. The cross-model summary must tell them apart:
 * every row of `aligned` aligns; `llama-like`'s designed misaligned rows (SIM_MODELS, docs/prompts-and-sim.md:
 * Honesty-Humility, Extraversion) do not; and the paired difference of the Extraversion-Expressiveness correlation
 * (designed .55 vs .25 on the latent traits) has a paired bootstrap CI above 0.
 */

const N = 150;
let isolation: ReturnType<typeof isolateRecoveryRun> | undefined;
let models: AnalysisModel[] = [];

before(() => {
  if (recoveryDataSkip) return;
  isolation = isolateRecoveryRun();
  models = ["aligned", "llama-like"].map((name) => ({
    label: `sim:${name}`,
    context: createPipelineContext({ model: { provider: "sim", model: name }, cacheMode: "off" }),
  }));
});

after(() => {
  for (const model of models) model.context.close();
  isolation?.remove();
});

test("the cross-model summary tells apart two simulated models with different designed alignments", { skip: recoveryDataSkip }, async () => {
  const result = await analyzeRq1Models({ models, n: N, seed: 2, datasets: ["esconv"], progress: false });
  const counts = Object.fromEntries(result.crossModel.alignedCounts.map((count) => [count.model, count.aligned]));
  assert.equal(counts["sim:aligned"], 6, "every paired correlation of the aligned model is the strongest of its row");
  const designedMisaligned = SIM_MODELS.find((model) => model.id === "llama-like")!.misalignedRows;
  const llama = result.crossModel.alignment.filter((row) => row.model === "sim:llama-like");
  for (const row of llama) {
    assert.equal(row.aligned, !designedMisaligned.includes(row.hexacoDomain), `llama-like ${row.hexacoDomain}: aligned = ${row.aligned}`);
  }
  const extraversion = result.crossModel.differences.find((item) => item.paired && item.hexacoDomain === "Extraversion")!;
  assert.equal(extraversion.personas, N, "paired: both models measured the same personas");
  assert.ok(extraversion.low > 0, `aligned - llama-like Extraversion-Expressiveness: ${extraversion.difference} [${extraversion.low}, ${extraversion.high}]`);
});
