import assert from "node:assert/strict";
import { test } from "node:test";
import { UsageError } from "../../lib/errors";
import {
  FACTOR_LEVELS,
  PAPER_CONDITION,
  conditionName,
  isPaperCondition,
  parseConditionName,
  type AnswerCondition,
} from "../../lib/pipeline/answer-condition";

test("the paper condition is named 'paper' and parses back", () => {
  assert.equal(conditionName(PAPER_CONDITION), "paper");
  assert.deepEqual(parseConditionName("paper"), PAPER_CONDITION);
  assert.equal(isPaperCondition(PAPER_CONDITION), true);
});

test("a full non-paper condition names only its non-paper parts, in factor order", () => {
  const c: AnswerCondition = { itemOrder: "shuffled", optionOrder: "reversed", labels: "words", wording: "paraphrase-1" };
  assert.equal(conditionName(c), "items-shuffled+options-reversed+labels-words+wording-paraphrase-1");
  assert.equal(conditionName({ ...PAPER_CONDITION, optionOrder: "reversed" }), "options-reversed");
  assert.equal(isPaperCondition(c), false);
});

test("every cell of the full factorial round-trips through its name, and names are distinct", () => {
  const names = new Set<string>();
  for (const itemOrder of FACTOR_LEVELS.itemOrder)
    for (const optionOrder of FACTOR_LEVELS.optionOrder)
      for (const labels of FACTOR_LEVELS.labels)
        for (const wording of FACTOR_LEVELS.wording) {
          const c: AnswerCondition = { itemOrder, optionOrder, labels, wording };
          const name = conditionName(c);
          assert.deepEqual(parseConditionName(name), c);
          names.add(name);
        }
  assert.equal(names.size, 2 * 2 * 2 * 3);
});

test("parts may come in any order", () => {
  assert.deepEqual(parseConditionName("wording-paraphrase-2+items-shuffled"), {
    ...PAPER_CONDITION,
    itemOrder: "shuffled",
    wording: "paraphrase-2",
  });
});

test("unknown, empty or repeated parts are usage errors; a part at its paper level is allowed", () => {
  for (const bad of ["", "options-sideways", "colour-red", "items-shuffled+items-shuffled", "paper+items-shuffled", "wording-paraphrase-9"]) {
    assert.throws(() => parseConditionName(bad), UsageError, bad);
  }
  assert.throws(() => parseConditionName("options-sideways"), /unknown condition part "options-sideways".*options-reversed/);
  // A generated name may spell a factor at its paper level; it names the same cell as the canonical name.
  assert.deepEqual(parseConditionName("options-paper+labels-words"), parseConditionName("labels-words"));
  assert.equal(conditionName(parseConditionName("items-paper+options-paper+labels-digits+wording-paper")), "paper");
});
