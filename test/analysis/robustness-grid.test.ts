import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alignmentShares, factorShifts, gStudyByColumn, rankStability, type GridScoreTable } from "../../lib/analysis/robustness-grid";
import { gStudy } from "../../lib/stats/g-study";
import { pairedShift } from "../../lib/stats/paired-shift";
import { spearman } from "../../lib/stats/spearman";

const close = (actual: number, expected: number, digits = 10) => assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} vs ${expected}`);

describe("pairedShift", () => {
  it("matches scipy's paired t interval", () => {
    // Reference: python3 (scipy 1.17.1): d = b - a; r = scipy.stats.ttest_rel(b, a); r.confidence_interval(0.95); np.std(d, ddof=1)
    const a = [3.2, 2.9, 3.8, 4.1, 2.5, 3.3, 3.9, 2.8];
    const b = [3.5, 3.0, 4.3, 4.0, 2.9, 3.9, 4.1, 3.1];
    const result = pairedShift(a, b);
    close(result.shift, 0.28750000000000003);
    close(result.low, 0.10089415880978522);
    close(result.high, 0.4741058411902148);
    close(result.sd, 0.22320714274285341);
    assert.equal(result.n, 8);
  });
  it("drops incomplete pairs and gives NaN bounds below two pairs", () => {
    assert.equal(pairedShift([1, null, 3], [2, 2, null]).n, 1);
    assert.ok(Number.isNaN(pairedShift([1], [2]).low));
  });
});

describe("spearman", () => {
  it("matches scipy's spearmanr and the Fieller-Hartley-Pearson Fisher-z interval", () => {
    // Reference: rho = scipy.stats.spearmanr(x, y).statistic; h = scipy.stats.norm.ppf(0.975) * np.sqrt(1.06 / (n - 3));
    // np.tanh(np.arctanh(rho) -+ h), n = 10 (ties in x, average ranks)
    const x = [1.2, 2.4, 3.1, 2.2, 5.0, 4.4, 3.3, 2.2, 1.9, 4.8];
    const y = [1.0, 2.9, 2.7, 2.5, 4.1, 4.6, 3.6, 1.8, 2.4, 3.9];
    const result = spearman(x, y);
    close(result.rho, 0.9300954818304988);
    close(result.low, 0.714540587721534);
    close(result.high, 0.984365715051791);
    assert.ok(Number.isNaN(spearman([1, 2], [2, 1]).rho), "fewer than 3 pairs");
  });
});

// Cells: A (a0, a1) x B (b0, b1, b2), B fastest; 5 personas, one column.
const VALUES = [
  [3.1, 2.0, 4.2, 3.3, 2.8],
  [3.4, 2.1, 4.0, 3.6, 2.9],
  [2.9, 2.5, 4.4, 3.1, 3.0],
  [3.6, 2.6, 4.5, 3.9, 3.1],
  [3.9, 2.4, 4.9, 3.8, 3.5],
  [3.3, 2.7, 4.6, 4.0, 3.2],
];
const CELLS = ["a0", "a1"].flatMap((a) => ["b0", "b1", "b2"].map((b) => ({ name: `${a}+${b}`, levels: { A: a, B: b } })));
const TABLE: GridScoreTable = { cells: CELLS, personas: ["p1", "p2", "p3", "p4", "p5"], columns: ["X:D"], values: VALUES.map((cell) => cell.map((value) => [value])) };

describe("factorShifts", () => {
  it("pairs each persona's mean over a level's cells with its mean over the reference's", () => {
    // Reference: python3 (numpy, scipy 1.17.1): a = v[ref_cells].mean(0); b = v[level_cells].mean(0);
    // scipy.stats.ttest_rel(b, a).confidence_interval(0.95), v = VALUES above (cells x personas)
    const rows = factorShifts(TABLE, [
      { factor: "A", levels: ["a0", "a1"] },
      { factor: "B", levels: ["b0", "b1", "b2"] },
    ]);
    const expected = [
      ["A", "a1", 0.4466666666666669, 0.3427816032983105, 0.5505517300350232],
      ["B", "b1", 0.1400000000000002, -0.03227388825756641, 0.31227388825756686],
      ["B", "b2", 0.06000000000000005, -0.20485598264303734, 0.32485598264303744],
    ] as const;
    assert.equal(rows.length, 3);
    expected.forEach(([factor, level, shift, low, high], index) => {
      assert.equal(rows[index].factor, factor);
      assert.equal(rows[index].level, level);
      close(rows[index].shift, shift);
      close(rows[index].low, low);
      close(rows[index].high, high);
    });
  });
  it("leaves a persona with a missing score in a compared cell out", () => {
    const values = TABLE.values.map((cell, c) => cell.map((row, p) => (c === 4 && p === 0 ? [Number.NaN] : row)));
    const [shift] = factorShifts({ ...TABLE, values }, [{ factor: "A", levels: ["a0", "a1"] }]);
    assert.equal(shift.n, 4);
  });
});

describe("rankStability", () => {
  it("correlates every other cell with the reference cell", () => {
    const rows = rankStability(TABLE, 0);
    assert.equal(rows.length, 5);
    assert.equal(rows[0].cell, "a0+b1");
    close(rows[0].rho, spearman(VALUES[0], VALUES[1]).rho);
  });
});

describe("gStudyByColumn", () => {
  it("arranges persona x facets as gStudy expects (persona slowest, the last facet fastest)", () => {
    const [column] = gStudyByColumn(TABLE, [
      { name: "A", size: 2, levelOf: (cell) => ["a0", "a1"].indexOf(cell.levels.A) },
      { name: "B", size: 3, levelOf: (cell) => ["b0", "b1", "b2"].indexOf(cell.levels.B) },
    ]);
    // Hand-laid: for each persona, cells in A-then-B order.
    const values = [0, 1, 2, 3, 4].flatMap((p) => VALUES.map((cell) => cell[p]));
    const direct = gStudy(["persona", "A", "B"], [5, 2, 3], values);
    assert.deepEqual(column.study, direct);
    assert.equal(column.personas, 5);
  });
  it("refuses cells that do not cross the facets fully", () => {
    const half: GridScoreTable = { ...TABLE, cells: TABLE.cells.slice(0, 5), values: TABLE.values.slice(0, 5) };
    assert.throws(() => gStudyByColumn(half, [{ name: "A", size: 2, levelOf: (cell) => ["a0", "a1"].indexOf(cell.levels.A) }, { name: "B", size: 3, levelOf: (cell) => ["b0", "b1", "b2"].indexOf(cell.levels.B) }]), /cross the facets fully/);
  });
});

describe("alignmentShares", () => {
  it("counts the cells in which the paired column has the largest |r| in the row", () => {
    const personas = ["p1", "p2", "p3", "p4", "p5", "p6"];
    const r = [1, 2, 3, 4, 5, 6];
    const paired = [1.1, 2.3, 2.9, 4.2, 5.1, 5.8]; // near r
    const other = [3, 1, 4, 1, 5, 9];
    // Cell 0: aligned; cell 1: the other column tracks r more closely than the paired one.
    const values = [personas.map((_, p) => [r[p], paired[p], other[p]]), personas.map((_, p) => [r[p], other[p], paired[p]])];
    const rows = alignmentShares({ cells: [{ name: "c0", levels: {} }, { name: "c1", levels: {} }], personas, columns: ["H:E", "C:E", "C:O"], values }, [{ row: "H:E", column: "C:E" }], ["C:E", "C:O"]);
    assert.deepEqual(rows, [{ row: "H:E", column: "C:E", aligned: 1, cells: 2, share: 0.5, alignedInReference: true }]);
  });
});
