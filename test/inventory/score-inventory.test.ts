import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { DataError, UsageError } from "../../lib/errors";
import { projectRoot } from "../../lib/paths";
import { loadInventory } from "../../lib/inventory/load-inventory";
import { parseAnswerText } from "../../lib/inventory/answer";
import { keyedValue, scoreRespondent, scoreRespondentRows } from "../../lib/inventory/score-inventory";
import { parseScoreColumn, scoreColumn } from "../../lib/inventory/score-columns";
import { scoreWideRow, wideScoreColumns } from "../../lib/inventory/score-wide";
import { scoreRespondents, scoreWideTable } from "../../lib/tables/inventory-score-table";
import type { Inventory } from "../../lib/inventory/inventory-schema";

const inventory = loadInventory(join(projectRoot(), "test", "fixtures", "inventory", "tiny.json"));

// Fixture key (tiny.json), scale 1-5, reversed items score 6 - x:
//   Warmth: 1 Kindness, 4R Sociability, 7 Kindness, 10 Sociability, 12R Kindness
//   Order:  2 Tidiness, 5R Planning, 8 Tidiness, 11 Planning
//   Calm:   3R Patience, 6 Composure, 9 Composure
const r1 = { 1: 4, 2: 5, 3: 2, 4: 1, 5: 2, 6: 3, 7: 5, 8: 4, 9: 4, 10: 3, 11: 1, 12: 2 };
const r2 = {
  1: 2, 2: 3, 3: 5, 4: 4, 5: 1, 6: 2,
  7: { invalid: true as const, raw: "x" }, 8: 2, 9: 1, 10: 5,
  11: { invalid: true as const, raw: "" }, 12: 5,
};
const r3 = { 1: 6, 2: 1, 3: 3, 4: 2, 5: 5, 6: 5, 7: 4, 8: 3.5, 9: 5, 10: 4, 11: 2, 12: 3 };

const close = (actual: number | null, expected: number) => {
  assert.ok(actual !== null, `expected ${expected}, got null`);
  assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);
};

test("a complete respondent: reversed items score 6 - x, domains and facets are means", () => {
  const scores = scoreRespondent(inventory, { respondent: "r1", answers: r1 });
  // Warmth: 4, 6-1=5, 5, 3, 6-2=4 -> 21/5
  close(scores.domains.Warmth.score, 21 / 5);
  // Order: 5, 6-2=4, 4, 1 -> 14/4
  close(scores.domains.Order.score, 14 / 4);
  // Calm: 6-2=4, 3, 4 -> 11/3
  close(scores.domains.Calm.score, 11 / 3);
  close(scores.facets.Warmth.Kindness.score, 13 / 3); // 4, 5, 6-2=4
  close(scores.facets.Warmth.Sociability.score, 4); // 6-1=5, 3
  close(scores.facets.Order.Tidiness.score, 4.5); // 5, 4
  close(scores.facets.Order.Planning.score, 2.5); // 6-2=4, 1
  close(scores.facets.Calm.Patience.score, 4); // 6-2=4
  close(scores.facets.Calm.Composure.score, 3.5); // 3, 4
  assert.equal(scores.invalidAnswers, 0);
  assert.equal(scores.missingAnswers, 0);
  assert.deepEqual(scores.domains.Warmth, { score: 4.2, items: 5, valid: 5, invalid: 0, missing: 0 });
});

test("invalid answers are counted with their raw text and a domain under 80% valid is missing", () => {
  const scores = scoreRespondent(inventory, { respondent: "r2", answers: r2 });
  // Warmth: 4 of 5 valid (80%, enough): 2, 6-4=2, 5, 6-5=1 -> 10/4
  close(scores.domains.Warmth.score, 2.5);
  // Order: 3 of 4 valid (75%) -> missing
  assert.equal(scores.domains.Order.score, null);
  assert.deepEqual(scores.domains.Order, { score: null, items: 4, valid: 3, invalid: 1, missing: 0 });
  // Calm: 6-5=1, 2, 1 -> 4/3
  close(scores.domains.Calm.score, 4 / 3);
  // Kindness facet: 2 of 3 valid (67%) -> missing; Planning 1 of 2 -> missing
  assert.equal(scores.facets.Warmth.Kindness.score, null);
  assert.equal(scores.facets.Order.Planning.score, null);
  close(scores.facets.Warmth.Sociability.score, 3.5);
  assert.equal(scores.invalidAnswers, 2);
  assert.deepEqual(scores.invalid, [
    { item: 7, raw: "x" },
    { item: 11, raw: "" },
  ]);
});

test("numbers off the scale or not integers are invalid, not clamped or rounded", () => {
  const scores = scoreRespondent(inventory, { respondent: "r3", answers: r3 });
  assert.deepEqual(scores.invalid, [
    { item: 1, raw: "6" },
    { item: 8, raw: "3.5" },
  ]);
  close(scores.domains.Warmth.score, 15 / 4); // 6-2=4, 4, 4, 6-3=3
  assert.equal(scores.domains.Order.score, null);
  close(scores.domains.Calm.score, 13 / 3); // 6-3=3, 5, 5
});

test("the minimum valid share is configurable", () => {
  const lenient = scoreRespondent(inventory, { respondent: "r2", answers: r2 }, { minimumValidShare: 0.7 });
  close(lenient.domains.Order.score, 10 / 3); // 3, 6-1=5, 2
  assert.equal(lenient.facets.Warmth.Kindness.score, null); // 2/3 < 0.7
  const strict = scoreRespondent(inventory, { respondent: "r2", answers: r2 }, { minimumValidShare: 1 });
  assert.equal(strict.domains.Warmth.score, null);
  close(strict.domains.Calm.score, 4 / 3);
  assert.throws(() => scoreRespondent(inventory, { respondent: "r2", answers: r2 }, { minimumValidShare: 0 }), UsageError);
  assert.throws(() => scoreRespondent(inventory, { respondent: "r2", answers: r2 }, { minimumValidShare: 1.5 }), UsageError);
});

