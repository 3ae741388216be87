import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Inventory } from "../../lib/inventory/index";
import { loadInventory } from "../../lib/inventory/index";
import { parseInventoryAnswer, renderPrompt } from "../../lib/prompts/index";
import { RESPONSE_SET_CUTOFFS, responseSetChecks, responseSetCounts, responseSetIndices } from "../../lib/psychometrics/response-sets";
import { createSimAdapter } from "../../lib/sim/index";

// Response-set checks before scoring (docs/analysis.md, "Response sets"), on hand-made answer sheets and on
// the simulator's designed acquiescence (the `acquiescent` model, docs/prompts-and-sim.md) against `aligned`.

/** 8 items, 2 domains x 2 facets, each facet one keyed and one reverse-keyed item, presented K R K R ... */
const EIGHT: Inventory = {
  name: "Eight",
  scale: { min: 1, max: 5 },
  domains: ["A", "B"],
  items: Array.from({ length: 8 }, (_, index) => ({ id: index + 1, text: `item ${index + 1}`, domain: index < 4 ? "A" : "B", facet: index % 4 < 2 ? "f1" : "f2", reversed: index % 2 === 1 })),
};

const sheet = (answers: Array<number | null>) => new Map(answers.map((answer, index) => [index + 1, answer]));

describe("response-set indices", () => {
  test("a content-consistent respondent (agree keyed, disagree reversed) is not flagged", () => {
    const row = responseSetIndices("p", EIGHT, sheet([5, 1, 4, 2, 5, 1, 3, 2]));
    // Domain A: (mean(5,4) + mean(1,2)) / 2 - 3 = 0; domain B: (mean(5,3) + mean(1,2)) / 2 - 3 = -0.25; mean -0.125.
    assert.equal(row.acquiescence, -0.125);
    assert.equal(row.agreeBoth, 0);
    assert.equal(row.pairs, 4);
    assert.equal(row.longestRun, 1);
    // numpy: np.std([5,1,4,2,5,1,3,2], ddof=1) = 1.6420805617960927
    assert.ok(Math.abs(row.itemSd - 1.6420805617960927) < 1e-12);
    assert.equal(row.midpointRate, 1 / 8);
    assert.deepEqual(row.flags, []);
  });

  test("agreeing with everything is acquiescence, agreeing with both members of each pair, and straight-lining", () => {
    const row = responseSetIndices("p", EIGHT, sheet([5, 5, 5, 5, 4, 4, 4, 4]));
    assert.equal(row.acquiescence, 1.5); // A: 5 - 3 = 2, B: 4 - 3 = 1
    assert.equal(row.agreeBoth, 1);
    assert.equal(row.longestRun, 4);
    assert.deepEqual(row.flags, ["acquiescence", "agreeBoth"]);
    const flat = responseSetIndices("q", EIGHT, sheet([4, 4, 4, 4, 4, 4, 4, 4]));
    assert.equal(flat.itemSd, 0);
    assert.ok(flat.flags.includes("straightLining"));
  });

  test("midpoint answers and invalid answers are counted and flagged past their cut-offs", () => {
    const middle = responseSetIndices("p", EIGHT, sheet([3, 3, 3, 3, 3, 1, 5, 3]));
    assert.equal(middle.midpointRate, 6 / 8);
    assert.ok(middle.flags.includes("midpoint"));
    const invalid = responseSetIndices("q", EIGHT, sheet([5, null, 4, 2, null, 1, 3, null]));
    assert.equal(invalid.invalidRate, 3 / 8);
    assert.equal(invalid.valid, 5);
    assert.ok(invalid.flags.includes("invalid"));
    assert.ok(invalid.invalidRate > RESPONSE_SET_CUTOFFS.invalidRate);
  });

  test("counts: flagged on any inventory, excluded only when asked", () => {
    const rows = responseSetChecks(
      [
        ...[5, 1, 4, 2, 5, 1, 3, 2].map((answer, index) => ({ personaId: "ok", inventory: "Eight", itemId: index + 1, domain: EIGHT.items[index].domain, reversed: EIGHT.items[index].reversed, answer })),
        ...[5, 5, 5, 5, 4, 4, 4, 4].map((answer, index) => ({ personaId: "yes", inventory: "Eight", itemId: index + 1, domain: EIGHT.items[index].domain, reversed: EIGHT.items[index].reversed, answer })),
      ],
      [EIGHT],
    );
    assert.deepEqual(responseSetCounts(rows, false), { personas: 2, flagged: 1, excluded: 0, byCheck: { acquiescence: 1, agreeBoth: 1, straightLining: 0, midpoint: 0, invalid: 0 } });
    assert.equal(responseSetCounts(rows, true).excluded, 1);
  });
});

describe("recovery on the simulator: IPIP-NEO-120, 60 personas per model", () => {
  test("the acquiescent model's personas are flagged for acquiescence; aligned's within the documented false-positive rate (2%)", async () => {
    const ipip = loadInventory("ipip-neo-120");
    const sim = createSimAdapter({ seed: 3, inventories: [ipip], readDataInventories: false });
    const flagged: Record<string, ReturnType<typeof responseSetCounts>> = {};
    for (const model of ["aligned", "acquiescent"]) {
      const rows = [];
      for (let persona = 0; persona < 60; persona++) {
        const description = `The person is respondent ${persona} of the response-set check.`;
        for (const item of ipip.items) {
          const rendered = renderPrompt("answer-statement", { description, statement: item.text });
          const parsed = parseInventoryAnswer((await sim.complete({ provider: "sim", model, messages: rendered.messages, metadata: { prompt: rendered.prompt } })).text);
          rows.push({ personaId: String(persona), inventory: ipip.name, itemId: item.id, domain: item.domain, reversed: item.reversed, answer: parsed.ok ? parsed.value : null });
        }
      }
      flagged[model] = responseSetCounts(responseSetChecks(rows, [ipip]), false);
    }
    assert.equal(flagged.acquiescent.byCheck.acquiescence, 60, JSON.stringify(flagged.acquiescent));
    assert.ok(flagged.aligned.flagged <= Math.ceil(0.02 * 60), JSON.stringify(flagged.aligned));
    assert.equal(flagged.aligned.byCheck.acquiescence, 0);
  });
});
