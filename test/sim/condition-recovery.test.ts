import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import tDistribution from "@stdlib/stats-base-dists-t";
import { loadInventory } from "../../lib/inventory/load-inventory";
import type { Inventory } from "../../lib/inventory/inventory-schema";
import { PAPER_CONDITION, parseConditionName, type AnswerCondition } from "../../lib/pipeline/answer-condition";
import { createPipelineContext, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { answerInventory, type PersonaScoreRow } from "../../lib/pipeline/stages/answer-inventory";
import { expectedConditionShifts } from "../../lib/sim/expected-condition-shift";
import { simItemsFromInventory } from "../../lib/sim/sim-items";
import { temporaryCache } from "../pipeline/helpers";

/**
 * Stage-level recovery of the designed condition effects (docs/prompts-and-sim.md, "Answer conditions"): the
 * answer stage on the sim at a modest n, under a condition and under the paper's, per domain of IPIP-NEO-120 (public
 * domain, ships with the package, so no licensed file is needed). The paired mean shift's t interval, 95% for the
 * five domains together (Bonferroni: 99% each), must cover expectedConditionShifts' truth; where the truth is far
 * from 0 the interval must exclude 0 (so a broken or missing effect fails), and `aligned` must show no shift beyond
 * chance (every interval covers 0).
 */
const N = 50;
const LEVEL = 1 - 0.05 / 5;
const personas = Array.from({ length: N }, (_, index) => ({
  id: `persona-${index + 1}`,
  description: `Persona ${index + 1}, a resident of district ${index + 1} of a mid-sized town, described for a test.`,
}));

interface DomainShift {
  trait: string;
  mean: number;
  low: number;
  high: number;
}

/** Paired mean difference (condition - paper) per score column, with a LEVEL t interval over personas. */
function pairedShifts(paper: PersonaScoreRow[], other: PersonaScoreRow[], columns: string[]): DomainShift[] {
  const byId = new Map(paper.map((row) => [row.personaId, row]));
  return columns.map((column) => {
    const differences = other
      .map((row) => (row[column] as number | null) !== null && (byId.get(row.personaId)?.[column] ?? null) !== null ? (row[column] as number) - (byId.get(row.personaId)![column] as number) : NaN)
      .filter((value) => Number.isFinite(value));
    const n = differences.length;
    const mean = differences.reduce((sum, value) => sum + value, 0) / n;
    const sd = Math.sqrt(differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1));
    const half = tDistribution.quantile(1 - (1 - LEVEL) / 2, n - 1) * (sd / Math.sqrt(n));
    return { trait: column, mean, low: mean - half, high: mean + half };
  });
}

describe("designed condition effects are recovered at the stage level", () => {
  let cache: ReturnType<typeof temporaryCache>;
  let inventory: Inventory;
  const contexts = new Map<string, PipelineContext>();
  const context = (model: string) => {
    let found = contexts.get(model);
    if (!found) contexts.set(model, (found = createPipelineContext({ model: { provider: "sim", model }, cachePath: cache.path })));
    return found;
  };
  const scores = async (model: string, condition: AnswerCondition) =>
    (await answerInventory(personas, { context: context(model), progress: false, inventories: [inventory], condition })).scores;

  before(() => {
    cache = temporaryCache();
    inventory = loadInventory("ipip-neo-120");
  });
  after(() => {
    for (const entry of contexts.values()) entry.close();
    cache.remove();
  });

  const cases: Array<[string, string]> = [
    ["option-order", "options-reversed"],
    ["option-order", "options-reversed+labels-words"],
    ["wording-sensitive", "wording-paraphrase-1"],
    ["wording-sensitive", "wording-paraphrase-2"],
  ];
  for (const [model, name] of cases) {
    test(`${model} under ${name}: every domain's CI covers the designed shift; aligned shows none`, async () => {
      const condition = parseConditionName(name);
      const columns = [...new Set(inventory.items.map((item) => `${inventory.name}:${item.domain}`))];
      const truth = new Map(expectedConditionShifts(model, condition, { items: simItemsFromInventory(inventory) }).map((entry) => [entry.trait, entry.shift]));
      const designed = pairedShifts(await scores(model, PAPER_CONDITION), await scores(model, condition), columns);
      let excluded = 0;
      for (const shift of designed) {
        const expected = truth.get(shift.trait)!;
        assert.ok(shift.low <= expected && expected <= shift.high, `${model} ${name} ${shift.trait}: CI [${shift.low.toFixed(3)}, ${shift.high.toFixed(3)}] misses the truth ${expected.toFixed(3)}`);
        if (Math.abs(expected) > 0.1) {
          assert.ok(shift.low > 0 || shift.high < 0, `${shift.trait}: a designed shift of ${expected.toFixed(3)} must be found (CI [${shift.low.toFixed(3)}, ${shift.high.toFixed(3)}])`);
          excluded++;
        }
      }
      assert.ok(excluded >= 3, `at least three domains carry a designed shift > 0.1 (${excluded})`);
      const aligned = pairedShifts(await scores("aligned", PAPER_CONDITION), await scores("aligned", condition), columns);
      for (const shift of aligned) {
        assert.ok(shift.low <= 0 && 0 <= shift.high, `aligned ${name} ${shift.trait}: CI [${shift.low.toFixed(3)}, ${shift.high.toFixed(3)}] excludes 0`);
      }
    });
  }
});
