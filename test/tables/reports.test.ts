import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rq1Report } from "../../lib/questions/rq1/rq1-report";
import { rq2Report } from "../../lib/questions/rq2/rq2-report";
import { rq3Report } from "../../lib/questions/rq3/rq3-report";
import { writeReport, writeTables } from "../../lib/tables/write-tables";
import { rowsToCsv } from "../../lib/tables/csv";
import { toMarkdown } from "../../lib/tables/markdown";
import { fixture } from "../analysis/fixtures";

type Row = Record<string, unknown>;

test("rq1Report: three tables per dataset/model group, named for files", () => {
  const report = rq1Report(fixture<Row[]>("scores.json"), { simulated: true });
  assert.deepEqual(
    report.tables.map((table) => table.name),
    [
      "rq1-correlations-esconv-sim-model",
      "rq1-alignment-esconv-sim-model",
      "rq1-correlations-detail-esconv-sim-model",
      "rq1-correlations-cams-sim-model",
      "rq1-alignment-cams-sim-model",
      "rq1-correlations-detail-cams-sim-model",
    ],
  );
  assert.ok(report.tables.every((table) => table.simulated));
  // Titles name the dataset and model as the figures do (issue 24): "ESConv", not the id "esconv".
  assert.match(report.tables[0].title, /from ESConv measured by simulated$/);
  assert.match(report.tables[3].title, /from CAMS measured by simulated$/);
  assert.equal(report.summary.groups.length, 2);
});

test("rq2Report: consistency and PCA spread tables", () => {
  const data = fixture<{ original: Row[]; extracted: Row[]; without: Row[] }>("consistency.json");
  const report = rq2Report(data.original, data.extracted, { withoutRows: data.without });
  assert.deepEqual(report.tables.map((table) => table.name), ["rq2-consistency", "rq2-pca-spread"]);
  const markdown = toMarkdown(report.tables[0]);
  // Emotionality shifts up by .32 with p < .001 in the fixture: shown in bold with a sign.
  assert.match(markdown, /\| HEXACO-60 \| Emotionality \| 30 \| 2\.96 \| 3\.28 \| \*\*\+0\.32\*\* \|/);
  assert.ok(report.summary.pca);
});

test("rq3Report: Tables 5-8 shapes, residuals, Table 16 and Table 9", () => {
  const judgements = [
    { pairId: "1", criterion: "Overall", outcome: "win" },
    { pairId: "2", criterion: "Overall", outcome: "loss" },
    { pairId: "3", criterion: "Overall", outcome: "win" },
  ];
  const report = rq3Report(fixture<Row[]>("turns.json"), { resamples: 50, judgements });
  assert.deepEqual(report.tables.map((table) => table.name), [
    "rq3-strategies-both-none",
    "rq3-residuals-both-none",
    "rq3-strategies-hexaco-csi",
    "rq3-residuals-hexaco-csi",
    "rq3-strategies-all",
    "rq3-residuals-all",
    "rq3-dialogue-statistics",
    "rq3-pairwise",
  ]);
  const table5 = toMarkdown(report.tables[0]);
  assert.match(table5, /\| Strategy \| w\/ PT \| w\/o PT \|/);
  // 11 of 54 labelled supporter turns with persona traits and 11 of 59 without were questions.
  assert.match(table5, /\| question \| 20\.37% \| 18\.64% \|/);
  assert.match(table5, /chi2\(7\) = 10\.27, p = \.174/);
  const table16 = toMarkdown(report.tables[6]);
  assert.match(table16, /\| Total Words \| 1,149 \| 1,220 \| 1,228 \| 1,228 \|/);
  const table9 = toMarkdown(report.tables[7]);
  assert.match(table9, /\| Overall \| \*\*67%\*\* \| 0% \| 33% \| 3 \|/);
});

test("writeTables writes every format and numbers duplicate names", () => {
  const directory = mkdtempSync(join(tmpdir(), "persona-talks-tables-"));
  try {
    const { tables } = rq2Report(fixture<{ original: Row[]; extracted: Row[] }>("consistency.json").original, fixture<{ original: Row[]; extracted: Row[] }>("consistency.json").extracted, { simulated: true });
    const written = writeTables([...tables, tables[0]], directory, ["md", "tex", "csv", "html"]);
    assert.equal(written.length, 9);
    assert.deepEqual(readdirSync(directory).sort(), [
      "README.md",
      "rq2-consistency-2.csv", "rq2-consistency-2.html", "rq2-consistency-2.md", "rq2-consistency-2.tex",
      "rq2-consistency.csv", "rq2-consistency.html", "rq2-consistency.md", "rq2-consistency.tex",
    ]);
    assert.match(readFileSync(join(directory, "rq2-consistency.tex"), "utf8"), /\\caption\{\[SIMULATED\]/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("writeReport adds summary.json and a README.md saying SIMULATED; rowsToCsv puts the header on line 1", () => {
  const directory = mkdtempSync(join(tmpdir(), "persona-talks-report-"));
  try {
    const report = rq1Report(fixture<Row[]>("scores.json"), { simulated: true });
    const written = writeReport(report, directory, ["md"]);
    assert.equal(written.length, 8);
    assert.match(readFileSync(join(directory, "README.md"), "utf8"), /# Tables \(SIMULATED\)/);
    const summary = JSON.parse(readFileSync(join(directory, "summary.json"), "utf8"));
    assert.equal(summary.groups[0].alignment.length, 6);
    assert.equal(summary.groups[0].matrix.r[0].length, 6);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const csv = rowsToCsv([{ personaId: "a", "CSI:Emotionality": 2.5, ok: true }, { personaId: "b, c", condition: "none", "CSI:Emotionality": null, ok: false }]);
  assert.deepEqual(csv.split("\r\n"), ["personaId,CSI:Emotionality,ok,condition", "a,2.5,true,", '"b, c",,false,none', ""]);
});
