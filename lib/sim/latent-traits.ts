import { cholesky, multiplyLower } from "./linear-algebra";
import { keyedRandom } from "../random";
import type { SimCondition } from "./sim-context";
import { SIM_CSI_NAME, SIM_HEXACO_NAME, SIM_TRAITS, type SimTruth } from "./sim-truth";

const choleskyCache = new WeakMap<number[][], number[][]>();

function lowerFactor(truth: SimTruth): number[][] {
  let lower = choleskyCache.get(truth.traitCorrelation);
  if (!lower) {
    lower = cholesky(truth.traitCorrelation);
    choleskyCache.set(truth.traitCorrelation, lower);
  }
  return lower;
}

/** A correlated standard-normal draw N(0, R) for the key. */
function correlatedNormal(truth: SimTruth, ...key: Array<string | number>): number[] {
  const random = keyedRandom(...key);
  const independent = SIM_TRAITS.map(() => random.normal());
  return multiplyLower(lowerFactor(truth), independent);
}

/** A persona's 12 latent traits (SIM_TRAITS order), fixed by the seed and its id. */
export function baseTraits(truth: SimTruth, seed: number, personaId: string): number[] {
  return correlatedNormal(truth, seed, "traits", personaId);
}

/**
 * The latent traits the simulator answers with for a persona. A persona re-extracted from a generated dialogue
 * (derivedFrom set) has the traits of its origin plus the documented drift and noise, or, for dialogues
 * generated without a persona, the concentrated no-persona distribution.
 */
export function latentTraits(
  truth: SimTruth,
  seed: number,
  context: { personaId: string; derivedFrom?: string; condition?: SimCondition },
): number[] {
  let cache = traitCache.get(truth);
  if (!cache) traitCache.set(truth, (cache = new Map()));
  const key = JSON.stringify([seed, context.personaId, context.derivedFrom ?? null, context.condition ?? null]);
  const known = cache.get(key);
  if (known) return known;
  // Bounded: a run asks about each persona ~156 times in a row, so a small cache is enough.
  if (cache.size > 20000) cache.clear();
  const traits = computeLatentTraits(truth, seed, context);
  cache.set(key, traits);
  return traits;
}

const traitCache = new WeakMap<SimTruth, Map<string, number[]>>();

function computeLatentTraits(
  truth: SimTruth,
  seed: number,
  context: { personaId: string; derivedFrom?: string; condition?: SimCondition },
): number[] {
  if (!context.derivedFrom) return baseTraits(truth, seed, context.personaId);
  if (context.condition === "no-persona") {
    const draw = correlatedNormal(truth, seed, "no-persona", context.personaId);
    return SIM_TRAITS.map((trait, index) => (truth.noPersona.center[trait] ?? 0) + truth.noPersona.spread * draw[index]);
  }
  const origin = baseTraits(truth, seed, context.derivedFrom);
  const random = keyedRandom(seed, "drift", context.personaId, context.derivedFrom, context.condition);
  return SIM_TRAITS.map((trait, index) => origin[index] + (truth.drift.shift[trait] ?? 0) + truth.drift.noise * random.normal());
}

/** "HEXACO-60", "hexaco", "HEXACO-PI-R" -> "HEXACO-60"; "CSI", "csi96" -> "CSI"; else undefined. */
export function simInventoryName(inventory: string): string | undefined {
  const text = inventory.toLowerCase();
  if (text.includes("hexaco")) return SIM_HEXACO_NAME;
  if (text.includes("csi") || text.includes("communication")) return SIM_CSI_NAME;
  return undefined;
}

/** Index into SIM_TRAITS of an inventory domain, or -1. */
export function traitIndex(inventory: string, domain: string): number {
  const name = simInventoryName(inventory);
  if (!name) return -1;
  const wanted = domain.trim().toLowerCase();
  return SIM_TRAITS.findIndex((trait) => trait.toLowerCase() === `${name.toLowerCase()}:${wanted}`);
}
