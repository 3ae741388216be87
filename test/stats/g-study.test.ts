import assert from "node:assert/strict";
import { test } from "node:test";
import { gStudy } from "../../lib/stats/g-study";

// A persona x a x b random design, one observation per cell (5 x 2 x 3), made and analysed by Debian's
// python3-statsmodels 0.13.5 (/usr/bin/python3):
//   rng = np.random.default_rng(7); y[p,a,b] = round(3 + pe[p] + ae[a] + be[b] + N(0,.4), 3) with pe ~ N(0,1) (5),
//   ae ~ N(0,.5) (2), be ~ N(0,.3) (3), drawn in that order;
//   anova_lm(smf.ols("y ~ (C(p) + C(a) + C(b))**2", data=df).fit(), typ=1)   # residual = p x a x b
// and the variance components from those mean squares by the p x i x o EMS solutions of Brennan (2001), e.g.
//   s_p = (MSp - MSpa - MSpb + MSres) / (A*B), s_pa = (MSpa - MSres) / B, s_pab = MSres.
const VALUES = [3.103, 2.5, 2.361, 3.061, 2.872, 3.123, 2.667, 2.472, 1.856, 3.215, 2.444, 3.049, 2.125, 2.191, 2.107, 3.083, 1.602, 2.354, 1.996, 1.511, 0.815, 2.35, 1.6, 1.63, 2.876, 1.579, 1.85, 3.331, 2.194, 2.345];

const STATSMODELS: Record<string, { df: number; ss: number; ms: number }> = {
  p: { df: 4, ss: 4.853425533333333, ms: 1.2133563833333332 },
  a: { df: 1, ss: 1.299584533333335, ms: 1.299584533333335 },
  b: { df: 2, ss: 2.899769266666667, ms: 1.4498846333333335 },
  "p x a": { df: 4, ss: 0.12342846666666663, ms: 0.030857116666666656 },
  "p x b": { df: 8, ss: 0.7218370666666679, ms: 0.09022963333333349 },
  "a x b": { df: 2, ss: 0.47155086666666546, ms: 0.23577543333333273 },
  "p x a x b (residual)": { df: 8, ss: 0.804716133333333, ms: 0.10058951666666663 },
};
const COMPONENTS: Record<string, number> = {
  p: 0.19880985833333328,
  a: 0.07556943333333346,
  b: 0.12244690833333341,
  "p x a": -0.023244133333333323,
  "p x b": -0.00517994166666657,
  "a x b": 0.02703718333333322,
  "p x a x b (residual)": 0.10058951666666663,
};

test("G study: sums of squares, mean squares and variance components match statsmodels and Brennan's EMS", () => {
  const study = gStudy(["p", "a", "b"], [5, 2, 3], VALUES);
  assert.deepEqual(study.effects.map((effect) => effect.name), Object.keys(STATSMODELS));
  for (const effect of study.effects) {
    const expected = STATSMODELS[effect.name];
    assert.equal(effect.df, expected.df, effect.name);
    assert.ok(Math.abs(effect.sumOfSquares - expected.ss) < 1e-9, `${effect.name} SS ${effect.sumOfSquares} vs ${expected.ss}`);
    assert.ok(Math.abs(effect.meanSquare - expected.ms) < 1e-9, `${effect.name} MS`);
    assert.ok(Math.abs(effect.unconstrained - COMPONENTS[effect.name]) < 1e-9, `${effect.name} component ${effect.unconstrained} vs ${COMPONENTS[effect.name]}`);
  }
  // Negative estimates are reported as 0 and said.
  const negative = study.effects.filter((effect) => effect.negative).map((effect) => effect.name);
  assert.deepEqual(negative, ["p x a", "p x b"]);
  for (const effect of study.effects) assert.ok(Math.abs(effect.variance - Math.max(0, COMPONENTS[effect.name])) < 1e-9, effect.name);
  const total = Object.values(COMPONENTS).reduce((sum, value) => sum + Math.max(0, value), 0);
  assert.ok(Math.abs(study.total - total) < 1e-9);
  assert.ok(Math.abs(study.effects.reduce((sum, effect) => sum + effect.share, 0) - 1) < 1e-12);
});

test("G study: an unbalanced or one-level design is refused", () => {
  assert.throws(() => gStudy(["p", "a"], [5, 1], [1, 2, 3, 4, 5]), /at least 2 levels/);
  assert.throws(() => gStudy(["p", "a"], [3, 2], [1, 2, 3]), /balanced/);
});
