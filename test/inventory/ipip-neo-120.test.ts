import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { UsageError } from "../../lib/errors";
import { catalogEntry, catalogEntrySchema, completeLanguages, inventoryId, knownInventoryIds, loadInventories, loadInventory, packageLanguages, scoreRespondent } from "../../lib/inventory/index";

// IPIP-NEO-120 (Johnson 2014) from the npm package @bigfive-org/questions (MIT), facet names from
// @bigfive-org/results: a standard inventory that needs no file in the data folder.

const questions = createRequire(import.meta.url)("@bigfive-org/questions") as { getItems(language?: string): Array<{ num: number; keyed: string; text: string; domain: string; facet: number }> };

describe("IPIP-NEO-120 from its npm package", () => {
  test("the catalog lists it by id with a package source", () => {
    assert.ok(knownInventoryIds().includes("ipip-neo-120"));
    assert.equal(catalogEntry("ipip-neo-120")?.package?.package, "@bigfive-org/questions");
    // The catalog schema stays strict inside the package source.
    assert.equal(catalogEntrySchema.safeParse({ name: "X", items: 1, obtain: "y", package: { package: "p", facets: "f", extra: 1 } }).success, false);
  });

  test("5 domains, 30 facets, 120 items numbered by the package's num, reverse keys from its keyed field", () => {
    const inventory = loadInventory("ipip-neo-120");
    assert.equal(inventory.name, "IPIP-NEO-120");
    assert.equal(inventoryId(inventory), "ipip-neo-120");
    assert.deepEqual(inventory.domains, ["Neuroticism", "Extraversion", "Openness To Experience", "Agreeableness", "Conscientiousness"]);
    assert.equal(inventory.items.length, 120);
    const facets = new Set(inventory.items.map((item) => `${item.domain}/${item.facet}`));
    assert.equal(facets.size, 30);
    for (const domain of inventory.domains) assert.equal(inventory.items.filter((item) => item.domain === domain).length, 24);
    const packageItems = questions.getItems("en");
    assert.deepEqual(
      inventory.items.map((item) => [item.id, item.text, item.reversed]),
      packageItems.map((item) => [item.num, item.text, item.keyed === "minus"]),
    );
    assert.equal(inventory.items.filter((item) => item.reversed).length, 55);
    assert.deepEqual(inventory.items[0], { id: 1, text: "Worry about things", domain: "Neuroticism", facet: "Anxiety", reversed: false });
    // Every item carries its facet name from @bigfive-org/results.
    assert.ok(inventory.items.every((item) => typeof item.facet === "string" && item.facet.length > 0));
  });

  test("scored like any inventory: the keyed mean of 1-5 answers per domain", () => {
    const inventory = loadInventory("ipip-neo-120");
    // Answer 5 to every item: a plus-keyed item scores 5, a minus-keyed one 1.
    const answers = Object.fromEntries(inventory.items.map((item) => [item.id, 5]));
    const scores = scoreRespondent(inventory, { respondent: "all-fives", answers });
    for (const domain of inventory.domains) {
      const items = inventory.items.filter((item) => item.domain === domain);
      const expected = items.reduce((sum, item) => sum + (item.reversed ? 1 : 5), 0) / items.length;
      assert.ok(Math.abs((scores.domains[domain].score ?? NaN) - expected) < 1e-12, `${domain}: ${scores.domains[domain].score} vs ${expected}`);
    }
  });

  test("a complete language gives the translated statements with the same ids, keys and facets", () => {
    const english = loadInventory("ipip-neo-120");
    const german = loadInventory("ipip-neo-120", { language: "de" });
    assert.equal(german.language, "de");
    assert.equal(german.items[0].text, "Ich mache mir oft Sorgen");
    assert.deepEqual(
      german.items.map((item) => [item.id, item.domain, item.facet, item.reversed]),
      english.items.map((item) => [item.id, item.domain, item.facet, item.reversed]),
    );
    assert.ok(german.items.every((item, index) => item.text !== english.items[index].text));
    // loadInventories applies the language to package inventories only.
    assert.equal(loadInventories(["ipip-neo-120"], { language: "de" })[0].items[0].text, "Ich mache mir oft Sorgen");
  });

  test("incomplete translations are counted and refused; an unknown language is refused; both one line", () => {
    const entry = catalogEntry("ipip-neo-120")!;
    const languages = new Map(packageLanguages(entry).map((language) => [language.code, language.untranslated]));
    assert.equal(languages.get("is"), 75);
    assert.equal(languages.get("tr"), 21);
    assert.equal(languages.get("de"), 0);
    assert.ok(completeLanguages(entry).includes("de"));
    assert.ok(!completeLanguages(entry).includes("is"));
    assert.throws(() => loadInventory("ipip-neo-120", { language: "is" }), (error: unknown) => error instanceof UsageError && /75 of 120 items untranslated/.test(error.message) && !error.message.includes("\n"));
    assert.throws(() => loadInventory("ipip-neo-120", { language: "xx" }), (error: unknown) => error instanceof UsageError && /unknown language "xx"/.test(error.message));
  });
});
