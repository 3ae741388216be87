import { finiteOrNull } from "../../stats/finite-or-null";
import type { PairwiseRow } from "../../analysis/pairwise-table";
import type { StrategyResult } from "./rq3-strategies";

// The key numbers of RQ3 as plain JSON (for `summary.json` of the analyze command).
// NaN (an undefined statistic) becomes null through JSON.stringify, the usual JSON convention.

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
