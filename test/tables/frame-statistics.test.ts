import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { toDataFrame } from "../../lib/tables/data-frame";
import { columnKind, correlationFrame, describeFrame, groupMean, numericColumns, selectColumns } from "../../lib/tables/frame-statistics";
import { frameTable } from "../../lib/tables/frame-table";
import { toHtml } from "../../lib/tables/html";
import { score, corr } from "../../lib/notebook/explore";

// Score rows as the pipeline makes them: ids, text, booleans and numbers, with a missing score.
const rows = [
  { personaId: "p1", dataset: "esconv", simulated: true, provider: "sim", model: "sim", "HEXACO-60:Extraversion": 1.5, "CSI:Expressiveness": 2.0, invalidAnswers: 0, missingAnswers: 0 },
  { personaId: "p2", dataset: "esconv", simulated: true, provider: "sim", model: "sim", "HEXACO-60:Extraversion": 2.0, "CSI:Expressiveness": 1.0, invalidAnswers: 1, missingAnswers: 0 },
  { personaId: "p3", dataset: "cams", simulated: true, provider: "sim", model: "sim", "HEXACO-60:Extraversion": 3.25, "CSI:Expressiveness": 4.5, invalidAnswers: 0, missingAnswers: 0 },
  { personaId: "p4", dataset: "cams", simulated: true, provider: "sim", model: "sim", "HEXACO-60:Extraversion": 4.0, "CSI:Expressiveness": 3.0, invalidAnswers: 0, missingAnswers: 0 },
  { personaId: "p5", dataset: "cams", simulated: true, provider: "sim", model: "sim", "HEXACO-60:Extraversion": null, "CSI:Expressiveness": null, invalidAnswers: 12, missingAnswers: 0 },
];

test("numeric columns leave out ids, text and booleans; a prefix selects a family of domains", () => {
  const frame = toDataFrame(rows);
  assert.equal(columnKind(frame, "simulated"), "boolean");
  assert.equal(columnKind(frame, "personaId"), "text");
  assert.deepEqual(numericColumns(frame), ["HEXACO-60:Extraversion", "CSI:Expressiveness", "invalidAnswers", "missingAnswers"]);
  assert.deepEqual(numericColumns(frame, "CSI"), ["CSI:Expressiveness"]);
  assert.deepEqual(selectColumns(frame).columns, numericColumns(frame));
});

test("describe skips missing values and matches numpy (mean, std ddof=1, linear quartiles)", () => {
  // numpy: x = [1.5, 2.0, 3.25, 4.0]; x.mean() 2.6875, x.std(ddof=1) 1.143368561167687,
  // np.percentile(x, [25, 50, 75]) -> [1.875, 2.625, 3.4375]
  const described = describeFrame(score(rows));
  const column = described.columns.indexOf("HEXACO-60:Extraversion");
  const value = (statistic: string) => (described.values[described.index.indexOf(statistic)] as number[])[column];
  assert.equal(value("count"), 4);
  assert.equal(value("missing"), 1);
  assert.ok(Math.abs(value("mean") - 2.6875) < 1e-12);
  assert.ok(Math.abs(value("std") - 1.143368561167687) < 1e-12);
  assert.deepEqual([value("25%"), value("50%"), value("75%")], [1.875, 2.625, 3.4375]);
  assert.ok(!described.columns.includes("simulated"), "booleans are not described");
});

test("groupMean averages present values only, per group, with the group size", () => {
  const means = groupMean(score(rows), "dataset");
  assert.deepEqual(means.columns.slice(0, 3), ["dataset", "n", "HEXACO-60:Extraversion"]);
  assert.deepEqual(means.values.map((row) => (row as unknown[]).slice(0, 3)), [
    ["esconv", 2, 1.75],
    ["cams", 3, 3.625], // the missing score of p5 is skipped, not counted as 0
  ]);
});

test("correlations use pairwise complete rows and match scipy", () => {
  // scipy.stats.pearsonr([1.5, 2.0, 3.25, 4.0], [2.0, 1.0, 4.5, 3.0])[0] = 0.6651165406600874
  const frame = score(rows);
  const r = correlationFrame(frame, ["HEXACO-60:Extraversion"], ["CSI:Expressiveness"]);
  assert.ok(Math.abs((r.values[0] as number[])[0] - 0.6651165406600874) < 1e-12);
  const result = corr(frame, { rows: "HEXACO-60", columns: "CSI" });
  assert.ok(Math.abs(result.matrix.cells[0][0].r - 0.6651165406600874) < 1e-12);
  assert.equal(result.matrix.cells[0][0].n, 4);
  assert.equal(result.alignment, null, "alignment needs the full 6 x 6 matrix");
  assert.throws(() => corr(frame, { rows: "HEXACO", colums: "CSI" } as never), /corr: unknown option "colums" \(did you mean "columns"\?\)/);
  assert.throws(() => corr(frame, { rows: "BFI" }), /no numeric column starts with "BFI"/);
});

test("score indexes by persona and keeps provenance outside the columns; show renders all columns, rounded, with the count", () => {
  const frame = score(rows);
  assert.deepEqual(frame.index, ["p1", "p2", "p3", "p4", "p5"]);
  assert.ok(!frame.columns.includes("simulated") && !frame.columns.includes("provider") && !frame.columns.includes("personaId"));
  const table = frameTable(frame, { limit: 2 });
  assert.equal(table.simulated, true);
  assert.match(table.title, /scores: 5 rows x 5 columns \(first 2 shown\) · sim:sim/);
  assert.equal(table.rows.length, 2);
  assert.equal(table.rows[0]["HEXACO-60:Extraversion"], "1.500");
  assert.match(toHtml(table), /SIMULATED/);
  assert.match(inspect(frame), /^DataFrame SIMULATED \[5 rows x 5 columns\]: dataset \(string\), HEXACO-60:Extraversion/);
  assert.ok(inspect(frame).length < 400, "a plain print is one short paragraph, not danfojs internals");
});

test("toDataFrame fails clearly on nothing and converts stage results", () => {
  assert.throws(() => toDataFrame(undefined as never), /toDataFrame: got undefined; pass an array of rows, a stage result/);
  assert.throws(() => toDataFrame([1, 2] as never), /row 0 is 1, not an object/);
  assert.throws(() => toDataFrame(rows, { index: "id" }), /index column "id" not found/);
  const stage = { rows: [{ id: "a", status: "ok", turns: [{ speaker: "seeker" }] }], simulated: true, summary: { stage: "x", provider: "sim", model: "m" } };
  const frame = toDataFrame(stage as never);
  assert.deepEqual(frame.values, [["a", "ok", '[{"speaker":"seeker"}]']]);
});
