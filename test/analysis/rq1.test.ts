import { test } from "node:test";
import assert from "node:assert/strict";
import { alignmentCheck, rq1Correlations, rq1CorrelationsByGroup } from "../../lib/analysis/rq1-correlations";
import { rq1Summary } from "../../lib/questions/rq1/rq1-summary";
import { rowsOf } from "../../lib/analysis/rows";
import { close } from "../stats/helpers";
import { fixture } from "./fixtures";

type Row = Record<string, unknown>;
const rows = fixture<Row[]>("scores.json");

// Expected values: test/fixtures/analysis-stats/expected.py, i.e. scipy.stats.pearsonr(a, b) on the complete
// pairs of each HEXACO x CSI column pair and .confidence_interval(0.95) (scipy 1.17.1). [r, p, low, high, n]
const EXPECTED: Record<string, [number, number, number, number, number][]> = {
  Extraversion: [
    [0.605365384015692, 4.326700195310027e-9, 0.4424362897751109, 0.7296087783481782, 78],
    [-0.15737311570926055, 0.16881134777074638, -0.3670496610380027, 0.06752229528715305, 78],
    [0.0646059262061768, 0.5716189930447466, -0.1587725481840305, 0.2816923410208512, 79],
    [-0.22748981523765208, 0.04377231648849575, -0.42711612053185766, -0.0067172958440258855, 79],
    [-0.22427668595820624, 0.04691883929578617, -0.42434391215258066, -0.003331492544757402, 79],
    [0.24022653695654073, 0.03296734806576576, 0.020188478173206167, 0.4380682489117465, 79],
  ],
  Agreeableness: [
    [0.02212915434962328, 0.846507229146265, -0.1999596472698244, 0.24205518349740407, 79],
    [0.21127956636447587, 0.061605924164575075, -0.010312600012967629, 0.4130919206577652, 79],
    [-0.7247247159123543, 2.968532012119211e-14, -0.8147116078880448, -0.6006522373709098, 80],
    [0.06905867970856136, 0.5427328517214295, -0.15297942821691807, 0.28445937178616587, 80],
    [0.10179850312869584, 0.36890810123046347, -0.12061619758644367, 0.3144814397566962, 80],
    [0.15003015894400837, 0.18407139601013925, -0.0720622074317166, 0.3579476124474429, 80],
  ],
  "Honesty-Humility": [
    [-0.14205376114188578, 0.2117306628201223, -0.3521047075455683, 0.08162029869322548, 79],
    [-0.026598696692964715, 0.8160042511265375, -0.246260777682975, 0.1956624445912342, 79],
    [0.17158352615571615, 0.1280475279873672, -0.050019079298412254, 0.3770844153661453, 80],
    [-0.11090655327811969, 0.32738649468046915, -0.32275845728031344, 0.11152806362296382, 80],
    [0.14624259279199459, 0.19552082660508172, -0.07591355536176746, 0.35456656717523594, 80],
    [-0.6755846730491982, 6.223236299294209e-12, -0.7795824087485003, -0.5353308840190073, 80],
  ],
};

test("RQ1 matrix agrees with scipy.stats.pearsonr to 1e-6 (r, p, CI, n)", () => {
  const matrix = rq1Correlations(rows);
  assert.equal(matrix.rowVariables[0], "HEXACO-60:Extraversion");
  assert.equal(matrix.columnVariables[5], "CSI:Impression Manipulativeness");
  for (const [domain, expectedRow] of Object.entries(EXPECTED)) {
    const rowIndex = matrix.rowVariables.indexOf(`HEXACO-60:${domain}`);
    expectedRow.forEach(([r, p, low, high, n], column) => {
      const cell = matrix.cells[rowIndex][column];
      const where = `${domain} x ${matrix.columnVariables[column]}`;
      close(cell.r, r, 1e-6, `${where} r`);
      close(cell.p, p, 1e-6, `${where} p`);
      close(cell.low, low, 1e-6, `${where} low`);
      close(cell.high, high, 1e-6, `${where} high`);
      assert.equal(cell.n, n, `${where} n`);
    });
  }
});

test("Holm and BH over the 36 cells agree with the independent implementation", () => {
  // expected.py: Holm by hand over all 36 p-values (row-major); scipy.stats.false_discovery_control(p, method="bh")
  const holm = rq1Correlations(rows, { correction: "holm" }).cells[0].map((cell) => cell.adjustedP!);
  [1.427811064452309e-7, 1.0, 1.0, 1.0, 1.0, 0.9230857458414413].forEach((value, index) => close(holm[index], value));
  const bh = rq1Correlations(rows, { correction: "bh" }).cells[0].map((cell) => cell.adjustedP!);
  [3.894030175779025e-8, 0.3464683573420183, 0.7095959913658924, 0.15355256496802747, 0.15355256496802747, 0.13186939226306305].forEach(
    (value, index) => close(bh[index], value),
  );
});

