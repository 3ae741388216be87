import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isAligned } from "../../lib/analysis/aligned";
import { alignmentCheck } from "../../lib/analysis/rq1-correlations";
import { projectRoot } from "../../lib/paths";
import { besideThePaper } from "../../lib/questions/question-lookups";
import { compareRq1 } from "../../lib/questions/shared/paper-comparison";
import {
  PAPER_CORRELATIONS, PAPER_CSI_COLUMNS, PAPER_HEXACO_ROWS, PAPER_PAIRED_CORRELATIONS_ESCONV, PAPER_STATEMENTS, PAPER_STRATEGY_TABLES,
  PAPER_TABLE1, PAPER_TABLE9, PAPER_TABLE16, paperAlignment,
} from "../../lib/reports/paper-numbers";

// The paper's numbers held in lib/reports/paper-numbers.json, checked against the paper's markdown: its tables are
// tab-separated blocks with the caption ("Table N: ...") BELOW the table.
const paperPath = join(projectRoot(), "..", "shared", "paper", "from-personas-to-talks.md");
const skip = existsSync(paperPath) ? false : `the paper's markdown is not at ${paperPath}`;

function paperTable(lines: readonly string[], number: number): string[][] {
  const caption = lines.findIndex((line) => line.startsWith(`Table ${number}:`));
  assert.ok(caption > 0, `Table ${number} caption`);
  let end = caption - 1;
  while (!lines[end].trim()) end--;
  const rows: string[][] = [];
  for (let index = end; index >= 0 && lines[index].includes("\t"); index--) rows.unshift(lines[index].split("\t").map((cell) => cell.replace(/<\/?b>/g, "").trim()));
  return rows;
}