test("items without an answer count as missing, separately from invalid ones", () => {
  const answers = new Map<number, number | null>([
    [1, 5], [4, 5], [7, 5], [10, 5], [12, 1], [2, null], [3, 3], [6, 3], [9, 3],
  ]);
  const scores = scoreRespondent(inventory, { respondent: "sparse", answers });
  assert.equal(scores.missingAnswers, 4); // items 2, 5, 8, 11
  assert.equal(scores.invalidAnswers, 0);
  assert.equal(scores.domains.Order.score, null);
  assert.deepEqual(scores.domains.Order, { score: null, items: 4, valid: 0, invalid: 0, missing: 4 });
  close(scores.domains.Warmth.score, (5 + 1 + 5 + 5 + 5) / 5);
  close(scores.domains.Calm.score, 3);
});

test("an answer to an item the inventory lacks is a DataError", () => {
  assert.throws(() => scoreRespondent(inventory, { respondent: "r9", answers: { ...r1, 13: 3 } }), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.equal(error.location.record, "r9");
    assert.equal(error.location.field, "13");
    return true;
  });
});

test("keyedValue uses the inventory's own scale", () => {
  const sevenPoint: Inventory = { ...inventory, scale: { min: 1, max: 7 } };
  assert.equal(keyedValue(inventory.items[2], 2, sevenPoint), 6);
  assert.equal(keyedValue(inventory.items[0], 2, sevenPoint), 2);
});

test("parseAnswerText keeps non-numbers as invalid with their raw text", () => {
  assert.equal(parseAnswerText(" 4 "), 4);
  assert.equal(parseAnswerText("3.0"), 3);
  assert.deepEqual(parseAnswerText(""), { invalid: true, raw: "" });
  assert.deepEqual(parseAnswerText("four"), { invalid: true, raw: "four" });
  assert.deepEqual(parseAnswerText("4 (agree)"), { invalid: true, raw: "4 (agree)" });
});

test("rows and the DataFrame have one row per respondent and one column per domain", () => {
  const respondents = [
    { respondent: "r1", answers: r1 },
    { respondent: "r2", answers: r2 },
  ];
  const rows = scoreRespondentRows(inventory, respondents);
  assert.deepEqual(Object.keys(rows[0]), ["respondent", "Warmth", "Order", "Calm", "invalidAnswers", "missingAnswers"]);
  assert.equal(rows[1].Order, null);
  assert.equal(rows[1].invalidAnswers, 2);
  const frame = scoreRespondents(inventory, respondents, { facets: true });
  assert.deepEqual(frame.columns, [
    "respondent", "Warmth", "Order", "Calm",
    "Warmth/Kindness", "Warmth/Sociability", "Order/Tidiness", "Order/Planning", "Calm/Patience", "Calm/Composure",
    "invalidAnswers", "missingAnswers",
  ]);
  assert.deepEqual(frame.shape, [2, 12]);
  assert.deepEqual(frame.column("respondent").values, ["r1", "r2"]);
  close(frame.column("Calm").values[1] as number, 4 / 3);
  assert.equal(frame.column("Order").values[1], null);
  assert.throws(() => scoreRespondentRows(inventory, [respondents[0], respondents[0]]), /appears twice/);
});

test("scoreColumn names wide columns <inventory>:<domain> and parses them back", () => {
  assert.equal(scoreColumn("HEXACO-60", "Emotionality"), "HEXACO-60:Emotionality");
  assert.equal(scoreColumn("CSI", "Emotionality"), "CSI:Emotionality");
  assert.deepEqual(parseScoreColumn("CSI:Verbal Aggressiveness"), { inventoryName: "CSI", domain: "Verbal Aggressiveness" });
  assert.deepEqual(parseScoreColumn("X:a:b"), { inventoryName: "X", domain: "a:b" });
  assert.equal(parseScoreColumn("respondent"), undefined);
  assert.equal(parseScoreColumn("invalidAnswers"), undefined);
  assert.throws(() => scoreColumn("A:B", "C"));
});

test("two inventories score into one wide row with qualified columns", () => {
  const other: Inventory = { ...inventory, name: "OTHER" };
  const { row, details } = scoreWideRow("p1", [
    { inventory, answers: r1 },
    { inventory: other, answers: r2 },
  ]);
  assert.deepEqual(Object.keys(row), [
    "respondent", "TINY-12:Warmth", "TINY-12:Order", "TINY-12:Calm", "OTHER:Warmth", "OTHER:Order", "OTHER:Calm",
    "invalidAnswers", "missingAnswers",
  ]);
  close(row["TINY-12:Warmth"] as number, 4.2);
  close(row["OTHER:Warmth"] as number, 2.5);
  assert.equal(row["OTHER:Order"], null);
  assert.equal(row.invalidAnswers, 2);
  assert.equal(details[1].invalid.length, 2);
  assert.deepEqual(wideScoreColumns([inventory, other]), Object.keys(row).slice(1, 7));
  const table = scoreWideTable(
    [{ respondent: "p1", parts: [{ inventory, answers: r1 }, { inventory: other, answers: r2 }] }],
    [inventory, other],
  );
  assert.deepEqual(table.columns, Object.keys(row));
  assert.throws(() => scoreWideRow("p1", [{ inventory, answers: r1 }, { inventory, answers: r1 }]), UsageError);
});
