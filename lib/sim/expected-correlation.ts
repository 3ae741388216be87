import { isMisKeyed, itemParameters, logisticNoise, sampleAnswer } from "./item-response";
import { cholesky, correlationOfColumns, multiplyLower } from "./linear-algebra";
import { keyedRandom } from "../random";
import { CSI_DOMAINS, HEXACO_DOMAINS, SIM_CSI_NAME, SIM_HEXACO_NAME, SIM_TRAITS, type SimTruth } from "./sim-truth";

/** An inventory item as the simulator sees it (no text). */
export interface SimItem {
  inventory: string;
  itemId: number | string;
  domain: string;
  reversed: boolean;
}

/**
 * A stand-in item design with the real inventories' shape: HEXACO-60 has 10 items per domain with the domain of
 * item n cycling O, C, A, X, E, H; CSI has 16 items per domain in blocks of 16. About a third of the items are
 * reversed. Pass the real items (id, domain, reversed) to expectedScoreCorrelation for the exact design.
 */
export function defaultSimItems(): SimItem[] {
  const hexacoCycle = ["Openness to Experience", "Conscientiousness", "Agreeableness", "Extraversion", "Emotionality", "Honesty-Humility"];
  const items: SimItem[] = [];
  for (let id = 1; id <= 60; id++) items.push({ inventory: SIM_HEXACO_NAME, itemId: id, domain: hexacoCycle[(id - 1) % 6], reversed: id % 3 === 0 });
  for (let id = 1; id <= 96; id++) items.push({ inventory: SIM_CSI_NAME, itemId: id, domain: CSI_DOMAINS[Math.floor((id - 1) / 16)], reversed: id % 4 === 0 });
  return items;
}

/** The simulator's view of a loaded inventory ({name, items: [{id, domain, reversed}]}), for expectedScoreCorrelation. */
export function simItemsFromInventory(inventory: { name: string; items: Array<{ id: number | string; domain: string; reversed: boolean }> }): SimItem[] {
  return inventory.items.map((item) => ({ inventory: inventory.name, itemId: item.id, domain: item.domain, reversed: item.reversed }));
}

const cache = new Map<string, number[][]>();

/**
 * The correlation matrix (SIM_TRAITS order) that domain scores computed from simulated answers are expected to
 * show: latent correlations are attenuated by measurement error and the 1-5 scale, so an analysis that
 * correlates scored domain means should be compared with this, not with truth.traitCorrelation. Computed once
 * by Monte Carlo (default 10,000 simulated respondents, answers sampled exactly as the simulator samples them,
 * scores = mean of keyed answers per domain; mis-keyed items and, with `temperature`, the sample noise included)
 * and cached per truth, item design, seed and temperature.
 */
export function expectedScoreCorrelation(
  truth: SimTruth,
  options: { items?: SimItem[]; respondents?: number; seed?: number; temperature?: number } = {},
): number[][] {
  const items = options.items ?? defaultSimItems();
  const respondents = options.respondents ?? 10000;
  const seed = options.seed ?? 1;
  const temperature = options.temperature ?? 0;
  const key = JSON.stringify([truth.traitCorrelation, truth.items, truth.misKeyedItems, truth.temperatureNoise, items, respondents, seed, temperature]);
  const known = cache.get(key);
  if (known) return known;

  const traitOfItem = items.map((item) => SIM_TRAITS.indexOf(`${item.inventory}:${item.domain}`));
  const parameters = items.map((item) => itemParameters(truth, item.inventory, item.itemId));
  // What the simulated model answers with (a mis-keyed item flipped); scoring always uses the inventory's key.
  const answeredReversed = items.map((item) => (isMisKeyed(truth.misKeyedItems, item.inventory, item.itemId) ? !item.reversed : item.reversed));
  const noiseScale = temperature * truth.temperatureNoise;
  const counts = new Array<number>(SIM_TRAITS.length).fill(0);
  for (const index of traitOfItem) if (index >= 0) counts[index]++;
  const rows: number[][] = [];
  const lower = cholesky(truth.traitCorrelation);
  const random = keyedRandom(seed, "expected-correlation");
  for (let respondent = 0; respondent < respondents; respondent++) {
    const theta = multiplyLower(lower, SIM_TRAITS.map(() => random.normal()));
    const sums = new Array<number>(SIM_TRAITS.length).fill(0);
    items.forEach((item, index) => {
      const trait = traitOfItem[index];
      if (trait < 0) return;
      const answer = sampleAnswer(parameters[index], theta[trait], answeredReversed[index], random, noiseScale > 0 ? noiseScale * logisticNoise(random) : 0);
      sums[trait] += item.reversed ? 6 - answer : answer;
    });
    rows.push(sums.map((sum, trait) => (counts[trait] ? sum / counts[trait] : 0)));
  }
  const result = correlationOfColumns(rows);
  cache.set(key, result);
  return result;
}

/** The 6 x 6 HEXACO (rows) by CSI (columns) block of a 12 x 12 matrix in SIM_TRAITS order. */
export function hexacoByCsi(matrix: number[][]): number[][] {
  return HEXACO_DOMAINS.map((_, row) => CSI_DOMAINS.map((__, column) => matrix[row][HEXACO_DOMAINS.length + column]));
}
