import { test } from "node:test";
import assert from "node:assert/strict";
import { countUnknownStrategies, isStrategyLabel, normalizeStrategy } from "../../lib/data/normalize-strategy";
import { STRATEGY_LABELS } from "../../lib/data/types";

test("every paper label maps to itself", () => {
  for (const label of STRATEGY_LABELS) assert.equal(normalizeStrategy(label), label);
});

test("variants seen in the wild map to the 8 labels", () => {
  const cases: Array<[string, string]> = [
    ["Questions", "Question"],
    ["[Question]", "Question"],
    ["question", "Question"],
    ["Other", "Others"],
    ["[Others]", "Others"],
    ["Affirmation and reassurance", "Affirmation and Reassurance"],
    ["affirmation & reassurance", "Affirmation and Reassurance"],
    ["Restatement or paraphrasing", "Restatement or Paraphrasing"],
    ["[Restatement or Paraphrasing]", "Restatement or Paraphrasing"],
    ["Reflection of Feelings", "Reflection of feelings"],
    ["self disclosure", "Self-disclosure"],
    ["Self_Disclosure", "Self-disclosure"],
    ["  Providing suggestions ", "Providing Suggestions"],
    ["INFORMATION", "Information"],
  ];
  for (const [raw, expected] of cases) assert.equal(normalizeStrategy(raw), expected, raw);
});

test("unknown labels are not guessed", () => {
  assert.equal(normalizeStrategy("Humor"), undefined);
  assert.equal(normalizeStrategy(""), undefined);
  assert.equal(normalizeStrategy(undefined), undefined);
  assert.equal(isStrategyLabel("Questions"), false);
  assert.equal(isStrategyLabel("Question"), true);
  assert.deepEqual(
    countUnknownStrategies([
      { dialogueId: "a:0", turn: 1, raw: "Humor" },
      { dialogueId: "a:1", turn: 3, raw: "Humor" },
      { dialogueId: "a:1", turn: 4, raw: "Silence" },
    ]),
    { Humor: 2, Silence: 1 },
  );
});

test("FailedESConv's two own labels map to ESConv strategies (issue 24)", () => {
  assert.equal(normalizeStrategy("Direct Guidance"), "Providing Suggestions");
  assert.equal(normalizeStrategy("Approval and Reassurance"), "Affirmation and Reassurance");
  assert.equal(normalizeStrategy("[Approval & Reassurance]"), "Affirmation and Reassurance");
});
