import assert from "node:assert/strict";
import { test } from "node:test";
import { parseInventoryAnswer } from "../../lib/prompts/index";

const readable: Array<[string, number]> = [
  ["4", 4],
  [" 2\n", 2],
  ["5.", 5],
  ["(3)", 3],
  ["**4**", 4],
  ["Answer: 4", 4],
  ["answer - 1", 1],
  ["The answer is 2.", 2],
  ["Score: 5", 5],
  ["4 - agree", 4],
  ["4 (agree)", 4],
  ["3: neutral", 3],
  ["1. strongly disagree", 1],
  ["I would say 3.", 3],
  ["Based on the description, the person would likely answer 2 because they are reserved.", 2],
  ["5=strongly agree, 4=agree, 3=neutral, 2=disagree, 1=strongly disagree. My answer: 2", 2],
  ["On a scale of 1 to 5, I'd choose 4.", 4],
  ["strongly agree", 5],
  ["Strongly Disagree", 1],
  ["disagree", 2],
  ["Agree.", 4],
  ["neutral", 3],
  ["Neither agree nor disagree", 3],
  ["The person would agree with this statement.", 4],
  ['{"answer": 4}', 4],
  ['{"Answer": "2"}', 2],
  ['{"score": 5, "reason": "very organised"}', 5],
  ['```json\n{"answer": 1}\n```', 1],
  ['{"answer": "strongly agree"}', 5],
];

for (const [raw, expected] of readable) {
  test(`reads ${JSON.stringify(raw)} as ${expected}`, () => {
    assert.deepEqual(parseInventoryAnswer(raw), { ok: true, value: expected });
  });
}

const unreadable: Array<[string, RegExp]> = [
  ["", /empty/],
  ["   ", /empty/],
  ["I'm not sure how the person would feel about this.", /no answer/],
  ["It depends on the situation.", /no answer/],
  ["Somewhere between agree and disagree.", /conflicting/],
  ["3.5", /whole number/],
  ["7", /outside/],
  ["0", /outside/],
  ["Answer: 6", /outside/],
  ["Either 2 or 4, hard to say.", /several different numbers/],
  ['{"answer": null}', /answer/],
  ['{"reason": "no idea"}', /answer/],
  ['{"answer": 9}', /outside/],
];

for (const [raw, reason] of unreadable) {
  test(`keeps ${JSON.stringify(raw)} as invalid with its raw text`, () => {
    const result = parseInventoryAnswer(raw);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.raw, raw);
      assert.match(result.reason, reason);
    }
  });
}
