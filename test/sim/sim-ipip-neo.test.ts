import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadInventory } from "../../lib/inventory/index";
import type { ModelRequest } from "../../lib/llm/types";
import { parseInventoryAnswer, renderPrompt } from "../../lib/prompts/index";
import { correlationOfColumns, createSimAdapter, domainTruth, SIM_TRAITS, type SimAdapter } from "../../lib/sim/index";
import { madeUpSimInventories, madeUpStatement } from "./sim-test-support";

// IPIP-NEO-120 on the simulator: its domains load on the HEXACO-60 latent traits as designed in
// lib/sim/truth/domain-loadings.json, so that the convergences expected from human samples (Ashton & Lee 2007;
// Ashton, Lee et al. 2023; lib/inventory/pairings/hexaco60-ipip-neo-120.json) hold for the aligned model.

function request(description: string, statement: string): ModelRequest {
  const rendered = renderPrompt("answer-statement", { description, statement });
  return { provider: "sim", model: "sim", messages: rendered.messages, metadata: { prompt: rendered.prompt } };
}

async function domainScores(sim: SimAdapter, description: string, items: ReadonlyArray<{ text: string; reversed: boolean; domain: string }>, domains: readonly string[]): Promise<number[]> {
  const sums = new Map(domains.map((domain) => [domain, { sum: 0, count: 0 }]));
  for (const item of items) {
    const parsed = parseInventoryAnswer((await sim.complete(request(description, item.text))).text);
    assert.ok(parsed.ok, "every answer readable (malformed and refusal rates 0)");
    if (!parsed.ok) continue;
    const entry = sums.get(item.domain)!;
    entry.sum += item.reversed ? 6 - parsed.value : parsed.value;
    entry.count += 1;
  }
  return domains.map((domain) => sums.get(domain)!.sum / sums.get(domain)!.count);
}

describe("sim: IPIP-NEO-120 from the generic truth", () => {
  test("the truth file gives the Big Five domains designed loadings on HEXACO traits", () => {
    assert.deepEqual(domainTruth("ipip-neo-120", "Extraversion"), { kind: "trait", trait: SIM_TRAITS.indexOf("HEXACO-60:Extraversion"), loading: 0.8 });
    assert.deepEqual(domainTruth("IPIP-NEO-120", "Neuroticism"), {
      kind: "trait",
      trait: SIM_TRAITS.indexOf("HEXACO-60:Emotionality"),
      loading: 0.6,
      also: [{ trait: SIM_TRAITS.indexOf("HEXACO-60:Agreeableness"), loading: -0.35 }],
    });
  });

  test("the package inventory's statements are found by text (English and German) without a data folder", async () => {
    const sim = createSimAdapter({ seed: 2, truth: { malformedRate: 0, unanswerableRate: 0 } });
    for (const language of ["en", "de"]) {
      const item = loadInventory("ipip-neo-120", { language }).items[0];
      const response = await sim.complete(request("The person is calm.", item.text));
      assert.ok(!(response.warnings ?? []).some((warning) => /in no inventory/.test(warning)), `${language}: ${JSON.stringify(response.warnings)}`);
    }
  });

  test("aligned: the expected HEXACO-60 x IPIP-NEO-120 convergences hold (200 personas)", async () => {
    const ipip = loadInventory("ipip-neo-120");
    const hexaco = madeUpSimInventories()[0];
    const sim = createSimAdapter({ seed: 5, inventories: [ipip, hexaco], readDataInventories: false, truth: { malformedRate: 0, unanswerableRate: 0 } });
    const hexacoItems = hexaco.items.map((item) => ({ text: madeUpStatement({ inventory: "HEXACO-60", itemId: item.id }), reversed: item.reversed, domain: item.domain }));
    const rows: number[][] = [];
    for (let index = 0; index < 200; index++) {
      const description = `The person is respondent number ${index} of the Big Five check.`;
      rows.push([...(await domainScores(sim, description, hexacoItems, hexaco.domains)), ...(await domainScores(sim, description, ipip.items, ipip.domains))]);
    }
    const matrix = correlationOfColumns(rows);
    const h = (domain: string) => hexaco.domains.indexOf(domain);
    const b = (domain: string) => hexaco.domains.length + ipip.domains.indexOf(domain);
    const r = (row: string, column: string) => matrix[h(row)][b(column)];
    const largestInRow = (row: string) => ipip.domains.reduce((best, column) => (Math.abs(r(row, column)) > Math.abs(r(row, best)) ? column : best));
    // Namesakes: positive, strong, the largest |r| of their row (design: loading .8/.8/.75 x reliabilities about .9).
    for (const [row, column] of [["Extraversion", "Extraversion"], ["Conscientiousness", "Conscientiousness"], ["Openness to Experience", "Openness To Experience"]]) {
      assert.ok(r(row, column) > 0.5, `${row} x ${column}: ${r(row, column)}`);
      assert.equal(largestInRow(row), column);
    }
    assert.ok(r("Emotionality", "Neuroticism") > 0.35 && largestInRow("Emotionality") === "Neuroticism", `E x N ${r("Emotionality", "Neuroticism")}`);
    assert.ok(r("Agreeableness", "Agreeableness") > 0.3 && largestInRow("Agreeableness") === "Agreeableness", `A x A ${r("Agreeableness", "Agreeableness")}`);
    assert.ok(r("Agreeableness", "Neuroticism") < -0.15, `A x N ${r("Agreeableness", "Neuroticism")}`);
    assert.ok(r("Honesty-Humility", "Agreeableness") > 0.15 && r("Honesty-Humility", "Agreeableness") < r("Agreeableness", "Agreeableness"), `H x A ${r("Honesty-Humility", "Agreeableness")}`);
  });
});
