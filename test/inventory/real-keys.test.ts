import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../lib/cli/main";
import { findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";
import { parseInventory } from "../../lib/inventory/load-inventory";
import { loadAnswersCsv } from "../../lib/inventory/parse-answers-csv";
import { scoreRespondentRows } from "../../lib/inventory/score-inventory";

// The real HEXACO-60 and CSI keys are read (never copied) from the data folder (test/support/data-folder.ts).
const inventoriesFolder = join(findDataFolder(INVENTORY_FILES) ?? "", "inventories");
const skip = skipWithoutData(INVENTORY_FILES, "the real inventory keys");

// Deterministic answers; the same generator is in test/fixtures/inventory/independent_key.py.
function cell(respondent: number, item: number): string {
  if (respondent === 20 && item <= 12) return "";
  if ((respondent * item) % 23 === 0) return "n/a";
  return String(((respondent * respondent * 7 + item * item * 3 + respondent * item) % 5) + 1);
}

function answersCsv(itemCount: number): string {
  const header = ["respondent", ...Array.from({ length: itemCount }, (_, index) => String(index + 1))];
  const lines = [header.join(",")];
  for (let respondent = 1; respondent <= 20; respondent += 1) {
    const cells = Array.from({ length: itemCount }, (_, index) => cell(respondent, index + 1));
    lines.push([`p${String(respondent).padStart(2, "0")}`, ...cells].join(","));
  }
  return lines.join("\n") + "\n";
}

// Expected domain scores, produced ONCE (not by the tests) on the dev machine with an independent numpy
// implementation of the published key (6 - x for reversed items, domain = mean of its items, domain missing when
// fewer than 80% of its answers are valid integers 1..5):
//   python3 test/fixtures/inventory/independent_key.py ../shared/data/inventories
// (numpy 2.4, np.mean over the keyed valid answers), pasted verbatim; null = domain missing.
const EXPECTED: Record<string, Record<string, Record<string, number | null>>> = {
  hexaco60: {
    p01: { "Honesty-Humility": 3.0, "Emotionality": 2.7777777777777777, "Extraversion": 3.3333333333333335, "Agreeableness": 3.0, "Conscientiousness": 2.8, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p02: { "Honesty-Humility": 2.6, "Emotionality": 3.5555555555555554, "Extraversion": 3.5555555555555554, "Agreeableness": 2.8, "Conscientiousness": 2.2, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p03: { "Honesty-Humility": 3.4, "Emotionality": 2.5555555555555554, "Extraversion": 3.4444444444444446, "Agreeableness": 3.4, "Conscientiousness": 2.8, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p04: { "Honesty-Humility": 3.4, "Emotionality": 3.111111111111111, "Extraversion": 3.0, "Agreeableness": 2.8, "Conscientiousness": 2.6, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p05: { "Honesty-Humility": 3.6, "Emotionality": 3.0, "Extraversion": 3.3333333333333335, "Agreeableness": 3.0, "Conscientiousness": 2.6, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p06: { "Honesty-Humility": 3.0, "Emotionality": 2.7777777777777777, "Extraversion": 3.3333333333333335, "Agreeableness": 3.0, "Conscientiousness": 2.8, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p07: { "Honesty-Humility": 2.6, "Emotionality": 3.5555555555555554, "Extraversion": 3.5555555555555554, "Agreeableness": 2.8, "Conscientiousness": 2.2, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p08: { "Honesty-Humility": 3.4, "Emotionality": 2.5555555555555554, "Extraversion": 3.4444444444444446, "Agreeableness": 3.4, "Conscientiousness": 2.8, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p09: { "Honesty-Humility": 3.4, "Emotionality": 3.111111111111111, "Extraversion": 3.0, "Agreeableness": 2.8, "Conscientiousness": 2.6, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p10: { "Honesty-Humility": 3.6, "Emotionality": 3.0, "Extraversion": 3.3333333333333335, "Agreeableness": 3.0, "Conscientiousness": 2.6, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p11: { "Honesty-Humility": 3.0, "Emotionality": 2.7777777777777777, "Extraversion": 3.3333333333333335, "Agreeableness": 3.0, "Conscientiousness": 2.8, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p12: { "Honesty-Humility": 2.6, "Emotionality": 3.5555555555555554, "Extraversion": 3.5555555555555554, "Agreeableness": 2.8, "Conscientiousness": 2.2, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p13: { "Honesty-Humility": 3.4, "Emotionality": 2.5555555555555554, "Extraversion": 3.4444444444444446, "Agreeableness": 3.4, "Conscientiousness": 2.8, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p14: { "Honesty-Humility": 3.4, "Emotionality": 3.111111111111111, "Extraversion": 3.0, "Agreeableness": 2.8, "Conscientiousness": 2.6, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p15: { "Honesty-Humility": 3.6, "Emotionality": 3.0, "Extraversion": 3.3333333333333335, "Agreeableness": 3.0, "Conscientiousness": 2.6, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p16: { "Honesty-Humility": 3.0, "Emotionality": 2.7777777777777777, "Extraversion": 3.3333333333333335, "Agreeableness": 3.0, "Conscientiousness": 2.8, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p17: { "Honesty-Humility": 2.6, "Emotionality": 3.5555555555555554, "Extraversion": 3.5555555555555554, "Agreeableness": 2.8, "Conscientiousness": 2.2, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p18: { "Honesty-Humility": 3.4, "Emotionality": 2.5555555555555554, "Extraversion": 3.4444444444444446, "Agreeableness": 3.4, "Conscientiousness": 2.8, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p19: { "Honesty-Humility": 3.4, "Emotionality": 3.111111111111111, "Extraversion": 3.0, "Agreeableness": 2.8, "Conscientiousness": 2.6, "Openness to Experience": 2.6, "invalidAnswers": 2 },
    p20: { "Honesty-Humility": 3.625, "Emotionality": null, "Extraversion": null, "Agreeableness": 3.125, "Conscientiousness": 2.5, "Openness to Experience": 2.625, "invalidAnswers": 14 },
  },
  csi96: {
    p01: { "Expressiveness": 2.8125, "Preciseness": 3.4, "Verbal Aggressiveness": 2.8666666666666667, "Questioningness": 3.2, "Emotionality": 2.8666666666666667, "Impression Manipulativeness": 3.1875, "invalidAnswers": 4 },
    p02: { "Expressiveness": 3.125, "Preciseness": 3.6, "Verbal Aggressiveness": 3.0, "Questioningness": 3.933333333333333, "Emotionality": 3.466666666666667, "Impression Manipulativeness": 3.375, "invalidAnswers": 4 },
    p03: { "Expressiveness": 3.1875, "Preciseness": 3.3333333333333335, "Verbal Aggressiveness": 3.2666666666666666, "Questioningness": 3.4, "Emotionality": 3.8, "Impression Manipulativeness": 3.6875, "invalidAnswers": 4 },
    p04: { "Expressiveness": 3.0, "Preciseness": 2.6, "Verbal Aggressiveness": 3.0, "Questioningness": 2.933333333333333, "Emotionality": 3.2, "Impression Manipulativeness": 2.875, "invalidAnswers": 4 },
    p05: { "Expressiveness": 2.5625, "Preciseness": 2.7333333333333334, "Verbal Aggressiveness": 3.2, "Questioningness": 3.533333333333333, "Emotionality": 3.0, "Impression Manipulativeness": 3.4375, "invalidAnswers": 4 },
    p06: { "Expressiveness": 2.8125, "Preciseness": 3.4, "Verbal Aggressiveness": 2.8666666666666667, "Questioningness": 3.2, "Emotionality": 2.8666666666666667, "Impression Manipulativeness": 3.1875, "invalidAnswers": 4 },
    p07: { "Expressiveness": 3.125, "Preciseness": 3.6, "Verbal Aggressiveness": 3.0, "Questioningness": 3.933333333333333, "Emotionality": 3.466666666666667, "Impression Manipulativeness": 3.375, "invalidAnswers": 4 },
    p08: { "Expressiveness": 3.1875, "Preciseness": 3.3333333333333335, "Verbal Aggressiveness": 3.2666666666666666, "Questioningness": 3.4, "Emotionality": 3.8, "Impression Manipulativeness": 3.6875, "invalidAnswers": 4 },
    p09: { "Expressiveness": 3.0, "Preciseness": 2.6, "Verbal Aggressiveness": 3.0, "Questioningness": 2.933333333333333, "Emotionality": 3.2, "Impression Manipulativeness": 2.875, "invalidAnswers": 4 },
    p10: { "Expressiveness": 2.5625, "Preciseness": 2.7333333333333334, "Verbal Aggressiveness": 3.2, "Questioningness": 3.533333333333333, "Emotionality": 3.0, "Impression Manipulativeness": 3.4375, "invalidAnswers": 4 },
    p11: { "Expressiveness": 2.8125, "Preciseness": 3.4, "Verbal Aggressiveness": 2.8666666666666667, "Questioningness": 3.2, "Emotionality": 2.8666666666666667, "Impression Manipulativeness": 3.1875, "invalidAnswers": 4 },
    p12: { "Expressiveness": 3.125, "Preciseness": 3.6, "Verbal Aggressiveness": 3.0, "Questioningness": 3.933333333333333, "Emotionality": 3.466666666666667, "Impression Manipulativeness": 3.375, "invalidAnswers": 4 },
    p13: { "Expressiveness": 3.1875, "Preciseness": 3.3333333333333335, "Verbal Aggressiveness": 3.2666666666666666, "Questioningness": 3.4, "Emotionality": 3.8, "Impression Manipulativeness": 3.6875, "invalidAnswers": 4 },
    p14: { "Expressiveness": 3.0, "Preciseness": 2.6, "Verbal Aggressiveness": 3.0, "Questioningness": 2.933333333333333, "Emotionality": 3.2, "Impression Manipulativeness": 2.875, "invalidAnswers": 4 },
    p15: { "Expressiveness": 2.5625, "Preciseness": 2.7333333333333334, "Verbal Aggressiveness": 3.2, "Questioningness": 3.533333333333333, "Emotionality": 3.0, "Impression Manipulativeness": 3.4375, "invalidAnswers": 4 },
    p16: { "Expressiveness": 2.8125, "Preciseness": 3.4, "Verbal Aggressiveness": 2.8666666666666667, "Questioningness": 3.2, "Emotionality": 2.8666666666666667, "Impression Manipulativeness": 3.1875, "invalidAnswers": 4 },
    p17: { "Expressiveness": 3.125, "Preciseness": 3.6, "Verbal Aggressiveness": 3.0, "Questioningness": 3.933333333333333, "Emotionality": 3.466666666666667, "Impression Manipulativeness": 3.375, "invalidAnswers": 4 },
    p18: { "Expressiveness": 3.1875, "Preciseness": 3.3333333333333335, "Verbal Aggressiveness": 3.2666666666666666, "Questioningness": 3.4, "Emotionality": 3.8, "Impression Manipulativeness": 3.6875, "invalidAnswers": 4 },
    p19: { "Expressiveness": 3.0, "Preciseness": 2.6, "Verbal Aggressiveness": 3.0, "Questioningness": 2.933333333333333, "Emotionality": 3.2, "Impression Manipulativeness": 2.875, "invalidAnswers": 4 },
    p20: { "Expressiveness": 2.4285714285714284, "Preciseness": 2.6923076923076925, "Verbal Aggressiveness": 3.3076923076923075, "Questioningness": 3.3846153846153846, "Emotionality": 3.076923076923077, "Impression Manipulativeness": 3.4285714285714284, "invalidAnswers": 16 },
  },
};

function compare(name: string, actual: Record<string, unknown>[]): void {
  const expected = EXPECTED[name];
  assert.deepEqual(actual.map((row) => row.respondent), Object.keys(expected));
  for (const row of actual) {
    const want = expected[row.respondent as string];
    for (const [column, value] of Object.entries(want)) {
      const got = row[column];
      if (value === null) assert.equal(got, null, `${name} ${row.respondent} ${column}`);
      else {
        assert.equal(typeof got, "number", `${name} ${row.respondent} ${column}: got ${String(got)}`);
        assert.ok(Math.abs((got as number) - value) < 1e-12, `${name} ${row.respondent} ${column}: ${got} != ${value}`);
      }
    }
  }
}

for (const [name, itemCount] of [["hexaco60", 60], ["csi96", 96]] as const) {
  test(`${name}: the score CLI matches an independent implementation of the published key`, { skip }, async () => {
    const folder = mkdtempSync(join(tmpdir(), `inventory-${name}-`));
    const logged: string[] = [];
    const originalLog = console.log;
    const originalError = console.error;
    try {
      const inventoryPath = join(inventoriesFolder, `${name}.json`);
      const csvPath = join(folder, "answers.csv");
      writeFileSync(csvPath, answersCsv(itemCount));
      console.log = (line: string) => logged.push(line);
      console.error = () => {};
      const code = await main(["score", "--inventory", inventoryPath, "--answers", csvPath, "--json"]);
      console.log = originalLog;
      console.error = originalError;
      assert.equal(code, 0);
      compare(name, JSON.parse(logged.join("\n")));

      // The library path gives the same numbers.
      const inventory = parseInventory(readFileSync(inventoryPath, "utf8"), inventoryPath);
      compare(name, scoreRespondentRows(inventory, loadAnswersCsv(csvPath, inventory).respondents));
    } finally {
      console.log = originalLog;
      console.error = originalError;
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

test("--inventory csi96 loads the standard inventory from the data folder", { skip }, async () => {
  const folder = mkdtempSync(join(tmpdir(), "inventory-standard-"));
  const saved = process.env.PERSONA_TALKS_DATA;
  const logged: string[] = [];
  const originalLog = console.log;
  const originalError = console.error;
  try {
    process.env.PERSONA_TALKS_DATA = join(inventoriesFolder, "..");
    const csvPath = join(folder, "answers.csv");
    writeFileSync(csvPath, answersCsv(96));
    console.log = (line: string) => logged.push(line);
    console.error = () => {};
    const code = await main(["score", "--inventory", "csi96", "--answers", csvPath, "--json"]);
    console.log = originalLog;
    console.error = originalError;
    assert.equal(code, 0);
    compare("csi96", JSON.parse(logged.join("\n")));
  } finally {
    console.log = originalLog;
    console.error = originalError;
    if (saved === undefined) delete process.env.PERSONA_TALKS_DATA;
    else process.env.PERSONA_TALKS_DATA = saved;
    rmSync(folder, { recursive: true, force: true });
  }
});
