export interface FleissResult {
  kappa: number;
  /** Items (subjects) used. */
  items: number;
  /** Ratings per item (the same for every item). */
  raters: number;
  observedAgreement: number;
  expectedAgreement: number;
}

/**
 * Fleiss' kappa from an items x categories table of counts (how many raters put item i in category j); every
 * item must have the same number of raters (the method's assumption; see lib/annotate/agreement.ts for how a
 * study with unequal numbers is restricted). As statsmodels.stats.inter_rater.fleiss_kappa(table, "fleiss").
 * NaN when the expected agreement is 1 (every rating in one category) or there are no items.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissResult {
  const items = counts.length;
  if (items === 0) return { kappa: Number.NaN, items: 0, raters: 0, observedAgreement: Number.NaN, expectedAgreement: Number.NaN };
  const raters = counts[0].reduce((sum, value) => sum + value, 0);
  const width = counts[0].length;
  counts.forEach((row, item) => {
    const sum = row.reduce((total, value) => total + value, 0);
    if (row.length !== width) throw new Error(`item ${item} has ${row.length} categories, item 0 has ${width}`);
    if (sum !== raters) throw new Error(`Fleiss' kappa needs the same number of ratings per item: item ${item} has ${sum}, item 0 has ${raters}`);
  });
  if (raters < 2) return { kappa: Number.NaN, items, raters, observedAgreement: Number.NaN, expectedAgreement: Number.NaN };
  const categoryTotals = new Array<number>(width).fill(0);
  let agreementSum = 0;
  for (const row of counts) {
    let squares = 0;
    row.forEach((value, category) => {
      squares += value * value;
      categoryTotals[category] += value;
    });
    agreementSum += (squares - raters) / (raters * (raters - 1));
  }
  const observedAgreement = agreementSum / items;
  const expectedAgreement = categoryTotals.reduce((sum, total) => sum + (total / (items * raters)) ** 2, 0);
  const kappa = expectedAgreement === 1 ? Number.NaN : (observedAgreement - expectedAgreement) / (1 - expectedAgreement);
  return { kappa, items, raters, observedAgreement, expectedAgreement };
}
