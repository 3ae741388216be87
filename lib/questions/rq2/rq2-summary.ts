import { finiteOrNull } from "../../stats/finite-or-null";
import type { PcaAblationResult } from "./pca-ablation";
import type { ConsistencyResult } from "./rq2-consistency";

// The key numbers of RQ2 as plain JSON (for `summary.json` of the analyze command).
// NaN (an undefined statistic) becomes null through JSON.stringify, the usual JSON convention.

/** RQ2: mean shift and p per dimension, and (when given) the PCA spread per condition. */
export function rq2Summary(consistency: ConsistencyResult, ablation?: PcaAblationResult, options: { simulated?: boolean } = {}) {
  return {
    question: "rq2",
    simulated: options.simulated ?? false,
    paired: consistency.paired,
    correction: consistency.correction,
    dimensions: consistency.rows.map((row) => ({
      column: row.column,
      n: row.n,
      meanOriginal: finiteOrNull(row.meanOriginal),
      meanExtracted: finiteOrNull(row.meanExtracted),
      meanShift: finiteOrNull(row.meanShift),
      statistic: finiteOrNull(row.statistic),
      p: finiteOrNull(row.p),
      ...(row.adjustedP !== undefined ? { adjustedP: finiteOrNull(row.adjustedP) } : {}),
      effectSize: finiteOrNull(row.effectSize),
      method: row.method,
    })),
    ...(ablation
      ? {
          pca: {
            columns: ablation.columns,
            standardized: ablation.standardized,
            explainedVarianceRatio: ablation.explainedVarianceRatio.map(finiteOrNull),
            spread: ablation.spread.map((spread) => ({
              condition: spread.condition,
              n: spread.projected.n,
              meanDistanceToCentroid: finiteOrNull(spread.projected.meanDistanceToCentroid),
              totalVariance: finiteOrNull(spread.projected.totalVariance),
              generalizedVariance: finiteOrNull(spread.projected.generalizedVariance),
              fullTotalVariance: finiteOrNull(spread.full.totalVariance),
            })),
          },
        }
      : {}),
  };
}
