// Expected numbers: printed once by test/fixtures/analysis-stats/expected-stats.py (scipy 1.17.1 / numpy 2.4.6);
// the comment next to each value names the exact Python call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { binomialTest, signTest } from "../../lib/stats/sign-test";
import { close } from "./helpers";

test("two-sided exact binomial p matches scipy.stats.binomtest(k, n, p).pvalue", () => {
  const cases: [number, number, number, number][] = [
    [19, 36, 0.5, 0.8679394004284404],
    [0, 10, 0.5, 0.001953125],
    [7, 20, 0.5, 0.26317596435546875],
    [38, 73, 0.5, 0.8151212352249976],
    [13, 20, 0.3, 0.0020768022671963393],
    [2, 20, 0.3, 0.05262794872972706],
    [20, 20, 0.5, 1.9073486328125e-6],
  ];
  for (const [k, n, p, expected] of cases) close(binomialTest(k, n, p), expected, 1e-6, `binomtest(${k}, ${n}, ${p})`);
});

test("sign test drops ties", () => {
  const result = signTest(19, 17, 14);
  assert.equal(result.ties, 14);
  // scipy.stats.binomtest(19, 36).pvalue
  close(result.p, 0.8679394004284404);
  assert.equal(signTest(0, 0, 5).p, 1);
});
