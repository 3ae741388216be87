import type { ItemKey, ItemMatrix } from "./item-matrix";
import { matrixSum, pairwiseCovariance } from "./pairwise-covariance";

/** Items whose corrected item-total correlation is below this (or negative) are flagged. */
export const ITEM_TOTAL_FLOOR = 0.2;

export interface ItemTotal extends ItemKey {
  /** Correlation of the item with the sum of the domain's other items (psych alpha()$item.stats$r.drop). */
  correctedItemTotal: number;
  flagged: boolean;
  /** Why it is flagged: "negative" (often a reverse-key misunderstanding) or "below .2"; null when not flagged. */
  reason: "negative" | "below .2" | null;
}

/**
 * Corrected item-total correlations from the pairwise covariance matrix C, as psych's alpha(): for item i,
 * (sum_j C[i, j] - C[i, i]) / sqrt(C[i, i] * sum(C without row and column i)).
 */
export function correctedItemTotals(values: readonly (readonly number[])[]): number[] {
  const covariance = pairwiseCovariance(values);
  const width = covariance.length;
  const total = matrixSum(covariance);
  return covariance.map((row, item) => {
    if (width < 2) return Number.NaN;
    const rowSum = row.reduce((sum, value) => sum + value, 0);
    const withItem = rowSum - row[item];
    // sum(C[-i, -i]) = sum(C) - 2 * rowSum + C[i, i]
    const rest = total - 2 * rowSum + row[item];
    return withItem / Math.sqrt(row[item] * rest);
  });
}

/** Every item of a domain with its corrected item-total correlation and whether it is flagged (negative or < .2). */
export function itemTotalTable(matrix: ItemMatrix, floor = ITEM_TOTAL_FLOOR): ItemTotal[] {
  const correlations = correctedItemTotals(matrix.values);
  return matrix.items.map((item, index) => {
    const value = correlations[index];
    const reason = !Number.isFinite(value) ? null : value < 0 ? "negative" : value < floor ? "below .2" : null;
    return { ...item, correctedItemTotal: value, flagged: reason !== null, reason };
  });
}
