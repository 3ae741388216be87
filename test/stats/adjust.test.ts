// Expected numbers: printed once by test/fixtures/analysis-stats/expected-stats.py (scipy 1.17.1 / numpy 2.4.6);
// the comment next to each value names the exact Python call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { adjustPValues, benjaminiHochberg, holm } from "../../lib/stats/adjust";
import { allClose } from "./helpers";

const p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.041];

test("Holm matches a by-hand numpy implementation", () => {
  // python3: o = argsort(p); adjusted[o[i]] = running max of min(1, (m - i) * p[o[i]])
  allClose(holm(p), [0.06, 0.16, 0.15, 0.035, 0.4, 0.5, 0.16]);
});

test("Benjamini-Hochberg matches scipy.stats.false_discovery_control(p, method='bh')", () => {
  allClose(benjaminiHochberg(p), [0.035, 0.0574, 0.0574, 0.035, 0.23333333333333336, 0.5, 0.0574]);
});

test("NaN p-values stay NaN and do not count in the family", () => {
  const adjusted = holm([0.01, Number.NaN, 0.02]);
  assert.ok(Number.isNaN(adjusted[1]));
  allClose([adjusted[0], adjusted[2]], [0.02, 0.02]);
  assert.deepEqual(adjustPValues([0.3], "none"), [0.3]);
  assert.throws(() => holm([1.5]), /outside/);
});
