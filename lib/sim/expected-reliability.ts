import { itemParameters, logisticNoise, sampleAnswer } from "./item-response";
import { type Random } from "../random";
import { forEachRespondent, monteCarloDesign, type MonteCarloOptions } from "./monte-carlo-design";
import { SIM_TRAITS, type SimTruth } from "./sim-truth";

/** What the simulator's item-response model implies for one domain (a SIM_TRAITS name, e.g. "HEXACO-60:Emotionality"). */
export interface ExpectedDomainReliability {
  trait: string;
  inventory: string;
  domain: string;
  /** Items of the domain in the design. */
  items: number;
  /** Cronbach's alpha of the keyed answers in the simulated population (what a sample alpha estimates). */
  alpha: number;
  /**
   * Correlation of the domain score (mean of keyed answers) with its expectation given the latent trait, squared:
   * the share of score variance the trait explains (classical reliability; alpha is a lower bound of it).
   */
  trueScoreReliability: number;
  /**
   * Expected correlation of the domain score between two samples of the same persona at the given temperature
   * (test-retest; 1 at temperature 0, where the simulator is deterministic).
   */
  retest: number;
  /** Expected corrected item-total correlation per item id (a mis-keyed item comes out negative). */
  itemTotal: Record<string, number>;
}

export type ExpectedReliabilityOptions = MonteCarloOptions;

function variance(values: Float64Array): number {
  let mean = 0;
  for (const value of values) mean += value / values.length;
  let sum = 0;
  for (const value of values) sum += (value - mean) ** 2;
  return sum / (values.length - 1);
}

function correlation(first: Float64Array, second: Float64Array): number {
  const count = first.length;
  let meanFirst = 0;
  let meanSecond = 0;
  for (let index = 0; index < count; index++) {
    meanFirst += first[index] / count;
    meanSecond += second[index] / count;
  }
  let cross = 0;
  let squaresFirst = 0;
  let squaresSecond = 0;
  for (let index = 0; index < count; index++) {
    const a = first[index] - meanFirst;
    const b = second[index] - meanSecond;
    cross += a * b;
    squaresFirst += a * a;
    squaresSecond += b * b;
  }
  return cross / Math.sqrt(squaresFirst * squaresSecond);
}

const cache = new Map<string, ExpectedDomainReliability[]>();

/**
 * The reliability per domain that the simulator's item-response model implies, by Monte Carlo (like
 * expectedScoreCorrelation): respondents drawn from N(0, R), every item answered exactly as the simulator answers
 * it (graded-response model, mis-keyed items flipped, the temperature's sample noise), keyed with the inventory's
 * key. A psychometrics analysis of simulated answers should find `alpha` within its confidence interval, and flag
 * the items whose `itemTotal` is negative. Cached per truth, design, seed and temperature.
 */
export function expectedReliability(truth: SimTruth, options: ExpectedReliabilityOptions = {}): ExpectedDomainReliability[] {
  const design = monteCarloDesign(truth, options);
  const known = cache.get(design.key);
  if (known) return known;

  const { items, respondents, temperature, traitOfItem, parameters, answeredReversed, noiseScale } = design;
  // answers[item][respondent] (keyed), a second sample per respondent, and the expected keyed answer given theta.
  const answers = items.map(() => new Float64Array(respondents));
  const retestAnswers = items.map(() => new Float64Array(temperature > 0 ? respondents : 0));
  const expected = items.map(() => new Float64Array(respondents));
  const fixedState = { value: 0 };
  const fixed = { next: () => fixedState.value } as Random;
  forEachRespondent(truth, design, "expected-reliability", (theta, random, respondent) => {
    for (let index = 0; index < items.length; index++) {
      const trait = traitOfItem[index];
      if (trait < 0) continue;
      const reversed = items[index].reversed;
      // Two samples share the fixed (temperature 0) noise u and differ only in the temperature's extra noise.
      const u = random.next();
      fixedState.value = u;
      const first = sampleAnswer(parameters[index], theta[trait], answeredReversed[index], fixed, noiseScale > 0 ? noiseScale * logisticNoise(random) : 0);
      answers[index][respondent] = reversed ? 6 - first : first;
      if (noiseScale > 0) {
        const second = sampleAnswer(parameters[index], theta[trait], answeredReversed[index], fixed, noiseScale * logisticNoise(random));
        retestAnswers[index][respondent] = reversed ? 6 - second : second;
      }
      expected[index][respondent] = expectedKeyedAnswer(parameters[index], theta[trait], answeredReversed[index], reversed, noiseScale);
    }
  });

  const result: ExpectedDomainReliability[] = [];
  SIM_TRAITS.forEach((trait, traitIndex) => {
    const members = items.map((_, index) => index).filter((index) => traitOfItem[index] === traitIndex);
    if (members.length === 0) return;
    const total = new Float64Array(respondents);
    const retestTotal = new Float64Array(respondents);
    const expectedTotal = new Float64Array(respondents);
    for (const index of members) {
      for (let respondent = 0; respondent < respondents; respondent++) {
        total[respondent] += answers[index][respondent];
        if (noiseScale > 0) retestTotal[respondent] += retestAnswers[index][respondent];
        expectedTotal[respondent] += expected[index][respondent];
      }
    }
    const count = members.length;
    const itemVariance = members.reduce((sum, index) => sum + variance(answers[index]), 0);
    const alpha = count > 1 ? (count / (count - 1)) * (1 - itemVariance / variance(total)) : NaN;
    const itemTotal: Record<string, number> = {};
    for (const index of members) {
      const rest = new Float64Array(respondents);
      for (let respondent = 0; respondent < respondents; respondent++) rest[respondent] = total[respondent] - answers[index][respondent];
      itemTotal[String(items[index].itemId)] = correlation(answers[index], rest);
    }
    const [inventory, domain] = [trait.slice(0, trait.indexOf(":")), trait.slice(trait.indexOf(":") + 1)];
    result.push({
      trait,
      inventory,
      domain,
      items: count,
      alpha,
      trueScoreReliability: correlation(total, expectedTotal) ** 2,
      retest: noiseScale > 0 ? correlation(total, retestTotal) : 1,
      itemTotal,
    });
  });
  cache.set(design.key, result);
  return result;
}

function logistic(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/**
 * E[keyed answer | theta]. At temperature 0 from the graded-response probabilities; above it the extra logistic
 * noise widens the response noise, approximated by a logistic of scale sqrt(1 + s^2) (exact in variance).
 */
function expectedKeyedAnswer(
  parameters: ReturnType<typeof itemParameters>,
  theta: number,
  answeredReversed: boolean,
  scoredReversed: boolean,
  noiseScale: number,
): number {
  const position = answeredReversed ? -theta : theta;
  const scale = Math.sqrt(1 + noiseScale * noiseScale);
  let answer = 1;
  for (const threshold of parameters.thresholds) answer += logistic((parameters.discrimination * (position - threshold)) / scale);
  return scoredReversed ? 6 - answer : answer;
}
