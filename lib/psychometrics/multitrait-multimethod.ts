import { isExpectedPair, paperPairs, type ExpectedPairs } from "../inventory/expected-pairs";
import { pearson } from "../stats/pearson";

export interface MtmmCell {
  /** Row domain (a HEXACO domain for the paper's pairing) and column domain (CSI); names kept for the tables. */
  hexaco: string;
  csi: string;
  /** Theoretically paired domains (convergent validity) vs every other pair (discriminant). */
  paired: boolean;
  r: number;
  n: number;
  alphaHexaco: number;
  alphaCsi: number;
  /** r / sqrt(alpha_HEXACO * alpha_CSI): the correlation corrected for attenuation (Spearman, 1904); NaN if an alpha is not positive. */
  disattenuated: number;
}

export interface MtmmSummary {
  cells: MtmmCell[];
  /** Mean |r| over the 6 paired and the 30 unpaired cells, observed and disattenuated. */
  pairedMeanAbs: number;
  unpairedMeanAbs: number;
  pairedMeanAbsDisattenuated: number;
  unpairedMeanAbsDisattenuated: number;
}

const meanAbs = (values: number[]) => {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((sum, value) => sum + Math.abs(value), 0) / finite.length : Number.NaN;
};

/**
 * The multitrait-multimethod view of a row x column inventory pair (default the paper's HEXACO x CSI; Campbell & Fiske, 1959): every domain pair's observed Pearson r
 * beside its disattenuated value, the paired (convergent) cells told apart from the unpaired (discriminant) ones.
 * `alpha` maps score columns ("HEXACO-60:Extraversion") to the domain's Cronbach's alpha.
 */
export function multitraitMultimethod(
  scores: readonly Record<string, unknown>[],
  alpha: ReadonlyMap<string, number>,
  pairs: ExpectedPairs = paperPairs(),
): MtmmSummary {
  const values = (column: string) => scores.map((row) => (typeof row[column] === "number" ? (row[column] as number) : Number.NaN));
  const cells: MtmmCell[] = [];
  pairs.rows.domains.forEach((hexaco, row) => {
    pairs.columns.domains.forEach((csi, column) => {
      const hexacoColumn = pairs.rows.columns[row];
      const csiColumn = pairs.columns.columns[column];
      const correlation = pearson(values(hexacoColumn), values(csiColumn));
      const alphaHexaco = alpha.get(hexacoColumn) ?? Number.NaN;
      const alphaCsi = alpha.get(csiColumn) ?? Number.NaN;
      const disattenuated = alphaHexaco > 0 && alphaCsi > 0 ? correlation.r / Math.sqrt(alphaHexaco * alphaCsi) : Number.NaN;
      cells.push({ hexaco, csi, paired: isExpectedPair(pairs, hexaco, csi), r: correlation.r, n: correlation.n, alphaHexaco, alphaCsi, disattenuated });
    });
  });
  const paired = cells.filter((cell) => cell.paired);
  const unpaired = cells.filter((cell) => !cell.paired);
  return {
    cells,
    pairedMeanAbs: meanAbs(paired.map((cell) => cell.r)),
    unpairedMeanAbs: meanAbs(unpaired.map((cell) => cell.r)),
    pairedMeanAbsDisattenuated: meanAbs(paired.map((cell) => cell.disattenuated)),
    unpairedMeanAbsDisattenuated: meanAbs(unpaired.map((cell) => cell.disattenuated)),
  };
}
