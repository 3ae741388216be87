import { CSI_DOMAINS, CSI_INVENTORY, HEXACO_DOMAINS, HEXACO_INVENTORY, PAIRED_CSI_DOMAIN } from "../analysis/domains";
import { scoreColumn } from "../inventory/score-columns";
import { pearson } from "../stats/pearson";

export interface MtmmCell {
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
 * The multitrait-multimethod view of HEXACO x CSI (Campbell & Fiske, 1959): every domain pair's observed Pearson r
 * beside its disattenuated value, the paired (convergent) cells told apart from the unpaired (discriminant) ones.
 * `alpha` maps score columns ("HEXACO-60:Extraversion") to the domain's Cronbach's alpha.
 */
export function multitraitMultimethod(scores: readonly Record<string, unknown>[], alpha: ReadonlyMap<string, number>): MtmmSummary {
  const values = (column: string) => scores.map((row) => (typeof row[column] === "number" ? (row[column] as number) : Number.NaN));
  const cells: MtmmCell[] = [];
  for (const hexaco of HEXACO_DOMAINS) {
    for (const csi of CSI_DOMAINS) {
      const hexacoColumn = scoreColumn(HEXACO_INVENTORY, hexaco);
      const csiColumn = scoreColumn(CSI_INVENTORY, csi);
      const correlation = pearson(values(hexacoColumn), values(csiColumn));
      const alphaHexaco = alpha.get(hexacoColumn) ?? Number.NaN;
      const alphaCsi = alpha.get(csiColumn) ?? Number.NaN;
      const disattenuated = alphaHexaco > 0 && alphaCsi > 0 ? correlation.r / Math.sqrt(alphaHexaco * alphaCsi) : Number.NaN;
      cells.push({ hexaco, csi, paired: PAIRED_CSI_DOMAIN[hexaco] === csi, r: correlation.r, n: correlation.n, alphaHexaco, alphaCsi, disattenuated });
    }
  }
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
