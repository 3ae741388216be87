import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadInventory } from "../../lib/inventory/load-inventory";
import type { Inventory } from "../../lib/inventory/inventory-schema";
import type { ModelRequest } from "../../lib/llm/types";
import { parseInventoryAnswer, renderPrompt } from "../../lib/prompts/index";
import { correlationOfColumns, createSimAdapter, domainLoadings, domainTruth, SIM_TRAITS, simInventoryName, type SimAdapter } from "../../lib/sim/index";
import { madeUpSimInventories, madeUpStatement } from "./sim-test-support";

// The generic truth per inventory domain (lib/sim/truth/domain-loadings.json, docs/prompts-and-sim.md "Any
// inventory"): the paper's 12 domains are the latent traits; a domain of another inventory with the same name as a
// latent trait loads on it; any other domain is a trait of its own.

/** A made-up inventory the simulator has no entry for: 8 Extraversion and 8 Curiosity statements, every third reversed. */
const MADE_UP_FIVE: Inventory = {
  name: "Made-up Five",
  scale: { min: 1, max: 5 },
  domains: ["Extraversion", "Curiosity"],
  items: Array.from({ length: 16 }, (_, index) => ({
    id: index + 1,
    text: `Made-up Five statement ${index + 1}: ${index < 8 ? "I like lively company" : "I like to take things apart"} (${index + 1}).`,
    domain: index < 8 ? "Extraversion" : "Curiosity",
    reversed: index % 3 === 2,
  })),
};

const HEXACO_EXTRAVERSION = madeUpSimInventories()[0].items.filter((item) => item.domain === "Extraversion");

function request(description: string, statement: string): ModelRequest {
  const rendered = renderPrompt("answer-statement", { description, statement });
  return { provider: "sim", model: "sim", messages: rendered.messages, metadata: { prompt: rendered.prompt } };
}

/** Mean keyed answer of a persona over some items. */
async function score(sim: SimAdapter, description: string, items: ReadonlyArray<{ text: string; reversed: boolean }>): Promise<number> {
  let sum = 0;
  for (const item of items) {
    const parsed = parseInventoryAnswer((await sim.complete(request(description, item.text))).text);
    assert.ok(parsed.ok);
    if (parsed.ok) sum += item.reversed ? 6 - parsed.value : parsed.value;
  }
  return sum / items.length;
}

