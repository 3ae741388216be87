import { hashUniform, type Random } from "../random";
import { simInventoryName } from "./domain-truth";
import type { SimTruth } from "./sim-truth";

/** Graded-response parameters of one inventory item, fixed by the inventory name and item id. */
export interface ItemParameters {
  discrimination: number;
  thresholds: number[];
}

const parameterCache = new WeakMap<SimTruth["items"], Map<string, ItemParameters>>();

export function itemParameters(truth: SimTruth, inventory: string, itemId: string | number): ItemParameters {
  let cache = parameterCache.get(truth.items);
  if (!cache) parameterCache.set(truth.items, (cache = new Map()));
  const key = `${inventory}\u0000${itemId}`;
  const known = cache.get(key);
  if (known) return known;
  const { discrimination, discriminationJitter, thresholds, locationJitter } = truth.items;
  const spread = 2 * hashUniform("discrimination", inventory, itemId) - 1;
  const shift = locationJitter * (2 * hashUniform("location", inventory, itemId) - 1);
  const parameters = {
    discrimination: discrimination * (1 + discriminationJitter * spread),
    thresholds: thresholds.map((threshold) => threshold + shift),
  };
  cache.set(key, parameters);
  return parameters;
}

function logistic(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/**
 * P(answer = 1..5) under the graded-response model: P(answer >= k) = logistic(a * (theta - b_{k-1})) for k = 2..5.
 * A reversed item is answered with -theta, so a high trait means disagreeing; scoring it as 6 - answer keys it back.
 */
export function categoryProbabilities(parameters: ItemParameters, theta: number, reversed: boolean): number[] {
  const position = reversed ? -theta : theta;
  const atLeast = [1, ...parameters.thresholds.map((threshold) => logistic(parameters.discrimination * (position - threshold))), 0];
  return [0, 1, 2, 3, 4].map((index) => Math.max(0, atLeast[index] - atLeast[index + 1]));
}

/** A standard logistic draw (the graded-response model's response noise) from one uniform. */
export function logisticNoise(random: Random): number {
  let u = random.next();
  while (u === 0) u = random.next();
  return Math.log(u / (1 - u));
}

/**
 * One answer 1..5 drawn from the model with a single uniform u: the answer is 1 plus the number of steps k with
 * u < P(answer >= k + 1). (The cumulative probabilities decrease in k, so this has exactly the model's law.)
 * Equivalently, a latent response a (theta - b_k) is compared with the logistic noise logit(u); `extraNoise` (the
 * temperature's sample noise, 0 at temperature 0) is added to that noise, making answers less reliable.
 */
export function sampleAnswer(parameters: ItemParameters, theta: number, reversed: boolean, random: Random, extraNoise = 0): number {
  const position = reversed ? -theta : theta;
  const u = random.next();
  let answer = 1;
  if (extraNoise === 0) {
    for (const threshold of parameters.thresholds) {
      if (u < logistic(parameters.discrimination * (position - threshold))) answer++;
      else break;
    }
    return answer;
  }
  const noise = Math.log(u / (1 - u)) + extraNoise;
  for (const threshold of parameters.thresholds) {
    if (noise < parameters.discrimination * (position - threshold)) answer++;
    else break;
  }
  return answer;
}

/** Whether the truth makes the simulated model answer this item with the wrong key (SimTruth.misKeyedItems). */
export function isMisKeyed(misKeyedItems: readonly string[], inventory: string, itemId: string | number): boolean {
  if (misKeyedItems.length === 0) return false;
  const name = simInventoryName(inventory);
  return misKeyedItems.some((entry) => {
    const [entryInventory, entryItem] = entry.split("#");
    return simInventoryName(entryInventory) === name && entryItem.trim() === String(itemId);
  });
}
