import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { projectRoot } from "../../lib/paths";
import { loadInventory } from "../../lib/inventory/load-inventory";
import { loadAnswersCsv, parseAnswersCsv } from "../../lib/inventory/parse-answers-csv";
import { assertDataError } from "./assert-data-error";

const fixtures = join(projectRoot(), "test", "fixtures", "inventory");
const inventory = loadInventory(join(fixtures, "tiny.json"));
const FILE = "answers.csv";

function expectDataError(text: string, expected: { record?: string; field?: string; message: RegExp }): void {
  assertDataError(() => parseAnswersCsv(text, inventory, FILE), FILE, expected);
}

test("columns are read by header name; empty and non-numeric cells are invalid with their raw text", () => {
  const { respondents, absentItems } = loadAnswersCsv(join(fixtures, "answers.csv"), inventory);
  assert.deepEqual(absentItems, []);
  assert.deepEqual(respondents.map((entry) => entry.respondent), ["r1", "r2", "r3"]);
  const r2 = respondents[1].answers as Map<number, unknown>;
  assert.equal(r2.get(12), 5); // first column of the file
  assert.equal(r2.get(1), 2);
  assert.deepEqual(r2.get(7), { invalid: true, raw: "x" });
  assert.deepEqual(r2.get(11), { invalid: true, raw: "" }); // last cell, empty
  const r3 = respondents[2].answers as Map<number, unknown>;
  assert.equal(r3.get(8), 3.5); // a number: the scorer decides it is off the scale
});

test("item columns absent from the file are listed and their answers are missing", () => {
  const { respondents, absentItems } = parseAnswersCsv("respondent,1,2,3\nA,1,2,3\n", inventory, FILE);
  assert.deepEqual(absentItems, [4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal((respondents[0].answers as Map<number, unknown>).has(4), false);
});

test("a missing respondent column is a DataError naming the field", () => {
  expectDataError("id,1,2\nA,1,2\n", { record: "header", field: "respondent", message: /no "respondent" column/ });
});

test("an unknown item column is a DataError naming the column", () => {
  expectDataError("respondent,1,13\nA,1,2\n", { record: "header", field: "13", message: /not an item id of inventory "TINY-12"/ });
  expectDataError("respondent,1,q2\nA,1,2\n", { record: "header", field: "q2", message: /not an item id/ });
});

test("duplicate columns, duplicate or empty respondents and ragged rows are DataErrors", () => {
  expectDataError("respondent,1,1\nA,1,2\n", { record: "header", field: "1", message: /appears twice/ });
  expectDataError("respondent,1\nA,1\nA,2\n", { record: "row 2 (respondent A)", field: "respondent", message: /already appears in row 1/ });
  expectDataError("respondent,1\n,1\n", { record: "row 1 (line 2)", field: "respondent", message: /empty respondent/ });
  expectDataError("respondent,1,2\nA,1\n", { record: "line 2", message: /not valid CSV/ });
  expectDataError("", { message: /empty/ });
});

test("reads the project's own answers-<inventory>.csv: personaId as respondent, identifier columns read past (issue 24)", () => {
  const { respondents } = parseAnswersCsv("personaId,dataset,condition,1,2,3\nesconv:train:1,esconv,measured,1,2,3\nesconv:train:2,esconv,measured,3,2,1\n", inventory, FILE);
  assert.deepEqual(respondents.map((entry) => entry.respondent), ["esconv:train:1", "esconv:train:2"]);
  assert.equal((respondents[1].answers as Map<number, unknown>).size, 3);
  expectDataError("personaId,dataset,q2\nA,esconv,2\n", { record: "header", field: "q2", message: /not an item id/ });
});
