import { test } from "node:test";
import assert from "node:assert/strict";
import { minimumDetectableCorrelation, powerNote } from "../../lib/stats/correlation-power";

// Reference values: python3 -c "import numpy as np; from scipy.stats import norm;
//   print([round(float(np.tanh((norm.ppf(0.975)+norm.ppf(0.8))/np.sqrt(n-3))), 6) for n in (20, 100, 730)])"
// -> [0.591184, 0.277026, 0.103533]
test("the smallest |r| detectable at 80% power (two-sided alpha .05), Fisher z", () => {
  assert.ok(Math.abs(minimumDetectableCorrelation(20) - 0.591184) < 1e-5);
  assert.ok(Math.abs(minimumDetectableCorrelation(100) - 0.277026) < 1e-5);
  assert.ok(Math.abs(minimumDetectableCorrelation(730) - 0.103533) < 1e-5);
  assert.ok(Number.isNaN(minimumDetectableCorrelation(3)));
  assert.match(powerNote(100), /n = 100, the smallest \|r\| detected with 80% power is \.28/);
});
