/**
 * A generalizability-theory G study for a balanced, fully crossed random-effects design (docs/robustness.md):
 * persona x factor_1 x ... x factor_k, one observation per cell. Every effect (every non-empty subset of the
 * facets) gets its ANOVA sum of squares, degrees of freedom and mean square, and a variance component from the
 * expected mean squares, EMS(E) = sum over effects G containing E of (product of the sizes of the facets not in G)
 * x sigma^2(G), solved from the highest-order effect down (Brennan 2001, Generalizability Theory, ch. 3). The
 * highest-order interaction is confounded with the residual. Estimates are the unconstrained ANOVA solution; a
 * negative one is reported as 0 with `negative: true` (the unconstrained value kept in `unconstrained`).
 * Pure; checked against statsmodels' anova_lm in test/stats/g-study.test.ts.
 */

export interface GStudyEffect {
  /** The facets of the effect, in design order ("persona", "persona x option order", ...). */
  facets: string[];
  name: string;
  sumOfSquares: number;
  df: number;
  meanSquare: number;
  /** The variance component, negative estimates set to 0. */
  variance: number;
  /** The ANOVA estimate before setting a negative one to 0. */
  unconstrained: number;
  negative: boolean;
  /** Share of the total variance (sum of the components after setting negatives to 0). */
  share: number;
}

export interface GStudy {
  facets: string[];
  sizes: number[];
  effects: GStudyEffect[];
  total: number;
}

/**
 * The G study of `values`, a full array indexed in `facets` order (values[i0][i1]...[ik] flattened row-major, the
 * last facet fastest), with `sizes[f]` levels per facet. Throws on a size below 2 or a wrong length.
 */
export function gStudy(facets: readonly string[], sizes: readonly number[], values: readonly number[]): GStudy {
  if (facets.length !== sizes.length || facets.length === 0) throw new Error("gStudy: one size per facet");
  if (sizes.some((size) => !Number.isInteger(size) || size < 2)) throw new Error("gStudy: every facet needs at least 2 levels");
  const cells = sizes.reduce((product, size) => product * size, 1);
  if (values.length !== cells) throw new Error(`gStudy: expected ${cells} values (a balanced, fully crossed design), got ${values.length}`);
  if (values.some((value) => !Number.isFinite(value))) throw new Error("gStudy: every cell needs a finite value (balanced design)");
  const k = facets.length;
  const strides = sizes.map((_, f) => sizes.slice(f + 1).reduce((product, size) => product * size, 1));
  const grand = values.reduce((sum, value) => sum + value, 0) / cells;

  // Marginal means over the facets not in `mask` (mask: bit f set = facet f kept), indexed by the kept levels.
  const marginal = new Map<number, Float64Array>();
  const indexIn = (mask: number, cell: number) => {
    let index = 0;
    for (let f = 0; f < k; f++) if (mask & (1 << f)) index = index * sizes[f] + (Math.floor(cell / strides[f]) % sizes[f]);
    return index;
  };
  const sizeOf = (mask: number) => sizes.reduce((product, size, f) => (mask & (1 << f) ? product * size : product), 1);
  for (let mask = 0; mask < 1 << k; mask++) {
    const sums = new Float64Array(sizeOf(mask));
    for (let cell = 0; cell < cells; cell++) sums[indexIn(mask, cell)] += values[cell];
    const per = cells / sums.length;
    marginal.set(mask, sums.map((sum) => sum / per));
  }

  // Effect estimates by inclusion-exclusion of marginal means; SS = (cells / levels of the effect) x sum of squares.
  const masks = Array.from({ length: (1 << k) - 1 }, (_, index) => index + 1);
  const raw = new Map<number, { ss: number; df: number; ms: number }>();
  for (const mask of masks) {
    const levels = sizeOf(mask);
    let ss = 0;
    for (let level = 0; level < levels; level++) {
      // The level's index per kept facet.
      const keptFacets = [...Array(k).keys()].filter((f) => mask & (1 << f));
      const digits: number[] = [];
      let rest = level;
      for (let position = keptFacets.length - 1; position >= 0; position--) {
        digits[position] = rest % sizes[keptFacets[position]];
        rest = Math.floor(rest / sizes[keptFacets[position]]);
      }
      let effect = 0;
      for (let sub = mask; ; sub = (sub - 1) & mask) {
        let index = 0;
        keptFacets.forEach((f, position) => {
          if (sub & (1 << f)) index = index * sizes[f] + digits[position];
        });
        const sign = (popcount(mask) - popcount(sub)) % 2 === 0 ? 1 : -1;
        effect += sign * (sub === 0 ? grand : marginal.get(sub)![index]);
        if (sub === 0) break;
      }
      ss += effect * effect;
    }
    ss *= cells / levels;
    const df = sizes.reduce((product, size, f) => (mask & (1 << f) ? product * (size - 1) : product), 1);
    raw.set(mask, { ss, df, ms: ss / df });
  }

  // Variance components from the EMS, highest-order effect first (unconstrained estimates throughout).
  const unconstrained = new Map<number, number>();
  const full = (1 << k) - 1;
  for (const mask of [...masks].sort((a, b) => popcount(b) - popcount(a))) {
    let rest = raw.get(mask)!.ms;
    for (const higher of masks) {
      if (higher === mask || (higher & mask) !== mask) continue;
      rest -= (cells / sizeOf(higher)) * unconstrained.get(higher)!;
    }
    unconstrained.set(mask, rest / (cells / sizeOf(mask)));
  }
  const total = masks.reduce((sum, mask) => sum + Math.max(0, unconstrained.get(mask)!), 0);
  const effects = masks
    .sort((a, b) => popcount(a) - popcount(b) || a - b)
    .map((mask) => {
      const names = facets.filter((_, f) => mask & (1 << f));
      const estimate = unconstrained.get(mask)!;
      const variance = Math.max(0, estimate);
      const { ss, df, ms } = raw.get(mask)!;
      return { facets: names, name: mask === full && k > 1 ? `${names.join(" x ")} (residual)` : names.join(" x "), sumOfSquares: ss, df, meanSquare: ms, variance, unconstrained: estimate, negative: estimate < 0, share: total > 0 ? variance / total : 0 };
    });
  return { facets: [...facets], sizes: [...sizes], effects, total };
}

function popcount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest; rest &= rest - 1) count++;
  return count;
}
