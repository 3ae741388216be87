import { JUDGE_CRITERIA, type JudgeCriterion } from "../prompts/parse-judgement";
import { cohensKappa } from "../stats/kappa";
import type { RatedJudgement } from "./agreement";

export interface LlmJudgement {
  pairId: string;
  criterion: JudgeCriterion;
  outcome: "win" | "tie" | "loss";
  judge: string;
}

export interface HumanLlmAgreement {
  criterion: JudgeCriterion;
  judge: string;
  /** Pairs with both an LLM verdict and a human majority (pairs whose human vote is tied are left out). */
  pairs: number;
  /** Pairs left out because the human vote had no single most common outcome. */
  tiedVotes: number;
  /** Cohen's kappa between the LLM verdict and the human majority outcome. */
  kappa: number;
  /** Share of pairs where the LLM verdict equals the human majority. */
  majorityAgreement: number;
  /** Share of all individual human judgements (on pairs the LLM judged) that equal the LLM verdict. */
  judgementAgreement: number;
  humanJudgements: number;
}

/** The most common outcome of a pair's human judgements; undefined when two outcomes are equally common. */
export function majorityOutcome(outcomes: readonly ("win" | "tie" | "loss")[]): "win" | "tie" | "loss" | undefined {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (!sorted.length || (sorted.length > 1 && sorted[0][1] === sorted[1][1])) return undefined;
  return sorted[0][0] as "win" | "tie" | "loss";
}

/**
 * Human vs LLM judge, per criterion and judge: Cohen's kappa and agreement of the LLM verdict with the human
 * majority outcome per pair, and the share of individual human judgements that equal the LLM verdict. Both sides
 * are outcomes from the with-persona dialogue's side, so placement does not matter.
 */
export function humanLlmAgreement(human: readonly RatedJudgement[], llm: readonly LlmJudgement[]): HumanLlmAgreement[] {
  const judges = [...new Set(llm.map((row) => row.judge))];
  return judges.flatMap((judge) =>
    JUDGE_CRITERIA.map((criterion) => {
      const verdicts = new Map(llm.filter((row) => row.judge === judge && row.criterion === criterion).map((row) => [row.pairId, row.outcome]));
      const humanByPair = new Map<string, ("win" | "tie" | "loss")[]>();
      for (const row of human) {
        if (row.criterion !== criterion || !verdicts.has(row.pairId)) continue;
        humanByPair.set(row.pairId, [...(humanByPair.get(row.pairId) ?? []), row.outcome]);
      }
      const llmLabels: string[] = [];
      const humanLabels: string[] = [];
      let tiedVotes = 0;
      let matching = 0;
      let total = 0;
      for (const [pairId, outcomes] of humanByPair) {
        const verdict = verdicts.get(pairId)!;
        total += outcomes.length;
        matching += outcomes.filter((outcome) => outcome === verdict).length;
        const majority = majorityOutcome(outcomes);
        if (!majority) {
          tiedVotes++;
          continue;
        }
        llmLabels.push(verdict);
        humanLabels.push(majority);
      }
      const kappa = cohensKappa(llmLabels, humanLabels);
      return {
        criterion,
        judge,
        pairs: llmLabels.length,
        tiedVotes,
        kappa: kappa.kappa,
        majorityAgreement: kappa.observedAgreement,
        judgementAgreement: total ? matching / total : Number.NaN,
        humanJudgements: total,
      };
    }),
  );
}
