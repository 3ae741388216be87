import { averageRanks, completePairs, mean, median } from "./descriptive";
import { normalCdf, signrankCdf, signrankUpperTail } from "./distributions";

export type WilcoxonMethod = "auto" | "exact" | "asymptotic" | "permutation";

export interface WilcoxonOptions {
  /**
   * "auto" (default) makes scipy.stats.wilcoxon's choice (scipy 1.17, method="auto"): more than 50 pairs ->
   * normal approximation; otherwise no ties and no zero differences -> exact signed-rank distribution;
   * otherwise at most 13 pairs -> exact permutation distribution over all 2^n sign flips; otherwise normal.
   */
  method?: WilcoxonMethod;
  /** Continuity correction of the normal approximation (scipy's `correction`); true unless given. */
  correction?: boolean;
}

export interface WilcoxonResult {
  /** min(R+, R-), as scipy.stats.wilcoxon reports for a two-sided test. */
  statistic: number;
  /** Sum of the ranks of positive differences x - y. */
  rankSumPositive: number;
  rankSumNegative: number;
  /** Two-sided p. */
  p: number;
  /** z of the normal approximation (signed by R+ - mean); NaN when another method gave p. */
  z: number;
  /** The method actually used (after "auto" chose). */
  method: Exclude<WilcoxonMethod, "auto">;
  /** Complete pairs (after listwise deletion of missing values). */
  n: number;
  /** Pairs with a zero difference; dropped from the ranking (Wilcoxon's zero_method="wilcox"). */
  zeros: number;
  /** Non-zero differences that were ranked. */
  ranked: number;
  /** Matched-pairs rank-biserial correlation (R+ - R-) / (R+ + R-), in [-1, 1]; positive when x tends to exceed y. */
  rankBiserial: number;
  /** Mean of x - y over complete pairs (zeros included). */
  meanDifference: number;
  medianDifference: number;
}

function exactPValue(rankSumPositive: number, ranked: number): number {
  // As scipy: a non-integral statistic (possible only with ties) is rounded conservatively on each side.
  const lowerTail = signrankCdf(Math.ceil(rankSumPositive), ranked);
  const upperTail = signrankUpperTail(Math.floor(rankSumPositive), ranked);
  return Math.min(1, 2 * Math.min(lowerTail, upperTail));
}

/** Exact permutation p over all 2^n sign flips of the differences, with scipy.stats.permutation_test's tolerance. */
function permutationPValue(differences: readonly number[], ranks: readonly number[], observed: number): number {
  const size = differences.length;
  if (size > 20) throw new Error(`permutation method enumerates 2^n sign flips; n = ${size} is too large`);
  const tolerance = Math.abs(observed) * Number.EPSILON * 100;
  let atMost = 0;
  let atLeast = 0;
  const total = 2 ** size;
  for (let mask = 0; mask < total; mask++) {
    let statistic = 0;
    for (let index = 0; index < size; index++) {
      if (differences[index] === 0) continue;
      const positive = differences[index] > 0 !== ((mask >> index) & 1) > 0;
      if (positive) statistic += ranks[index];
    }
    if (statistic <= observed + tolerance) atMost++;
    if (statistic >= observed - tolerance) atLeast++;
  }
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}

/**
 * Paired Wilcoxon signed-rank test of x - y, two-sided. Pairs with a missing side are dropped; zero differences
 * are dropped before ranking (zero_method="wilcox"); tied |differences| get average ranks, and the normal
 * approximation uses the tie-corrected variance. Matches scipy.stats.wilcoxon(x, y, zero_method="wilcox",
 * correction=<correction>, method=<method>) with nan_policy="omit".
 */
export function wilcoxonSignedRank(
  x: readonly (number | null | undefined)[],
  y: readonly (number | null | undefined)[],
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const correction = options.correction ?? true;
  const pairs = completePairs(x, y);
  const n = pairs.x.length;
  const differences = pairs.x.map((value, index) => value - pairs.y[index]);
  const nonZero = differences.filter((difference) => difference !== 0);
  const ranked = nonZero.length;
  const zeros = n - ranked;
  const { ranks: nonZeroRanks, tieGroups } = averageRanks(nonZero.map(Math.abs));

  let rankSumPositive = 0;
  let rankSumNegative = 0;
  nonZero.forEach((difference, index) => {
    if (difference > 0) rankSumPositive += nonZeroRanks[index];
    else rankSumNegative += nonZeroRanks[index];
  });
  const hasTies = tieGroups.some((size) => size > 1);

  let method: Exclude<WilcoxonMethod, "auto">;
  const requested = options.method ?? "auto";
  if (requested === "auto") {
    if (n > 50) method = "asymptotic";
    else if (!hasTies && zeros === 0) method = "exact";
    else if (n <= 13) method = "permutation";
    else method = "asymptotic";
  } else method = requested;

  const base = {
    statistic: Math.min(rankSumPositive, rankSumNegative),
    rankSumPositive,
    rankSumNegative,
    n,
    zeros,
    ranked,
    rankBiserial: ranked === 0 ? Number.NaN : (rankSumPositive - rankSumNegative) / (rankSumPositive + rankSumNegative),
    meanDifference: mean(differences),
    medianDifference: median(differences),
    method,
  };
  if (ranked === 0) return { ...base, p: Number.NaN, z: Number.NaN };

  if (method === "exact") return { ...base, p: exactPValue(rankSumPositive, ranked), z: Number.NaN };
  if (method === "permutation") {
    // Ranks aligned with the full difference vector (zeros carry no rank).
    const fullRanks: number[] = [];
    let next = 0;
    for (const difference of differences) fullRanks.push(difference === 0 ? 0 : nonZeroRanks[next++]);
    return { ...base, p: permutationPValue(differences, fullRanks, rankSumPositive), z: Number.NaN };
  }

  const expected = (ranked * (ranked + 1)) / 4;
  const tieCorrection = tieGroups.reduce((total, size) => total + size ** 3 - size, 0);
  const standardError = Math.sqrt((ranked * (ranked + 1) * (2 * ranked + 1) - tieCorrection / 2) / 24);
  let z = (rankSumPositive - expected) / standardError;
  if (correction) z -= (Math.sign(z) * 0.5) / standardError;
  const p = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return { ...base, p, z };
}