test("alignment check: each HEXACO domain's strongest |r| against its paired CSI domain", () => {
  const alignment = alignmentCheck(rq1Correlations(rows));
  const byDomain = Object.fromEntries(alignment.map((row) => [row.hexacoDomain, row]));
  // From the scipy matrix: Extraversion's strongest is Expressiveness (.61), Agreeableness's is Verbal
  // Aggressiveness (-.72), Honesty-Humility's is Impression Manipulativeness (-.68), Emotionality's is Emotionality.
  assert.equal(byDomain.Extraversion.aligned, true);
  assert.equal(byDomain.Agreeableness.strongestColumn, "CSI:Verbal Aggressiveness");
  assert.equal(byDomain["Honesty-Humility"].aligned, true);
  assert.equal(byDomain.Emotionality.pairedColumn, "CSI:Emotionality");
  assert.ok(alignment.every((row) => row.aligned));
});

test("alignment check flags a row whose strongest correlation is elsewhere", () => {
  // Swap two CSI columns so that Extraversion's strongest partner is no longer Expressiveness.
  const swapped = rows.map((row) => ({ ...row, "CSI:Expressiveness": row["CSI:Preciseness"], "CSI:Preciseness": row["CSI:Expressiveness"] }));
  const alignment = alignmentCheck(rq1Correlations(swapped));
  assert.equal(alignment[0].aligned, false);
  assert.equal(alignment[0].strongestColumn, "CSI:Preciseness");
});

test("grouping by dataset and model gives one matrix per group", () => {
  const groups = rq1CorrelationsByGroup(rows);
  assert.deepEqual(
    groups.map((group) => group.label),
    ["esconv / sim-model", "cams / sim-model"],
  );
  assert.equal(groups[0].personas, 40);
  // expected.py: scipy.stats.pearsonr on the esconv rows only
  const cell = groups[0].matrix.cells[0][0];
  close(cell.r, 0.6923735524255203);
  close(cell.p, 1.0442342249541065e-6);
  close(cell.low, 0.48219465320991156);
  close(cell.high, 0.8271869345731928);
  const cams = groups[1].matrix.cells[5][5];
  close(cams.r, -0.6490255059195579);
  close(cams.p, 5.896880660494323e-6);
});

test("a DataFrame-shaped input gives the same matrix as plain rows", () => {
  const columns = Object.keys(rows[0]);
  const frameLike = { columns, values: rows.map((row) => columns.map((column) => (row[column] === null ? Number.NaN : row[column]))) };
  const fromFrame = rq1Correlations(frameLike);
  close(fromFrame.cells[0][0].r, 0.605365384015692);
  assert.equal(fromFrame.cells[0][0].n, 78);
  assert.equal(rowsOf(frameLike).length, 80);
});

test("non-numeric scores are refused with the persona and column named", () => {
  const bad = rows.map((row, index) => (index === 2 ? { ...row, "CSI:Preciseness": "high" } : row));
  assert.throws(() => rq1Correlations(bad), (error: Error) => error.name === "DataError" && /esconv:2/.test(error.message) && /CSI:Preciseness/.test(error.message));
});

test("summary JSON holds the matrix and the alignment per row", () => {
  const summary = rq1Summary(rq1CorrelationsByGroup(rows), { simulated: true });
  const text = JSON.parse(JSON.stringify(summary));
  assert.equal(text.question, "rq1");
  assert.equal(text.simulated, true);
  assert.equal(text.groups.length, 2);
  assert.equal(text.groups[0].matrix.r.length, 6);
  assert.equal(text.groups[0].alignment.length, 6);
  assert.equal(typeof text.groups[0].allAligned, "boolean");
});

test("a grouping field that no row has is ignored", () => {
  const withoutModel = rows.map(({ model: _model, ...rest }) => rest);
  const groups = rq1CorrelationsByGroup(withoutModel);
  assert.deepEqual(groups.map((group) => group.label), ["esconv", "cams"]);
  assert.deepEqual(groups[0].group, { dataset: "esconv" });
  const single = rq1CorrelationsByGroup(withoutModel, { groupBy: ["model"] });
  assert.equal(single.length, 1);
  assert.equal(single[0].label, "all");
  assert.equal(single[0].personas, 80);
});
