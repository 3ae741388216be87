import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { factorShifts } from "../../lib/analysis/robustness-grid";
import { loadInventory } from "../../lib/inventory/load-inventory";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";
import { analyzeRobustness, type RobustnessAnalysis } from "../../lib/questions/robustness/robustness-analysis";
import { expectedConditionShifts } from "../../lib/sim/expected-condition-shift";
import { simItemsFromInventory } from "../../lib/sim/sim-items";
import { realDataSkip, temporaryCache } from "../pipeline/helpers";
import { decimals } from "./recovery-support";

/*
 * End-to-end recovery of the robustness grid (docs/robustness.md; truths in docs/prompts-and-sim.md, "Answer
 * conditions"): `analyze robustness` on 30 ESConv personas answering IPIP-NEO-120 (public domain: no licensed file)
 * with the simulated `option-order` model (primacy toward the first-listed option) must find the designed shift of
 * every domain (lib/sim expectedConditionShifts, computed by quadrature) inside its interval, and exclude 0 where the
 * truth is far from it; `aligned`, which has no condition effect, must show none. Five domains at once: the coverage
 * claim uses simultaneous intervals (Bonferroni, each at 1 - .05/5, from the same factorShifts); the 95% intervals
 * the grid writes are what the exclusion-of-0 claim reads. `wording-sensitive` (paraphrase shifts and a persona x
 * wording deviation) must show both paraphrase shifts the same way and a wording and a persona x wording variance
 * component in every domain's G study.
 */
const N = 30;
const LEVEL = 1 - 0.05 / 5;

describe(`robustness grid recovery on sim: ${N} ESConv personas, IPIP-NEO-120`, { skip: realDataSkip }, () => {
  const cache = temporaryCache();
  const results = new Map<string, RobustnessAnalysis>();
  const grid = async (model: string, factors: string[]) => {
    const context = createPipelineContext({ model: { provider: "sim", model }, cachePath: cache.path });
    try {
      return await analyzeRobustness({ context, n: N, seed: 1, progress: false, inventories: ["ipip-neo-120"], grid: { factors } });
    } finally {
      context.close();
    }
  };
  before(async () => {
    results.set("option-order", await grid("option-order", ["optionOrder", "labels"]));
    results.set("aligned", await grid("aligned", ["optionOrder", "labels"]));
    results.set("wording-sensitive", await grid("wording-sensitive", ["wording"]));
  });
  after(() => cache.remove());
  const truth = (model: string, condition: string) => expectedConditionShifts(model, condition, { items: simItemsFromInventory(loadInventory("ipip-neo-120")) });

  test("option-order: every domain's shift interval covers the designed truth; large truths exclude 0", () => {
    const result = results.get("option-order")!;
    const simultaneous = factorShifts(result.grid.table, [{ factor: "optionOrder", levels: ["paper", "reversed"] }], LEVEL);
    const written = result.shifts.filter((row) => row.factor === "optionOrder");
    const lines: string[] = [];
    for (const expected of truth("option-order", "options-reversed")) {
      const wide = simultaneous.find((row) => row.column === expected.trait)!;
      const row = written.find((entry) => entry.column === expected.trait)!;
      lines.push(`${expected.domain}: truth ${decimals(expected.shift)}, estimate ${decimals(row.shift)} 95% [${decimals(row.low)}, ${decimals(row.high)}], simultaneous [${decimals(wide.low)}, ${decimals(wide.high)}]`);
      assert.ok(wide.low <= expected.shift && expected.shift <= wide.high, `covers the truth\n${lines.join("\n")}`);
      if (Math.abs(expected.shift) > 0.1) assert.ok(row.low > 0 || row.high < 0, `a designed shift of ${decimals(expected.shift)} is found (95% CI excludes 0)\n${lines.join("\n")}`);
    }
    // Labels have no designed effect in this model.
    for (const row of result.shifts.filter((entry) => entry.factor === "labels")) assert.ok(row.low <= 0 && 0 <= row.high, `labels: ${row.column} ${row.shift}`);
    assert.equal(result.summary.personas, N);
    assert.ok(result.simulated);
  });

  test("aligned: no factor shifts any domain; rank order is kept", () => {
    const result = results.get("aligned")!;
    for (const expected of truth("aligned", "options-reversed")) assert.equal(expected.shift, 0);
    for (const row of result.shifts) assert.ok(row.low <= 0 && 0 <= row.high && Math.abs(row.shift) < 0.05, `${row.factor} ${row.level} ${row.column}: ${row.shift} [${row.low}, ${row.high}]`);
    for (const row of result.stability) assert.ok(row.rho > 0.9, `${row.cell} ${row.column}: rho ${row.rho}`);
  });

  test("wording-sensitive: both paraphrase shifts recovered; the G study finds wording and persona x wording variance", () => {
    const result = results.get("wording-sensitive")!;
    const simultaneous = factorShifts(result.grid.table, [{ factor: "wording", levels: ["paper", "paraphrase-1", "paraphrase-2"] }], 1 - 0.05 / 10);
    for (const level of ["paraphrase-1", "paraphrase-2"]) {
      for (const expected of truth("wording-sensitive", `wording-${level}`)) {
        const wide = simultaneous.find((row) => row.level === level && row.column === expected.trait)!;
        const row = result.shifts.find((entry) => entry.level === level && entry.column === expected.trait)!;
        const line = `${level} ${expected.domain}: truth ${decimals(expected.shift)}, estimate ${decimals(row.shift)} [${decimals(row.low)}, ${decimals(row.high)}], simultaneous [${decimals(wide.low)}, ${decimals(wide.high)}]`;
        assert.ok(wide.low <= expected.shift && expected.shift <= wide.high, line);
        assert.ok(row.low > 0 || row.high < 0, `found: ${line}`);
      }
    }
    for (const entry of result.gStudies) {
      const component = (name: string) => entry.study!.effects.find((effect) => effect.name.startsWith(name))!.variance;
      assert.ok(component("wording") > 0.01 && component("persona x wording") > 0.005, `${entry.column}: wording ${component("wording")}, persona x wording ${component("persona x wording")}`);
    }
  });
});
