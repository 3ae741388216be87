import type { Interval } from "../stats/bootstrap";
import { quantile } from "../stats/descriptive";
import { createRandom } from "../random";
import { JUDGE_CRITERIA, type JudgeCriterion } from "../prompts/parse-judgement";
import { fleissKappa } from "./fleiss-kappa";
import { krippendorffAlpha } from "./krippendorff-alpha";

/** What agreement needs of a judgement: who, which pair, which criterion, and the outcome from the with-persona side. */
export interface RatedJudgement {
  annotator: string;
  pairId: string;
  criterion: JudgeCriterion;
  outcome: "win" | "tie" | "loss";
}

/** Ordinal codes: loss < tie < win (the with-persona dialogue judged worse, equal, better). */
export const OUTCOME_CODES = { loss: 1, tie: 2, win: 3 } as const;
const CATEGORIES = ["loss", "tie", "win"] as const;

export interface CriterionAgreement {
  criterion: JudgeCriterion;
  /** Pairs judged by two or more annotators on this criterion (what alpha uses). */
  items: number;
  annotators: number;
  /** Krippendorff's alpha, ordinal (loss < tie < win), all items with two or more judgements. */
  alpha: number;
  alphaInterval: Interval;
  /** Fleiss' kappa on the items with the modal number of judgements (`fleissRaters`); other items left out. */
  fleissKappa: number;
  fleissInterval: Interval;
  fleissItems: number;
  fleissRaters: number;
  /** Items left out of Fleiss' kappa because their number of judgements differs from the modal one. */
  fleissExcluded: number;
  /** Mean share of agreeing annotator pairs per item (unchance-corrected, for orientation). */
  percentAgreement: number;
}

export interface AgreementOptions {
  resamples?: number;
  seed?: number;
  confidenceLevel?: number;
  /**
   * The bootstrap resamples as index lists into each criterion's items (sorted by pair id; for Fleiss' kappa,
   * into its items with the modal number of judgements), instead of drawing them from the seed: lets a test
   * share resamples with a reference implementation.
   */
  resampleIndices?: (items: number) => readonly (readonly number[])[];
}

/**
 * The seeded resamples of a percentile bootstrap over `items` items: the same stream as lib/stats/bootstrap's
 * bootstrapPercentile (mulberry32 from the seed, one integer draw per place).
 */
export function bootstrapIndices(items: number, resamples: number, seed: number | string): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: resamples }, () => Array.from({ length: items }, () => random.integer(items)));
}

/** Percentile interval (type 7 quantiles) of a statistic over given resamples; resamples where it is undefined are left out. */
export function percentileInterval<Item>(items: readonly Item[], statistic: (sample: readonly Item[]) => number, resamples: readonly (readonly number[])[], level = 0.95): Interval {
  if (!items.length) return { low: Number.NaN, high: Number.NaN };
  const values = resamples.map((indices) => statistic(indices.map((index) => items[index]))).filter((value) => Number.isFinite(value));
  const tail = (1 - level) / 2;
  return { low: quantile(values, tail), high: quantile(values, 1 - tail) };
}

interface Item {
  pairId: string;
  outcomes: ("win" | "tie" | "loss")[];
}

function itemsOf(judgements: readonly RatedJudgement[], criterion: JudgeCriterion): Item[] {
  const byPair = new Map<string, Map<string, "win" | "tie" | "loss">>();
  for (const judgement of judgements) {
    if (judgement.criterion !== criterion) continue;
    const entry = byPair.get(judgement.pairId) ?? new Map();
    // One answer per annotator and pair (the store keeps only the latest; this guards other inputs).
    entry.set(judgement.annotator, judgement.outcome);
    byPair.set(judgement.pairId, entry);
  }
  return [...byPair.entries()].map(([pairId, outcomes]) => ({ pairId, outcomes: [...outcomes.values()] })).sort((a, b) => (a.pairId < b.pairId ? -1 : a.pairId > b.pairId ? 1 : 0));
}

/**
 * The number of judgements Fleiss' kappa is computed with: the most common count among items with two or more
 * (ties broken toward the larger count, which keeps more ratings per item).
 */
export function modalRaterCount(counts: readonly number[]): number {
  const frequency = new Map<number, number>();
  for (const count of counts) if (count >= 2) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  let best = 0;
  let bestFrequency = 0;
  for (const [count, times] of frequency) {
    if (times > bestFrequency || (times === bestFrequency && count > best)) {
      best = count;
      bestFrequency = times;
    }
  }
  return best;
}

function alphaOf(items: readonly Item[]): number {
  return krippendorffAlpha(items.map((item) => item.outcomes.map((outcome) => OUTCOME_CODES[outcome])), "ordinal").alpha;
}

function fleissOf(items: readonly Item[]): number {
  return fleissKappa(items.map((item) => CATEGORIES.map((category) => item.outcomes.filter((outcome) => outcome === category).length))).kappa;
}

function percentAgreementOf(items: readonly Item[]): number {
  const shares = items.map((item) => {
    let agreeing = 0;
    let pairs = 0;
    for (let a = 0; a < item.outcomes.length; a++) {
      for (let b = a + 1; b < item.outcomes.length; b++) {
        pairs++;
        if (item.outcomes[a] === item.outcomes[b]) agreeing++;
      }
    }
    return agreeing / pairs;
  });
  return shares.length ? shares.reduce((sum, value) => sum + value, 0) / shares.length : Number.NaN;
}

/**
 * Inter-annotator agreement per criterion on outcomes already mapped back to the conditions (left/right
 * placement differs between annotators, so raw screen answers would not be comparable). Krippendorff's alpha
 * (ordinal) uses every pair with two or more judgements: it handles unequal numbers natively. Fleiss' kappa
 * assumes the same number per item, so it is computed on the items with the modal number of judgements and the
 * others are counted in `fleissExcluded`. Percentile bootstrap intervals resample items (pairs) with
 * replacement, seeded.
 */
export function annotatorAgreement(judgements: readonly RatedJudgement[], options: AgreementOptions = {}): CriterionAgreement[] {
  const level = options.confidenceLevel ?? 0.95;
  const resamplesOf = options.resampleIndices ?? ((items: number) => bootstrapIndices(items, options.resamples ?? 2000, options.seed ?? 1));
  return JUDGE_CRITERIA.map((criterion) => {
    const items = itemsOf(judgements, criterion).filter((item) => item.outcomes.length >= 2);
    const raters = modalRaterCount(items.map((item) => item.outcomes.length));
    const fleissItems = items.filter((item) => item.outcomes.length === raters);
    const alphaInterval = percentileInterval(items, alphaOf, items.length ? resamplesOf(items.length) : [], level);
    const fleissInterval = percentileInterval(fleissItems, fleissOf, fleissItems.length ? resamplesOf(fleissItems.length) : [], level);
    return {
      criterion,
      items: items.length,
      annotators: new Set(judgements.filter((judgement) => judgement.criterion === criterion).map((judgement) => judgement.annotator)).size,
      alpha: items.length ? alphaOf(items) : Number.NaN,
      alphaInterval,
      fleissKappa: fleissItems.length ? fleissOf(fleissItems) : Number.NaN,
      fleissInterval,
      fleissItems: fleissItems.length,
      fleissRaters: raters,
      fleissExcluded: items.length - fleissItems.length,
      percentAgreement: percentAgreementOf(items),
    };
  });
}
