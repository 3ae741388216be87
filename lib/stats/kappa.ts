export interface KappaResult {
  kappa: number;
  observedAgreement: number;
  expectedAgreement: number;
  n: number;
}

/**
 * Cohen's kappa for two raters over the same items (unweighted), as sklearn.metrics.cohen_kappa_score:
 * (p_o - p_e) / (1 - p_e) with p_e from the two raters' marginal label frequencies. Items where either rater
 * gave no label (null/undefined) are dropped.
 */
export function cohensKappa<Label>(
  first: readonly (Label | null | undefined)[],
  second: readonly (Label | null | undefined)[],
): KappaResult {
  if (first.length !== second.length) throw new Error(`raters labelled ${first.length} vs ${second.length} items`);
  const pairs: [Label, Label][] = [];
  first.forEach((label, index) => {
    const other = second[index];
    if (label !== null && label !== undefined && other !== null && other !== undefined) pairs.push([label, other]);
  });
  const n = pairs.length;
  if (n === 0) return { kappa: Number.NaN, observedAgreement: Number.NaN, expectedAgreement: Number.NaN, n };
  const firstCounts = new Map<Label, number>();
  const secondCounts = new Map<Label, number>();
  let agreements = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreements++;
    firstCounts.set(a, (firstCounts.get(a) ?? 0) + 1);
    secondCounts.set(b, (secondCounts.get(b) ?? 0) + 1);
  }
  const observedAgreement = agreements / n;
  let expectedAgreement = 0;
  for (const [label, count] of firstCounts) expectedAgreement += (count / n) * ((secondCounts.get(label) ?? 0) / n);
  const kappa = expectedAgreement === 1 ? Number.NaN : (observedAgreement - expectedAgreement) / (1 - expectedAgreement);
  return { kappa, observedAgreement, expectedAgreement, n };
}
