import { keyedRandom, type Random } from "../random";
import { traitIndex } from "./domain-truth";
import { isMisKeyed, itemParameters, type ItemParameters } from "./item-response";
import { cholesky, multiplyLower } from "./linear-algebra";
import { defaultSimItems, type SimItem } from "./sim-items";
import { SIM_TRAITS, type SimTruth } from "./sim-truth";

/** The Monte-Carlo settings shared by expectedScoreCorrelation and expectedReliability. */
export interface MonteCarloOptions {
  /** The item design (simItemsFromInventory(inventory) for the real one); default defaultSimItems(). */
  items?: SimItem[];
  /** Simulated respondents; default 10,000. */
  respondents?: number;
  seed?: number;
  /** Sampling temperature (0 default): above 0 each answer carries the temperature's extra noise. */
  temperature?: number;
}

/** Everything a Monte-Carlo run over the simulator's item-response model needs, fixed once per truth and design. */
export interface MonteCarloDesign {
  items: SimItem[];
  respondents: number;
  seed: number;
  temperature: number;
  /** temperature x truth.temperatureNoise: the scale of the extra logistic noise per answer (0 at temperature 0). */
  noiseScale: number;
  /** The cache key of a result: truth parts that matter, design, respondents, seed, temperature. */
  key: string;
  /** Index into SIM_TRAITS of each item's domain (generic truth, loading 1), or -1 for a domain that is no latent trait. */
  traitOfItem: number[];
  parameters: ItemParameters[];
  /** How the simulated model answers each item (a mis-keyed item flipped); scoring always uses the inventory's key. */
  answeredReversed: boolean[];
}

export function monteCarloDesign(truth: SimTruth, options: MonteCarloOptions = {}): MonteCarloDesign {
  const items = options.items ?? defaultSimItems();
  const respondents = options.respondents ?? 10000;
  const seed = options.seed ?? 1;
  const temperature = options.temperature ?? 0;
  return {
    items,
    respondents,
    seed,
    temperature,
    noiseScale: temperature * truth.temperatureNoise,
    key: JSON.stringify([truth.traitCorrelation, truth.items, truth.misKeyedItems, truth.temperatureNoise, items, respondents, seed, temperature]),
    traitOfItem: items.map((item) => traitIndex(item.inventory, item.domain)),
    parameters: items.map((item) => itemParameters(truth, item.inventory, item.itemId)),
    answeredReversed: items.map((item) => (isMisKeyed(truth.misKeyedItems, item.inventory, item.itemId) ? !item.reversed : item.reversed)),
  };
}

/**
 * Draws the design's respondents from N(0, R) (R = truth.traitCorrelation) on one seeded stream and hands each
 * one's latent traits (SIM_TRAITS order) to `visit`, with the stream to draw its answers from.
 */
export function forEachRespondent(truth: SimTruth, design: MonteCarloDesign, stream: string, visit: (theta: number[], random: Random, respondent: number) => void): void {
  const lower = cholesky(truth.traitCorrelation);
  const random = keyedRandom(design.seed, stream);
  for (let respondent = 0; respondent < design.respondents; respondent++) {
    visit(multiplyLower(lower, SIM_TRAITS.map(() => random.normal())), random, respondent);
  }
}
