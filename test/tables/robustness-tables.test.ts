import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gStudyByColumn, type GridScoreTable } from "../../lib/analysis/robustness-grid";
import { factorShiftTable, gStudyTable } from "../../lib/tables/robustness-tables";

// Two cells x four personas: identical scores (every component but persona is 0 up to rounding), and a table
// where the factor's estimate is negative (persona x factor larger than the factor's mean square allows).
const table = (values: number[][]): GridScoreTable => ({
  cells: [
    { name: "paper", levels: { labels: "digits" } },
    { name: "labels-words", levels: { labels: "words" } },
  ],
  personas: ["a", "b", "c", "d"],
  columns: ["X:Domain"],
  values: values.map((cell) => cell.map((value) => [value])),
});
const facets = [{ name: "labels", size: 2, levelOf: (cell: { levels: Readonly<Record<string, string>> }) => (cell.levels.labels === "digits" ? 0 : 1) }];

describe("robustness tables", () => {
  it("marks a negative G-study estimate set to 0, not a rounding-size one", () => {
    const same = gStudyTable(gStudyByColumn(table([[3.1, 2.2, 4.7, 1.3], [3.1, 2.2, 4.7, 1.3]]), facets), { simulated: true });
    assert.deepEqual(same.rows.map((row) => row.setToZero), ["", "", ""]);
    assert.match(same.notes.join(" "), /No negative estimate/);
    // Crossing changes: the labels mean square (0) is below the residual's, so its estimate is negative.
    const crossed = gStudyTable(gStudyByColumn(table([[1, 2, 3, 4], [2, 1, 4, 3]]), facets), { simulated: true });
    const labels = crossed.rows.find((row) => row.effect === "labels")!;
    assert.equal(labels.setToZero, "yes");
    assert.equal(labels.variance, 0);
    assert.match(crossed.notes.join(" "), /Negative estimates set to 0 .*Domain: labels/);
  });

  it("writes each shift with its interval and whether it excludes 0", () => {
    const shifts = factorShiftTable([{ factor: "labels", level: "words", reference: "digits", column: "X:Domain", shift: 0.25, low: 0.1, high: 0.4, sd: 0.2, n: 4, cellsPerLevel: 1 }], [], {});
    assert.deepEqual(shifts.rows[0], { factor: "labels", level: "words", reference: "digits", inventory: "X", domain: "Domain", shift: 0.25, low: 0.1, high: 0.4, ci: "[0.100, 0.400]", excludesZero: "yes", n: 4 });
  });
});