describe("sim: any inventory from the generic truth per domain", () => {
  test("the truth file lists the paper's 12 domains, each its own latent trait with loading 1", () => {
    const file = domainLoadings();
    // The paper's two come first; IPIP-NEO-120 (sim-ipip-neo.test.ts) follows.
    assert.deepEqual(file.inventories.map((entry) => entry.name).slice(0, 2), ["HEXACO-60", "CSI"]);
    for (const trait of SIM_TRAITS) {
      const [inventory, domain] = [trait.slice(0, trait.indexOf(":")), trait.slice(trait.indexOf(":") + 1)];
      assert.deepEqual(domainTruth(inventory, domain), { kind: "trait", trait: SIM_TRAITS.indexOf(trait), loading: 1 });
    }
    assert.equal(simInventoryName("hexaco60"), "HEXACO-60");
    assert.equal(simInventoryName("csi96"), "CSI");
    assert.equal(simInventoryName("Made-up Five"), "Made-up Five");
  });

  test("an unlisted domain loads on the latent trait of the same name, else it is a trait of its own", () => {
    assert.deepEqual(domainTruth("Made-up Five", "extraversion"), { kind: "trait", trait: SIM_TRAITS.indexOf("HEXACO-60:Extraversion"), loading: 1 });
    // Two latent traits are called Emotionality: the first in SIM_TRAITS order (HEXACO-60's) wins.
    assert.deepEqual(domainTruth("Made-up Five", "Emotionality"), { kind: "trait", trait: SIM_TRAITS.indexOf("HEXACO-60:Emotionality"), loading: 1 });
    assert.deepEqual(domainTruth("Made-up Five", "Curiosity"), { kind: "independent", name: "Made-up Five:Curiosity" });
  });

  test("a made-up inventory is answered from that truth: its Extraversion tracks HEXACO Extraversion, its Curiosity tracks nothing", async () => {
    const sim = createSimAdapter({ seed: 4, inventories: [MADE_UP_FIVE, ...madeUpSimInventories()], readDataInventories: false, truth: { malformedRate: 0, unanswerableRate: 0 } });
    const extraversion = MADE_UP_FIVE.items.filter((item) => item.domain === "Extraversion");
    const curiosity = MADE_UP_FIVE.items.filter((item) => item.domain === "Curiosity");
    const hexaco = HEXACO_EXTRAVERSION.map((item) => ({ text: madeUpStatement({ inventory: "HEXACO-60", itemId: item.id }), reversed: item.reversed }));
    const rows: number[][] = [];
    for (let index = 0; index < 200; index++) {
      const description = `The person is made-up respondent number ${index}.`;
      rows.push([await score(sim, description, hexaco), await score(sim, description, extraversion), await score(sim, description, curiosity)]);
    }
    const matrix = correlationOfColumns(rows);
    // One latent trait measured twice with reliabilities of about .9: r near .9; an independent trait: r near 0
    // (standard error about .07 at n = 200).
    assert.ok(matrix[0][1] > 0.75, `made-up Extraversion x HEXACO Extraversion: ${matrix[0][1]}`);
    assert.ok(Math.abs(matrix[0][2]) < 0.2, `made-up Curiosity x HEXACO Extraversion: ${matrix[0][2]}`);
    assert.ok(Math.abs(matrix[1][2]) < 0.2, `made-up Curiosity x made-up Extraversion: ${matrix[1][2]}`);
    // The reverse keys come from the inventory file: keyed scores of one domain agree (split halves correlate).
    const halves: number[][] = [];
    for (let index = 0; index < 60; index++) {
      const description = `The person is made-up respondent number ${index}.`;
      halves.push([await score(sim, description, curiosity.slice(0, 4)), await score(sim, description, curiosity.slice(4))]);
    }
    assert.ok(correlationOfColumns(halves)[0][1] > 0.5, `Curiosity split halves: ${correlationOfColumns(halves)[0][1]}`);
  });

  test("a statement in no inventory the simulator can read is answered, with a warning", async () => {
    const sim = createSimAdapter({ seed: 1, inventories: [MADE_UP_FIVE], readDataInventories: false });
    const completion = await sim.complete(request("The person is shy.", "A statement in no inventory."));
    assert.ok(parseInventoryAnswer(completion.text).ok || completion.text.length > 0);
    assert.ok(completion.warnings.some((warning) => /no inventory/.test(warning)));
    const known = await sim.complete(request("The person is shy.", MADE_UP_FIVE.items[0].text));
    assert.ok(!known.warnings.some((warning) => /no inventory/.test(warning)));
  });

  test("an inventory file read in this process (e.g. --inventory my.json) is known to the simulator without being passed to it", async () => {
    const folder = mkdtempSync(join(tmpdir(), "sim-read-inventory-"));
    try {
      const readLater: Inventory = { ...MADE_UP_FIVE, name: "Read Later", items: MADE_UP_FIVE.items.map((item) => ({ ...item, text: `Read-later ${item.text}` })) };
      const path = join(folder, "read-later.json");
      writeFileSync(path, JSON.stringify(readLater));
      const sim = createSimAdapter({ seed: 1, inventories: [MADE_UP_FIVE], readDataInventories: false });
      // Before the file is read, its statement is in no inventory the simulator knows: a neutral answer, with a warning.
      const before = await sim.complete(request("The person is shy.", readLater.items[0].text));
      assert.ok(before.warnings.some((warning) => /no inventory/.test(warning)));
      loadInventory(path);
      const after = await sim.complete(request("The person is shy.", readLater.items[0].text));
      assert.ok(!after.warnings.some((warning) => /no inventory/.test(warning)), after.warnings.join("; "));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
