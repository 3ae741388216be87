// Expected numbers: printed once by test/fixtures/analysis-stats/expected-stats.py (scipy 1.17.1 / numpy 2.4.6);
// the comment next to each value names the exact Python call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { principalComponents, spreadOf } from "../../lib/stats/pca";
import { allClose, close } from "./helpers";

const X = [
  [3.1, 2.9, 4.0, 1.2], [2.2, 3.5, 3.1, 2.8], [4.5, 4.1, 2.2, 3.3], [3.3, 2.0, 3.9, 1.9], [1.8, 2.7, 4.4, 2.4], [3.9, 3.8, 2.5, 3.7],
  [2.6, 3.1, 3.3, 2.2], [4.2, 4.6, 1.9, 4.1], [2.9, 2.4, 3.6, 1.5], [3.5, 3.3, 2.8, 3.0], [1.5, 2.2, 4.8, 1.1], [3.0, 3.9, 3.0, 2.6],
];

/** Principal axes have no intrinsic sign: compare up to a flip per component. */
function closeUpToSign(actual: number[][], expected: number[][], what: string): void {
  for (let component = 0; component < expected[0].length; component++) {
    const a = actual.map((row) => row[component]);
    const e = expected.map((row) => row[component]);
    const flip = Math.sign(a[0]) === Math.sign(e[0]) ? 1 : -1;
    allClose(a.map((value) => value * flip), e, 1e-6, `${what} component ${component}`);
  }
}

test("covariance PCA matches numpy SVD of the centred matrix", () => {
  // python3: Z = X - X.mean(0); U, S, Vt = numpy.linalg.svd(Z, full_matrices=False); ev = S**2/(n-1); ev/ev.sum(); Z @ Vt[:2].T
  const result = principalComponents(X);
  allClose(result.explainedVarianceRatio, [0.8446248297510219, 0.10889369235824727, 0.03494651929305328, 0.011534958597677626]);
  closeUpToSign(
    result.projections.slice(0, 3),
    [
      [1.1790416491657432, -0.7133839223638975],
      [-0.0017192878057780668, 0.9244594158012058],
      [-2.113488894058891, -0.5334728331648535],
    ],
    "projection",
  );
  closeUpToSign(
    result.loadings.map((row) => row),
    [
      [-0.4771219955221796, -0.4480427654228095, 0.5275038735692573, -0.541619742172166],
      [-0.8106341062997406, 0.36444361660336083, 0.04467393471569303, 0.45613313361090263],
    ].map((row) => row),
    "loading",
  );
  // Deterministic sign: the largest-magnitude loading of each axis is positive.
  for (const loading of result.loadings) {
    const largest = loading.reduce((best, value) => (Math.abs(value) > Math.abs(best) ? value : best), 0);
    assert.ok(largest > 0);
  }
  // python3: numpy.trace(numpy.cov(proj.T)), numpy.linalg.det(numpy.cov(proj.T)), mean norm to centroid
  const spread = spreadOf(result.projections);
  close(spread.totalVariance, 3.048153111927639);
  close(spread.generalizedVariance, 0.939900450490781);
  close(spread.meanDistanceToCentroid, 1.4986877783701236);
});

test("standardized PCA matches numpy SVD of the z-scored matrix (ddof=1)", () => {
  // python3: Z = (X - X.mean(0)) / X.std(0, ddof=1); same SVD as above
  const result = principalComponents(X, { standardize: true });
  allClose(result.explainedVarianceRatio, [0.846621060967274, 0.10555630943748065, 0.03588433060437093, 0.011938298990874336]);
  closeUpToSign(
    result.projections.slice(0, 3),
    [
      [1.264183884907079, -0.6779313408943195],
      [-0.04418151775330734, 1.0137907868224045],
      [-2.369524881053778, -0.5686503114777824],
    ],
    "projection",
  );
  const spread = spreadOf(result.projections);
  close(spread.totalVariance, 3.8087094816190206);
  close(spread.generalizedVariance, 1.4298591150039968);
  close(spread.meanDistanceToCentroid, 1.6774618523331848);
});

test("PCA refuses incomplete input", () => {
  assert.throws(() => principalComponents([[1, 2]]), /at least 2 rows/);
  assert.throws(() => principalComponents([[1, 2], [Number.NaN, 3]]), /not a finite number/);
  assert.throws(() => principalComponents(X, { components: 5 }), /components/);
});
