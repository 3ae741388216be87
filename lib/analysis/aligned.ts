// "Aligned" (RQ1, Section 4.1), defined once for the notebooks, `analyze`, the paper comparison and any models
// comparison: a HEXACO domain is aligned when its theoretically paired CSI domain has the largest |r| in its row.

/** Index of the largest |r| among the finite values of a row (the first on an exact tie); -1 when none is finite. */
export function strongestIndex(row: readonly number[]): number {
  let strongest = -1;
  row.forEach((r, index) => {
    if (!Number.isFinite(r)) return;
    if (strongest < 0 || Math.abs(r) > Math.abs(row[strongest])) strongest = index;
  });
  return strongest;
}

/**
 * True when the paired domain's |r| is the largest in its HEXACO row. A tie with another domain counts as aligned
 * (the paired domain is among the strongest); a missing paired r is never aligned.
 */
export function isAligned(row: readonly number[], pairedIndex: number): boolean {
  const paired = row[pairedIndex];
  if (pairedIndex < 0 || !Number.isFinite(paired)) return false;
  const strongest = strongestIndex(row);
  return Math.abs(paired) >= Math.abs(row[strongest]);
}
