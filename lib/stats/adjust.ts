// Multiple-comparison corrections over a family of p-values. NaN p-values (undefined tests) are left NaN and
// do not count towards the family size m.

export type Correction = "none" | "holm" | "bh";

/** The correction used unless one is chosen: Holm (family-wise error rate over a matrix's cells). */
export const DEFAULT_CORRECTION: Correction = "holm";

/** How notes name a correction: "Holm", "Benjamini-Hochberg", or "no" (unadjusted). */
export function correctionName(correction: Correction): string {
  return correction === "holm" ? "Holm" : correction === "bh" ? "Benjamini-Hochberg" : "no";
}

function finiteIndexes(pValues: readonly number[]): number[] {
  const indexes: number[] = [];
  pValues.forEach((p, index) => {
    if (Number.isFinite(p)) {
      if (p < 0 || p > 1) throw new Error(`p-value ${p} at position ${index} is outside [0, 1]`);
      indexes.push(index);
    }
  });
  return indexes;
}

/** Holm's step-down adjustment (controls the family-wise error rate); same as statsmodels multipletests "holm". */
export function holm(pValues: readonly number[]): number[] {
  const adjusted = pValues.map(() => Number.NaN);
  const indexes = finiteIndexes(pValues).sort((a, b) => pValues[a] - pValues[b]);
  const m = indexes.length;
  let running = 0;
  indexes.forEach((index, position) => {
    running = Math.max(running, Math.min(1, (m - position) * pValues[index]));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini-Hochberg step-up adjustment (controls the false discovery rate); same as
 * scipy.stats.false_discovery_control(p, method="bh").
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const adjusted = pValues.map(() => Number.NaN);
  const indexes = finiteIndexes(pValues).sort((a, b) => pValues[a] - pValues[b]);
  const m = indexes.length;
  let running = 1;
  for (let position = m - 1; position >= 0; position--) {
    const index = indexes[position];
    running = Math.min(running, (m / (position + 1)) * pValues[index]);
    adjusted[index] = running;
  }
  return adjusted;
}

/** p-values adjusted for multiple comparisons: "none", "holm", "bonferroni" or "fdr" (Benjamini-Hochberg). */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  switch (correction) {
    case "none":
      return [...pValues];
    case "holm":
      return holm(pValues);
    case "bh":
      return benjaminiHochberg(pValues);
    default:
      throw new Error(`unknown correction "${correction as string}" (use none, holm or bh)`);
  }
}
