import { cohensKappa, type KappaResult } from "../../stats/kappa";
import { orderedConditions, turnRowsOf } from "../../analysis/turns";

export interface StrategyAgreement extends KappaResult {
  /** "all" or one condition. */
  condition: string;
}

/**
 * Agreement between two strategy labellings of the same supporter turns (by default the generator's own
 * `strategy` and the independent annotator's `annotatedStrategy`): Cohen's kappa overall and per condition.
 * Turns missing either label are left out of that comparison.
 */
export function strategyAgreement(
  turnRows: unknown,
  options: { first?: string; second?: string } = {},
): StrategyAgreement[] {
  const first = turnRowsOf(turnRows, options.first ?? "strategy");
  const second = turnRowsOf(turnRows, options.second ?? "annotatedStrategy");
  const supporter = first.map((turn, index) => ({ turn, other: second[index] })).filter(({ turn }) => turn.speaker === "supporter");
  const agreementOf = (condition: string, list: typeof supporter): StrategyAgreement => ({
    condition,
    ...cohensKappa(
      list.map(({ turn }) => turn.strategy),
      list.map(({ other }) => other.strategy),
    ),
  });
  return [
    agreementOf("all", supporter),
    ...orderedConditions(first).map((condition) => agreementOf(condition, supporter.filter(({ turn }) => turn.condition === condition))),
  ];
}
