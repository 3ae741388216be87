import { logisticNoise, sampleAnswer } from "./item-response";
import { correlationOfColumns } from "./linear-algebra";
import { forEachRespondent, monteCarloDesign, type MonteCarloOptions } from "./monte-carlo-design";
import { CSI_DOMAINS, HEXACO_DOMAINS, SIM_TRAITS, type SimTruth } from "./sim-truth";

const cache = new Map<string, number[][]>();

/**
 * The correlation matrix (SIM_TRAITS order) that domain scores computed from simulated answers are expected to
 * show: latent correlations are attenuated by measurement error and the 1-5 scale, so an analysis that
 * correlates scored domain means should be compared with this, not with truth.traitCorrelation. Computed once
 * by Monte Carlo (default 10,000 simulated respondents, answers sampled exactly as the simulator samples them,
 * scores = mean of keyed answers per domain; mis-keyed items and, with `temperature`, the sample noise included)
 * and cached per truth, item design, seed and temperature.
 */
export function expectedScoreCorrelation(truth: SimTruth, options: MonteCarloOptions = {}): number[][] {
  const design = monteCarloDesign(truth, options);
  const known = cache.get(design.key);
  if (known) return known;

  const { items, traitOfItem, parameters, answeredReversed, noiseScale } = design;
  const counts = new Array<number>(SIM_TRAITS.length).fill(0);
  for (const index of traitOfItem) if (index >= 0) counts[index]++;
  const rows: number[][] = [];
  forEachRespondent(truth, design, "expected-correlation", (theta, random) => {
    const sums = new Array<number>(SIM_TRAITS.length).fill(0);
    items.forEach((item, index) => {
      const trait = traitOfItem[index];
      if (trait < 0) return;
      const answer = sampleAnswer(parameters[index], theta[trait], answeredReversed[index], random, noiseScale > 0 ? noiseScale * logisticNoise(random) : 0);
      sums[trait] += item.reversed ? 6 - answer : answer;
    });
    rows.push(sums.map((sum, trait) => (counts[trait] ? sum / counts[trait] : 0)));
  });
  const result = correlationOfColumns(rows);
  cache.set(design.key, result);
  return result;
}

/** The 6 x 6 HEXACO (rows) by CSI (columns) block of a 12 x 12 matrix in SIM_TRAITS order. */
export function hexacoByCsi(matrix: number[][]): number[][] {
  return HEXACO_DOMAINS.map((_, row) => CSI_DOMAINS.map((__, column) => matrix[row][HEXACO_DOMAINS.length + column]));
}
