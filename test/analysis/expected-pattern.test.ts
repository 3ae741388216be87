import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkExpectedPattern } from "../../lib/analysis/expected-pattern";
import { DataError } from "../../lib/errors";
import { applyPairing, expectedPairs } from "../../lib/inventory/index";
import type { CorrelationMatrix } from "../../lib/stats/correlation-matrix";
import { expectedPatternTable } from "../../lib/tables/expected-pattern-table";

// The HEXACO-60 x IPIP-NEO-120 pattern found in human samples (lib/inventory/pairings/hexaco60-ipip-neo-120.json:
// Ashton & Lee 2007; Ashton, Lee et al. 2023), kept as signs and words, checked beside a model's correlations.

const pairs = expectedPairs("hexaco60", "ipip-neo-120");

/** A matrix of the pairing's rows x columns with r (and a +-0.15 interval) from `value(row, column)`. */
function matrix(value: (row: string, column: string) => number): CorrelationMatrix {
  return {
    rowVariables: pairs.rows.columns,
    columnVariables: pairs.columns.columns,
    correction: "none",
    cells: pairs.rows.domains.map((row, i) =>
      pairs.columns.domains.map((column, j) => {
        const r = value(row, column);
        return { rowVariable: pairs.rows.columns[i], columnVariable: pairs.columns.columns[j], r, low: r - 0.15, high: r + 0.15, p: 0.01, n: 150 };
      }),
    ),
  };
}

const HUMAN_LIKE: Record<string, number> = {
  "Extraversion/Extraversion": 0.7,
  "Conscientiousness/Conscientiousness": 0.7,
  "Openness to Experience/Openness To Experience": 0.7,
  "Emotionality/Neuroticism": 0.5,
  "Agreeableness/Agreeableness": 0.5,
  "Agreeableness/Neuroticism": -0.35,
  "Honesty-Humility/Agreeableness": 0.3,
};
const humanLike = (row: string, column: string) => HUMAN_LIKE[`${row}/${column}`] ?? 0;

describe("expected HEXACO-60 x IPIP-NEO-120 pattern", () => {
  test("the pairing file keeps the issue's pattern with its citation: 5 pairs, 7 expectations", () => {
    assert.match(pairs.citation ?? "", /Ashton.*Lee.*2007/);
    assert.match(pairs.citation ?? "", /10\.1080\/00223891\.2023\.2229427/);
    assert.equal(pairs.pairs.length, 5);
    assert.deepEqual(
      pairs.expected?.map((entry) => `${entry.row}/${entry.column}/${entry.sign}/${entry.largestInRow}`),
      [
        "Extraversion/Extraversion/positive/true",
        "Conscientiousness/Conscientiousness/positive/true",
        "Openness to Experience/Openness To Experience/positive/true",
        "Emotionality/Neuroticism/positive/true",
        "Agreeableness/Agreeableness/positive/true",
        "Agreeableness/Neuroticism/negative/false",
        "Honesty-Humility/Agreeableness/positive/false",
      ],
    );
  });

  test("a human-like matrix: every expectation holds", () => {
    const rows = checkExpectedPattern(matrix(humanLike), pairs);
    assert.deepEqual(rows.map((row) => row.holds), [true, true, true, true, true, true, true]);
    const table = expectedPatternTable(rows, { labels: { rows: "HEXACO", columns: "IPIP-NEO" }, citation: pairs.citation });
    assert.match(table.notes?.[0] ?? "", /^7 of 7 expected convergences hold/);
  });

  test("a wrong sign, an interval across 0 and a stronger other correlate each fail, with the reason", () => {
    const broken = (row: string, column: string) => {
      if (row === "Agreeableness" && column === "Neuroticism") return 0.35; // wrong sign
      if (row === "Honesty-Humility" && column === "Agreeableness") return 0.1; // CI -.05 to .25 includes 0
      if (row === "Extraversion" && column === "Openness To Experience") return 0.8; // stronger than the namesake
      return humanLike(row, column);
    };
    const rows = checkExpectedPattern(matrix(broken), pairs);
    const verdict = Object.fromEntries(rows.map((row) => [`${row.row}/${row.column}`, [row.holds, row.reason]]));
    assert.deepEqual(verdict["Agreeableness/Neuroticism"], [false, "95% CI does not lie below 0"]);
    assert.deepEqual(verdict["Honesty-Humility/Agreeableness"], [false, "95% CI does not lie above 0"]);
    assert.deepEqual(verdict["Extraversion/Extraversion"], [false, "not the strongest correlate of its row"]);
    assert.equal(rows.find((row) => row.row === "Extraversion")?.strongest, "Openness To Experience");
    assert.equal(rows.filter((row) => row.holds).length, 4);
  });

  test("read for the swapped pair (IPIP-NEO-120 rows), expectations are transposed; a bad entry names its record", () => {
    const swapped = expectedPairs("ipip-neo-120", "hexaco60");
    assert.deepEqual(swapped.expected?.[5], { row: "Neuroticism", column: "Agreeableness", sign: "negative", largestInRow: false });
    const raw = { rows: { inventory: "hexaco60", order: pairs.rows.domains }, columns: { inventory: "ipip-neo-120", order: pairs.columns.domains }, pairs: [], expected: [{ row: "Extraversion", column: "Surgency", sign: "positive" }] };
    assert.throws(
      () => applyPairing(raw, "made-up.json", "hexaco60", "ipip-neo-120"),
      (error: unknown) => error instanceof DataError && error.location.record === "expected[0]" && error.location.field === "column" && /Surgency/.test(error.message),
    );
  });
});
