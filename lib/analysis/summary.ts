import type { CorrelationMatrix } from "../stats/correlation-matrix";
import type { PcaAblationResult } from "./pca-ablation";
import type { PairwiseRow } from "./pairwise-table";
import { alignmentCheck, type Rq1Group } from "./rq1-correlations";
import type { ConsistencyResult } from "./rq2-consistency";
import type { StrategyResult } from "./rq3-strategies";

// The key numbers of each research question as plain JSON (for `summary.json` of the analyze command).
// NaN (an undefined statistic) becomes null through JSON.stringify, the usual JSON convention.

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function matrixSummary(matrix: CorrelationMatrix) {
  const pick = (field: "r" | "p" | "low" | "high" | "n" | "adjustedP") =>
    matrix.cells.map((row) => row.map((cell) => finiteOrNull((cell[field] as number | undefined) ?? Number.NaN)));
  return {
    rows: matrix.rowVariables,
    columns: matrix.columnVariables,
    correction: matrix.correction,
    r: pick("r"),
    p: pick("p"),
    ...(matrix.correction !== "none" ? { adjustedP: pick("adjustedP") } : {}),
    low: pick("low"),
    high: pick("high"),
    n: pick("n"),
  };
}

/** RQ1: the correlation matrix and the alignment check per row, for each dataset/model group. */
export function rq1Summary(groups: readonly Rq1Group[] | CorrelationMatrix, options: { simulated?: boolean } = {}) {
  const list: Rq1Group[] = Array.isArray(groups)
    ? [...groups]
    : [{ group: {}, label: "all", personas: Number.NaN, matrix: groups as CorrelationMatrix, alignment: alignmentCheck(groups as CorrelationMatrix) }];
  return {
    question: "rq1",
    simulated: options.simulated ?? false,
    groups: list.map((group) => ({
      group: group.group,
      label: group.label,
      personas: finiteOrNull(group.personas),
      matrix: matrixSummary(group.matrix),
      alignment: group.alignment.map((row) => ({
        hexaco: row.hexacoColumn,
        paired: row.pairedColumn ?? null,
        pairedR: finiteOrNull(row.pairedR),
        strongest: row.strongestColumn ?? null,
        strongestR: finiteOrNull(row.strongestR),
        aligned: row.aligned,
      })),
      allAligned: group.alignment.every((row) => row.aligned),
    })),
  };
}

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

/** RQ3: strategy shares per condition (with bootstrap intervals) and the chi-square results. */
export function rq3Summary(strategies: StrategyResult, pairwise?: readonly PairwiseRow[], options: { simulated?: boolean } = {}) {
  const chi = (test: StrategyResult["chiSquare"]) =>
    test && {
      conditions: test.conditions,
      statistic: finiteOrNull(test.statistic),
      degreesOfFreedom: test.degreesOfFreedom,
      p: finiteOrNull(test.p),
      cramersV: finiteOrNull(test.cramersV),
      residuals: test.residuals.map((residual) => ({ ...residual, expected: finiteOrNull(residual.expected), residual: finiteOrNull(residual.residual) })),
    };
  return {
    question: "rq3",
    simulated: options.simulated ?? false,
    conditions: strategies.conditions.map((condition, index) => ({
      condition,
      dialogues: strategies.dialogues[index],
      labelledTurns: strategies.labelledTurns[index],
      unlabelledTurns: strategies.unlabelledTurns[index],
      shares: Object.fromEntries(
        strategies.shares
          .filter((share) => share.condition === condition)
          .map((share) => [share.strategy, { share: finiteOrNull(share.share), low: finiteOrNull(share.low), high: finiteOrNull(share.high), count: share.count }]),
      ),
    })),
    bootstrap: strategies.bootstrap,
    chiSquare: chi(strategies.chiSquare),
    pairwiseChiSquare: strategies.pairwise.map((test) => chi(test)),
    ...(pairwise ? { judgements: pairwise.map((row) => ({ ...row })) } : {}),
  };
}
