import { DataError } from "../errors";
import { adjustPValues, type Correction } from "../stats/adjust";
import { signTest } from "../stats/sign-test";
import { rowsOf, type Row } from "./rows";

export const JUDGEMENT_CRITERIA = ["Suggestion", "Consistency", "Comforting", "Identification", "Overall"] as const;
export type JudgementCriterion = (typeof JUDGEMENT_CRITERIA)[number];
export const JUDGEMENT_OUTCOMES = ["win", "tie", "loss"] as const;
export type JudgementOutcome = (typeof JUDGEMENT_OUTCOMES)[number];

/** One judgement of one pair on one criterion; "win" means the with-persona dialogue was better. */
export interface JudgementRow {
  pairId: string;
  criterion: JudgementCriterion;
  outcome: JudgementOutcome;
}

export interface PairwiseRow {
  criterion: JudgementCriterion;
  n: number;
  wins: number;
  ties: number;
  losses: number;
  winShare: number;
  tieShare: number;
  lossShare: number;
  /** Two-sided exact sign test of wins vs losses (ties dropped). */
  p: number;
  adjustedP?: number;
}

const FILE = "judgement rows";

/**
 * Table 9: win/tie/loss shares per criterion over all judgements (several judges of one pair each count), with
 * a two-sided exact sign test of wins against losses per criterion. A correction over the five criteria is
 * optional.
 */
export function pairwiseTable(judgementRows: unknown, options: { correction?: Correction } = {}): PairwiseRow[] {
  const rows = rowsOf<Row>(judgementRows, FILE);
  const tallies = new Map<JudgementCriterion, Record<JudgementOutcome, number>>(
    JUDGEMENT_CRITERIA.map((criterion) => [criterion, { win: 0, tie: 0, loss: 0 }]),
  );
  rows.forEach((row, index) => {
    const record = typeof row.pairId === "string" ? row.pairId : index;
    const tally = tallies.get(row.criterion as JudgementCriterion);
    if (!tally) {
      throw new DataError(`unknown criterion ${JSON.stringify(row.criterion)} (expected ${JUDGEMENT_CRITERIA.join(", ")})`, {
        file: FILE,
        record,
        field: "criterion",
      });
    }
    if (!(JUDGEMENT_OUTCOMES as readonly unknown[]).includes(row.outcome)) {
      throw new DataError(`outcome must be win, tie or loss, got ${JSON.stringify(row.outcome)}`, {
        file: FILE,
        record,
        field: "outcome",
      });
    }
    tally[row.outcome as JudgementOutcome]++;
  });
  const result: PairwiseRow[] = JUDGEMENT_CRITERIA.filter((criterion) => {
    const tally = tallies.get(criterion)!;
    return tally.win + tally.tie + tally.loss > 0;
  }).map((criterion) => {
    const { win, tie, loss } = tallies.get(criterion)!;
    const n = win + tie + loss;
    return {
      criterion,
      n,
      wins: win,
      ties: tie,
      losses: loss,
      winShare: win / n,
      tieShare: tie / n,
      lossShare: loss / n,
      p: signTest(win, loss, tie).p,
    };
  });
  const correction = options.correction ?? "none";
  if (correction !== "none") {
    const adjusted = adjustPValues(
      result.map((row) => row.p),
      correction,
    );
    result.forEach((row, index) => (row.adjustedP = adjusted[index]));
  }
  return result;
}
