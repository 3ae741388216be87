import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../../lib/errors";
import { gridDesign, parseDesignKind, parseFactor } from "../../lib/questions/robustness/grid-design";
import { gridFacets } from "../../lib/questions/robustness/robustness-analysis";

describe("robustness grid design", () => {
  it("defaults to all four factors at all levels: 2 x 2 x 2 x 3 = 24 conditions, the paper cell first", () => {
    const design = gridDesign();
    assert.equal(design.cells.length, 24);
    assert.equal(design.conditions.length, 24);
    assert.equal(design.reference.name, "paper");
    assert.deepEqual(design.factors.map((factor) => factor.factor), ["itemOrder", "optionOrder", "labels", "wording"]);
    assert.equal(new Set(design.cells.map((cell) => cell.name)).size, 24);
  });

  it("takes chosen factors and levels, the paper's level as the reference whatever the order given", () => {
    const design = gridDesign({ factors: ["wording=paraphrase-2,paper", "optionOrder"] });
    assert.deepEqual(design.factors, [
      { factor: "optionOrder", levels: ["paper", "reversed"] },
      { factor: "wording", levels: ["paper", "paraphrase-2"] },
    ]);
    assert.deepEqual(design.cells.map((cell) => cell.name), ["paper", "wording-paraphrase-2", "options-reversed", "options-reversed+wording-paraphrase-2"]);
  });

  it("makes repeats a factor of sample indices (needs temperature > 0)", () => {
    const design = gridDesign({ factors: ["labels"], repeats: 3, temperature: 0.7 });
    assert.equal(design.cells.length, 6);
    assert.equal(design.conditions.length, 2);
    assert.deepEqual(design.cells.slice(0, 3).map((cell) => [cell.name, cell.sample]), [["paper~r0", 0], ["paper~r1", 1], ["paper~r2", 2]]);
    assert.throws(() => gridDesign({ factors: ["labels"], repeats: 3 }), /needs --temperature T > 0/);
    assert.throws(() => gridDesign({ repeats: 1 }), /one level/);
  });

  it("builds a regular half fraction of resolution III with the paper cell in it, crossed with wording", () => {
    const design = gridDesign({ design: "half" });
    assert.equal(design.cells.length, 12, "2^(3-1) x 3");
    assert.equal(design.reference.name, "paper");
    assert.equal(design.half?.definingRelation, "I = -itemOrder*optionOrder*labels");
    assert.equal(design.half?.resolution, 3);
    assert.deepEqual(design.half?.aliases, ["itemOrder = -optionOrder*labels", "optionOrder = -itemOrder*labels", "labels = -itemOrder*optionOrder"]);
    // Every kept run has an even number of non-paper two-level levels, and each main effect is balanced.
    for (const cell of design.cells) {
      const changed = ["itemOrder", "optionOrder", "labels"].filter((factor) => cell.levels[factor] !== design.factors.find((choice) => choice.factor === factor)!.levels[0]);
      assert.equal(changed.length % 2, 0, cell.name);
    }
    for (const factor of ["itemOrder", "optionOrder", "labels"]) {
      assert.equal(design.cells.filter((cell) => cell.levels[factor] === design.factors.find((choice) => choice.factor === factor)!.levels[1]).length, 6, factor);
    }
    const facets = gridFacets(design);
    assert.deepEqual(facets.map((facet) => [facet.name, facet.size]), [["fraction run (itemOrder, optionOrder, labels)", 4], ["wording", 3]]);
  });

  it("refuses bad input with one line naming the fix", () => {
    const refuses = (call: () => unknown, pattern: RegExp) => {
      assert.throws(call, (error: unknown) => error instanceof UsageError && pattern.test(error.message) && !error.message.includes("\n"));
    };
    refuses(() => parseFactor("itemorder"), /unknown factor "itemorder".*use one of itemOrder \(paper, shuffled\)/);
    refuses(() => parseFactor("labels=digits"), /factor labels has one level .*add one \(e\.g\. --factor labels=digits,words\)/);
    refuses(() => parseFactor("wording=paper,paraphrase-9"), /unknown level "paraphrase-9" of factor wording.*use paper, paraphrase-1, paraphrase-2/);
    refuses(() => parseFactor("repeat=3"), /--repeats K/);
    refuses(() => gridDesign({ factors: ["labels", "labels=digits,words"] }), /given twice/);
    refuses(() => gridDesign({ factors: ["labels", "optionOrder"], design: "half" }), /--design half needs at least three two-level factors/);
    refuses(() => parseDesignKind("quarter"), /--design must be full or half/);
  });
});
