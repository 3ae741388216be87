import { binomialCdf, binomialPmf, binomialSurvival } from "./distributions";

export interface SignTestResult {
  wins: number;
  losses: number;
  /** Ties are reported but excluded from the test (the classical sign test). */
  ties: number;
  /** Two-sided exact binomial p of wins out of wins + losses under p = 0.5; 1 when there are no untied pairs. */
  p: number;
}

/**
 * Two-sided exact binomial test, as scipy.stats.binomtest(k, n, p).pvalue: the probability of all outcomes
 * no more likely than the observed one (with scipy's relative tolerance 1 + 1e-7 for "as likely").
 */
export function binomialTest(successes: number, trials: number, probability = 0.5): number {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new Error(`binomial test needs integers 0 <= k <= n, got k=${successes}, n=${trials}`);
  }
  if (!(probability > 0 && probability < 1)) throw new Error(`probability must be in (0, 1), got ${probability}`);
  if (trials === 0) return 1;
  const observedDensity = binomialPmf(successes, trials, probability);
  const relativeTolerance = 1 + 1e-7;
  const expected = trials * probability;
  if (successes === expected) return 1;
  let p: number;
  if (successes < expected) {
    // Count the upper-tail outcomes at least as extreme (no more likely) than the observed one.
    let upper = 0;
    for (let k = trials; k >= Math.ceil(expected); k--) {
      if (binomialPmf(k, trials, probability) <= observedDensity * relativeTolerance) upper++;
      else break;
    }
    p = binomialCdf(successes, trials, probability) + (upper === 0 ? 0 : binomialSurvival(trials - upper, trials, probability));
  } else {
    let lower = 0;
    for (let k = 0; k <= Math.floor(expected); k++) {
      if (binomialPmf(k, trials, probability) <= observedDensity * relativeTolerance) lower++;
      else break;
    }
    p = (lower === 0 ? 0 : binomialCdf(lower - 1, trials, probability)) + binomialSurvival(successes - 1, trials, probability);
  }
  return Math.min(1, p);
}

/** The sign test of a pairwise comparison: wins vs losses, ties dropped. */
export function signTest(wins: number, losses: number, ties = 0): SignTestResult {
  return { wins, losses, ties, p: binomialTest(wins, wins + losses, 0.5) };
}