/** ".54", "-.21", "0.06", "27.23%", "1,155" as numbers. */
function value(cell: string): number {
  const text = cell.replace(/,/g, "");
  return text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
}

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: held ${actual}, paper ${expected}`);

test("the held numbers equal the paper's Tables 1, 2-4, 10-15, 5-9 and 16", { skip }, () => {
  const lines = readFileSync(paperPath, "utf8").split("\n");
  const table1 = paperTable(lines, 1);
  const fields = ["dataType", "personas", "averageDescriptionWords", "averageProblemWords", "withAge", "withGender", "withOccupation"];
  ["esconv", "cams", "dreaddit"].forEach((dataset, column) => {
    fields.forEach((field, row) => {
      const cell = table1[row + 1][column + 1];
      if (field === "dataType") assert.equal(PAPER_TABLE1[dataset][field], cell);
      else close(PAPER_TABLE1[dataset][field] as number, value(cell), `Table 1 ${dataset} ${field}`);
    });
  });
  assert.deepEqual(Object.keys(PAPER_CORRELATIONS).map(Number).sort((a, b) => a - b), [2, 3, 4, 10, 11, 12, 13, 14, 15]);
  for (const [number, held] of Object.entries(PAPER_CORRELATIONS)) {
    const table = paperTable(lines, Number(number));
    assert.deepEqual(table[0].slice(1), ["Expr.", "Prec.", "Verb.", "Ques.", "Emot.", "Impr."], `Table ${number} columns`);
    assert.deepEqual(table.slice(1).map((row) => row[0]), ["Extr.", "Cons.", "Agre.", "Open.", "Emot.", "Hone."], `Table ${number} rows`);
    table.slice(1).forEach((row, i) => row.slice(1).forEach((cell, j) => close(held.r[i][j], value(cell), `Table ${number} ${PAPER_HEXACO_ROWS[i]} x ${PAPER_CSI_COLUMNS[j]}`)));
  }
  for (const [number, held] of Object.entries(PAPER_STRATEGY_TABLES)) {
    const table = paperTable(lines, Number(number));
    const conditions = Object.keys(held.conditions);
    table.slice(1).forEach((row, i) => conditions.forEach((condition, j) => close(Object.values(held.conditions[condition])[i], value(row[j + 1]), `Table ${number} ${row[0]} ${condition}`)));
    assert.equal(table.length - 1, 8, `Table ${number}: 8 strategies`);
  }
  const table9 = paperTable(lines, 9);
  assert.deepEqual(table9.slice(1).map((row) => row[0]), Object.keys(PAPER_TABLE9));
  for (const row of table9.slice(1)) ["win", "tie", "loss"].forEach((key, j) => close(PAPER_TABLE9[row[0]][key as "win"], value(row[j + 1]), `Table 9 ${row[0]} ${key}`));
  const table16 = paperTable(lines, 16);
  table16.slice(1).forEach((row, i) => {
    close(Object.values(PAPER_TABLE16.withPersona)[i], value(row[1]), `Table 16 ${row[0]} with`);
    close(Object.values(PAPER_TABLE16.withoutPersona)[i], value(row[2]), `Table 16 ${row[0]} without`);
  });
  // "The paper states" quotes are the paper's words, verbatim.
  const text = lines.join("\n");
  for (const [key, statement] of Object.entries(PAPER_STATEMENTS)) assert.ok(text.includes(statement.text), `statement ${key} is quoted verbatim`);
});

test("aligned, the one definition, on the paper's tables: the rows the issue names fail, ties count as aligned", () => {
  const rows = paperAlignment();
  const row = (table: string, domain: string) => rows.find((item) => item.table === table && item.hexacoDomain === domain)!;
  // Table 2, Hone.: Ques. -.27 is stronger than the paired Impr. -.18.
  assert.equal(row("2", "Honesty-Humility").aligned, false);
  assert.equal(row("2", "Honesty-Humility").strongestDomain, "Questioningness");
  assert.equal(row("2", "Extraversion").aligned, true);
  assert.equal(row("10", "Conscientiousness").aligned, false);
  assert.equal(row("13", "Conscientiousness").aligned, false);
  assert.equal(isAligned([0.34, 0.34, 0.1], 1), true, "a tie with another domain is aligned");
  assert.equal(isAligned([0.34, Number.NaN], 1), false);
  assert.equal(isAligned([-0.5, 0.4], 0), true, "by absolute value");
  assert.equal(PAPER_PAIRED_CORRELATIONS_ESCONV["gpt-4o-mini"]["Honesty-Humility"], -0.18);
  // alignmentCheck (this run's tables) uses the same definition: the paper's Table 2 as a matrix gives the same verdicts.
  const matrix = {
    rowVariables: PAPER_HEXACO_ROWS.map((domain) => `HEXACO-60:${domain}`),
    columnVariables: PAPER_CSI_COLUMNS.map((domain) => `CSI:${domain}`),
    cells: PAPER_CORRELATIONS["2"].r.map((row) => row.map((r) => ({ r, p: 0, low: Number.NaN, high: Number.NaN, n: 100 }))),
  };
  assert.deepEqual(alignmentCheck(matrix as never).map((item) => item.aligned), rows.filter((item) => item.table === "2").map((item) => item.aligned));
});

test("Beside the paper: computed sentences, the paper's prose only quoted, no false claim", () => {
  const notes = besideThePaper("rq1");
  assert.ok(!notes.some((note) => /every paired correlation the strongest/.test(note)));
  assert.ok(notes.some((note) => /^The paper states \(Section 4\.2\): “Experimental results/.test(note)));
  assert.match(notes.join("\n"), /for gpt-4o-mini: the paired domain is the strongest of its HEXACO row in 4 of 6 on ESConv \(Table 2\).*Honesty-Humility is strongest with Questioningness \(-\.27 vs paired Impression Manipulativeness -\.18\)/);
  assert.deepEqual(compareRq1([], false).notes, notes);
  assert.match(besideThePaper("rq3").join("\n"), /Question 27\.23% vs 16\.45%/);
  assert.match(besideThePaper("data")[0], /ESConv 1,155 personas/);
});

describe("the paper beside each dataset, and simulated models beside the paper (issue 24)", () => {
  it("sets Tables 2-4 beside ESConv, 10-12 beside CAMS, 13-15 beside Dreaddit, nothing beside outside cards", async () => {
    const { paperPairedCorrelations, paperTablesOf } = await import("../../lib/reports/paper-numbers");
    assert.deepEqual(paperTablesOf("esconv"), ["2", "3", "4"]);
    assert.deepEqual(paperTablesOf("cams"), ["10", "11", "12"]);
    assert.deepEqual(paperTablesOf("dreaddit"), ["13", "14", "15"]);
    assert.deepEqual(paperTablesOf("cards"), []);
    // Table 10 (CAMS, gpt-4o-mini): Extraversion-Expressiveness .66; Table 2 (ESConv) has .54.
    assert.equal(paperPairedCorrelations("cams")["gpt-4o-mini"].Extraversion, 0.66);
    assert.equal(paperPairedCorrelations("esconv")["gpt-4o-mini"].Extraversion, 0.54);
    assert.equal(paperPairedCorrelations("dreaddit")["llama-3.1-8b"]["Honesty-Humility"], -0.18);
    assert.deepEqual(paperPairedCorrelations("my-cards"), {});
  });

  it("computes each simulated model's resemblance to its paper model from the tables", async () => {
    const { simulatedResemblance } = await import("../../lib/reports/paper-numbers");
    const haiku = simulatedResemblance({ id: "haiku-like", misalignedRows: ["Honesty-Humility"] }, "claude-3.5-haiku");
    // Tables 11 and 14 misalign two rows each (read off the tables: Openness/Honesty-Humility, Emotionality/Honesty-Humility).
    assert.match(haiku, /Table 11 \(CAMS\): Openness to Experience \(strongest with Expressiveness, \.44\), Honesty-Humility/);
    assert.match(haiku, /Table 14 \(Dreaddit\): Emotionality \(strongest with Expressiveness, -\.37\), Honesty-Humility/);
    const llama = simulatedResemblance({ id: "llama-like", misalignedRows: ["Honesty-Humility", "Extraversion"] }, "llama-3.1-8b");
    // Extraversion's strongest CSI domain in Table 4 is Emotionality (-.33), not Verbal Aggressiveness (-.21).
    assert.match(llama, /Table 4 \(ESConv\): Extraversion \(strongest with Emotionality, -\.33\)/);
    assert.match(llama, /Table 15 \(Dreaddit\): none/);
    assert.doesNotMatch(llama, /strongest with Verbal Aggressiveness, -\.(21|25|30)/);
  });

  it("the simulated models' descriptions do not contradict the tables", async () => {
    const { SIM_MODELS } = await import("../../lib/sim/sim-models");
    const text = SIM_MODELS.map((model) => model.description).join("\n");
    assert.doesNotMatch(text, /its one misalignment|Extraversion tied most to Verbal Aggressiveness \(positively\),/);
  });
});
