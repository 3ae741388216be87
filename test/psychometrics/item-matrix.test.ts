import { test } from "node:test";
import assert from "node:assert/strict";
import { itemMatrices, keyedAnswer, selectItems, selectRespondents, type ItemAnswer } from "../../lib/psychometrics/item-matrix";

// Reverse keying of the item matrices that every reliability statistic reads. Checked on answers away from the
// scale's midpoint, where min + max - x differs from x (on 1..5, 6 - 3 = 3 cannot tell a dropped reversal).

test("keyedAnswer: a reversed item scores min + max - answer; a forward item its answer; missing is NaN", () => {
  assert.deepEqual([1, 2, 3, 4, 5].map((answer) => keyedAnswer(answer, true)), [5, 4, 3, 2, 1]);
  assert.deepEqual([1, 2, 3, 4, 5].map((answer) => keyedAnswer(answer, false)), [1, 2, 3, 4, 5]);
  assert.deepEqual([1, 2, 6, 7].map((answer) => keyedAnswer(answer, true, { min: 1, max: 7 })), [7, 6, 2, 1]);
  assert.equal(keyedAnswer(0, true, { min: 0, max: 4 }), 4);
  for (const missing of [null, undefined, Number.NaN]) assert.ok(Number.isNaN(keyedAnswer(missing, true)));
});

function row(personaId: string, itemId: number, reversed: boolean, answer: number | null, domain = "D"): ItemAnswer {
  return { personaId, inventory: "T", domain, itemId, reversed, answer };
}

test("itemMatrices keys reversed items back, away from the midpoint, and leaves forward items as answered", () => {
  // Persona a agrees with everything (5), b disagrees (1), c answers 2 and 4: keyed, a and b are consistent on the
  // reversed items 2 and 4, so their keyed rows alternate.
  const rows: ItemAnswer[] = [];
  for (const [persona, answers] of [["a", [5, 5, 5, 5]], ["b", [1, 1, 1, 1]], ["c", [2, 4, 2, 4]]] as const) {
    answers.forEach((answer, index) => rows.push(row(persona, index + 1, index % 2 === 1, answer)));
  }
  const matrix = itemMatrices(rows).get("T")!.get("D")!;
  assert.deepEqual(matrix.respondents, ["a", "b", "c"]);
  assert.deepEqual(matrix.items.map((item) => [item.itemId, item.reversed]), [[1, false], [2, true], [3, false], [4, true]]);
  assert.deepEqual(matrix.values, [
    [5, 1, 5, 1],
    [1, 5, 1, 5],
    [2, 2, 2, 2],
  ]);
  // keyed: false keeps the raw answers (the item-level tables show them).
  assert.deepEqual(itemMatrices(rows, { keyed: false }).get("T")!.get("D")!.values, [
    [5, 5, 5, 5],
    [1, 1, 1, 1],
    [2, 4, 2, 4],
  ]);
});

test("itemMatrices uses the given scale for reverse keying (1..7: 7 -> 1, 2 -> 6)", () => {
  const rows = [row("a", 1, false, 7), row("a", 2, true, 7), row("b", 1, false, 2), row("b", 2, true, 2)];
  assert.deepEqual(itemMatrices(rows, { scale: { min: 1, max: 7 } }).get("T")!.get("D")!.values, [[7, 1], [2, 6]]);
});

test("items sorted by id per domain; a missing answer stays NaN; sample filter and facets; column and row selection", () => {
  const rows: ItemAnswer[] = [
    row("a", 3, true, 1), row("a", 1, false, 4), row("a", 2, false, 2, "E"),
    row("b", 3, true, null), row("b", 1, false, 5),
    { ...row("a", 1, false, 1), sample: 1 },
  ];
  const matrices = itemMatrices(rows, { facets: new Map([["T#3", "F"]]) }).get("T")!;
  const d = matrices.get("D")!;
  assert.deepEqual(d.items.map((item) => item.itemId), [1, 3]);
  assert.equal(d.items[1].facet, "F");
  assert.equal(d.items[0].facet, undefined);
  assert.deepEqual(d.values[0], [4, 5]);
  assert.equal(d.values[1][0], 5);
  assert.ok(Number.isNaN(d.values[1][1]));
  assert.deepEqual(matrices.get("E")!.values, [[2], [Number.NaN]]);
  assert.deepEqual(itemMatrices(rows, { sample: 1 }).get("T")!.get("D")!.values, [[1]]);
  assert.deepEqual(selectItems(d, (item) => item.reversed).values, [[5], [Number.NaN]]);
  assert.deepEqual(selectRespondents(d, [1, 0, 0]).respondents, ["b", "a", "a"]);
});
