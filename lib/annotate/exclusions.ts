import { median } from "../stats/descriptive";
import type { JudgeCriterion } from "../prompts/parse-judgement";
import type { Protocol } from "./protocol";
import type { HumanJudgement } from "./study-store";

/** One annotator's attention checks and time per pair, and whether the protocol's rules exclude them. */
export interface AnnotatorScreening {
  annotator: string;
  /** Study judgements given. */
  judgements: number;
  /** Attention checks answered on every scored criterion. */
  checks: number;
  failedChecks: number;
  /** Median over the annotator's counted pairs and checks of the summed time of their answers, in seconds. */
  medianSecondsPerItem: number;
  excluded: boolean;
  /** Why, in words ("" when kept). */
  reason: string;
}

/**
 * Applies the protocol's exclusion rules to every annotator: more failed attention checks than
 * `maxFailedChecks` (a check fails when a scored criterion's outcome is not the known one), or a median time
 * per pair under `minMedianSecondsPerItem`. Practice answers never count.
 */
export function screenAnnotators(judgements: readonly HumanJudgement[], protocol: Pick<Protocol, "attention" | "exclusion">): AnnotatorScreening[] {
  const scored = new Set<JudgeCriterion>(protocol.attention.criteria as JudgeCriterion[]);
  const names = [...new Set(judgements.filter((row) => row.kind !== "practice").map((row) => row.annotator))].sort();
  return names.map((annotator) => {
    const own = judgements.filter((row) => row.annotator === annotator && row.kind !== "practice");
    const checks = new Map<string, HumanJudgement[]>();
    const itemMs = new Map<string, number>();
    for (const row of own) {
      itemMs.set(row.pairId, (itemMs.get(row.pairId) ?? 0) + row.ms);
      if (row.kind === "attention" && scored.has(row.criterion)) checks.set(row.pairId, [...(checks.get(row.pairId) ?? []), row]);
    }
    const complete = [...checks.values()].filter((rows) => rows.length === scored.size);
    const failed = complete.filter((rows) => rows.some((row) => row.outcome !== row.expected));
    const seconds = itemMs.size ? median([...itemMs.values()].map((ms) => ms / 1000)) : Number.NaN;
    const reasons: string[] = [];
    if (failed.length > protocol.exclusion.maxFailedChecks) reasons.push(`failed ${failed.length} of ${complete.length} attention checks (allowed ${protocol.exclusion.maxFailedChecks})`);
    if (protocol.exclusion.minMedianSecondsPerItem > 0 && seconds < protocol.exclusion.minMedianSecondsPerItem) {
      reasons.push(`median ${seconds.toFixed(1)} s per pair, under ${protocol.exclusion.minMedianSecondsPerItem} s`);
    }
    return {
      annotator,
      judgements: own.filter((row) => row.kind === "study").length,
      checks: complete.length,
      failedChecks: failed.length,
      medianSecondsPerItem: seconds,
      excluded: reasons.length > 0,
      reason: reasons.join("; "),
    };
  });
}
