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

/** Who a simulated persona is: its content key (or, without one, its id) and, for a re-extracted persona, its origin. */
export interface SimPersonaIdentity {
  personaId: string;
  /** simPersonaKey(card): the traits follow from it when given; else from personaId. */
  personaKey?: string;
  /** The persona this one was re-extracted from (RQ2). */
  derivedFrom?: string;
  /** The origin's content key (simPersonaKey of the card the dialogue was generated for); else derivedFrom is used. */
  derivedFromKey?: string;
  condition?: SimCondition;
}

/** A persona's 12 latent traits (SIM_TRAITS order), fixed by the seed and its content key (or id). */
export function baseTraits(truth: SimTruth, seed: number, key: string): number[] {
  return correlatedNormal(truth, seed, "traits", key);
}

/**
 * The latent traits the simulator answers with for a persona: drawn from its card's content key. A persona
 * re-extracted from a generated dialogue (derivedFrom set) has the traits of its origin (derivedFromKey) plus the
 * documented drift and noise, or, for dialogues generated without a persona, the concentrated no-persona
 * distribution.
 */
export function latentTraits(truth: SimTruth, seed: number, context: SimPersonaIdentity): number[] {
  let cache = traitCache.get(truth);
  if (!cache) traitCache.set(truth, (cache = new Map()));
  const own = context.personaKey ?? context.personaId;
  const origin = context.derivedFrom ? (context.derivedFromKey ?? context.derivedFrom) : null;
  const key = JSON.stringify([seed, own, origin, context.condition ?? null]);
  const known = cache.get(key);
  if (known) return known;
  // Bounded: a run asks about each persona ~156 times in a row, so a small cache is enough.
  if (cache.size > 20000) cache.clear();
  const traits = computeLatentTraits(truth, seed, own, origin, context.condition);
  cache.set(key, traits);
  return traits;
}

const traitCache = new WeakMap<SimTruth, Map<string, number[]>>();

function computeLatentTraits(truth: SimTruth, seed: number, own: string, origin: string | null, condition: SimCondition | undefined): number[] {
  if (origin === null) return baseTraits(truth, seed, own);
  if (condition === "no-persona") {
    const draw = correlatedNormal(truth, seed, "no-persona", own);
    return SIM_TRAITS.map((trait, index) => (truth.noPersona.center[trait] ?? 0) + truth.noPersona.spread * draw[index]);
  }
  const base = baseTraits(truth, seed, origin);
  const random = keyedRandom(seed, "drift", own, origin, condition);
  return SIM_TRAITS.map((trait, index) => base[index] + (truth.drift.shift[trait] ?? 0) + truth.drift.noise * random.normal());
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
