// Expected numbers: printed once by test/fixtures/analysis-stats/expected-stats.py (scipy 1.17.1 / numpy 2.4.6);
// the comment next to each value names the exact Python call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chiSquareIndependence } from "../../lib/stats/chi-square";
import { allClose, close } from "./helpers";

// Expected: scipy.stats.chi2_contingency(T, correction=False) for statistic, dof, p and expected counts;
// adjusted residuals by numpy from the formula (O - E) / sqrt(E (1 - R/N) (1 - C/N));
// Cramer's V by scipy.stats.contingency.association(T, method="cramer").

test("2 x 8 condition x strategy table", () => {
  const table = [
    [120, 14, 52, 11, 130, 75, 4, 37],
    [71, 45, 49, 46, 92, 62, 21, 47],
  ];
  const result = chiSquareIndependence(table);
  close(result.statistic, 70.82278450420391);
  assert.equal(result.degreesOfFreedom, 7);
  close(result.p, 1.0073121033652459e-12);
  close(result.expected[0][0], 96.59018264840182);
  allClose(
    result.adjustedResiduals[0],
    [3.831302154561035, -4.270115222814892, 0.19540839842930116, -4.883923488193748, 2.7550163541537978, 1.0638362156531973, -3.507718260390262, -1.2576078667133896],
  );
  allClose(
    result.adjustedResiduals[1],
    [-3.831302154561035, 4.270115222814892, -0.1954083984293012, 4.883923488193748, -2.7550163541537978, -1.0638362156531973, 3.507718260390263, 1.2576078667133899],
  );
  close(result.cramersV, 0.2843376997800582);
});

test("3 x 4 table", () => {
  const result = chiSquareIndependence([
    [10, 20, 30, 15],
    [25, 10, 12, 18],
    [8, 14, 20, 30],
  ]);
  close(result.statistic, 29.124089838643478);
  assert.equal(result.degreesOfFreedom, 6);
  close(result.p, 5.763378995044776e-5);
  close(result.expected[0][0], 15.212264150943396);
  allClose(result.adjustedResiduals[1], [4.377062368320442, -1.2820451657040455, -2.29524959756049, -0.42893687073412495]);
  close(result.cramersV, 0.26208565609143153);
});

test("bad tables are refused with a reason", () => {
  assert.throws(() => chiSquareIndependence([[1, 2]]), /at least 2 rows/);
  assert.throws(() => chiSquareIndependence([[1, 0], [2, 0]]), /column 1/);
  assert.throws(() => chiSquareIndependence([[1, -2], [2, 3]]), /non-negative/);
});
