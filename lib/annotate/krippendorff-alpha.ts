/** The difference functions of Krippendorff's alpha (metric levels of the data). */
export type AlphaLevel = "nominal" | "ordinal" | "interval" | "ratio";

export interface AlphaResult {
  alpha: number;
  /** Pairable values: values in units that have at least two values (the n of Krippendorff's coincidence matrix). */
  pairable: number;
  /** Units with at least two values (the others cannot be paired and do not count). */
  units: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/**
 * Krippendorff's alpha from reliability data: `units[u]` holds the values the coders gave unit u, with null or
 * undefined for a coder who gave none (missing data is part of the method, so units may have different numbers
 * of values). Built on the coincidence matrix of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
 * every ordered pair of values inside a unit adds 1 / (m_u - 1); alpha = 1 - (n - 1) * sum(o_ck d_ck) /
 * sum(n_c n_k d_ck). Ordinal distances use the marginal frequencies of the ranks between c and k. Values are
 * numbers (for nominal data any codes will do). Alpha is NaN when nothing can be paired or every pairable value
 * is the same (no expected disagreement).
 */
export function krippendorffAlpha(units: readonly (readonly (number | null | undefined)[])[], level: AlphaLevel = "nominal"): AlphaResult {
  const pairableUnits = units
    .map((unit) => unit.filter((value): value is number => value !== null && value !== undefined))
    .filter((values) => values.length >= 2);
  for (const values of pairableUnits) {
    for (const value of values) if (!Number.isFinite(value)) throw new Error(`Krippendorff's alpha needs finite numbers, got ${value}`);
  }
  const categories = [...new Set(pairableUnits.flat())].sort((a, b) => a - b);
  const index = new Map(categories.map((value, position) => [value, position]));
  const size = categories.length;
  const coincidences = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const values of pairableUnits) {
    const weight = 1 / (values.length - 1);
    for (let first = 0; first < values.length; first++) {
      for (let second = 0; second < values.length; second++) {
        if (first !== second) coincidences[index.get(values[first])!][index.get(values[second])!] += weight;
      }
    }
  }
  const marginals = coincidences.map((row) => row.reduce((sum, value) => sum + value, 0));
  const total = marginals.reduce((sum, value) => sum + value, 0);
  const distance = distanceFunction(level, categories, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const delta = distance(c, k);
      observed += coincidences[c][k] * delta;
      expected += marginals[c] * marginals[k] * delta;
    }
  }
  const observedDisagreement = total > 0 ? observed / total : Number.NaN;
  const expectedDisagreement = total > 1 ? expected / (total * (total - 1)) : Number.NaN;
  const alpha = total > 1 && expected > 0 ? 1 - ((total - 1) * observed) / expected : Number.NaN;
  return { alpha, pairable: total, units: pairableUnits.length, observedDisagreement, expectedDisagreement };
}

function distanceFunction(level: AlphaLevel, categories: readonly number[], marginals: readonly number[]): (c: number, k: number) => number {
  switch (level) {
    case "nominal":
      return (c, k) => (c === k ? 0 : 1);
    case "interval":
      return (c, k) => (categories[c] - categories[k]) ** 2;
    case "ratio":
      return (c, k) => {
        const sum = categories[c] + categories[k];
        return sum === 0 ? 0 : ((categories[c] - categories[k]) / sum) ** 2;
      };
    case "ordinal":
      return (c, k) => {
        if (c === k) return 0;
        const [low, high] = c < k ? [c, k] : [k, c];
        let between = 0;
        for (let g = low; g <= high; g++) between += marginals[g];
        return (between - (marginals[c] + marginals[k]) / 2) ** 2;
      };
  }
}
