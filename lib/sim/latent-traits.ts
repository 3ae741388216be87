import { cholesky, multiplyLower } from "./linear-algebra";
import { keyedRandom } from "../random";
import { domainTruth } from "./domain-truth";
import type { SimPersonaIdentity } from "./persona-text";
import type { SimCondition } from "./sim-conditions";
import { SIM_TRAITS, type SimTruth } from "./sim-truth";

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

/** A persona's 12 latent traits (SIM_TRAITS order), fixed by the seed and its content key (or id). */
export function baseTraits(truth: SimTruth, seed: number, key: string): number[] {
  return correlatedNormal(truth, seed, "traits", key);
}

/**
 * The latent traits the simulator answers with for a persona: drawn from the key of its text (persona-text.ts).
 * A persona re-extracted from a dialogue the simulator wrote for another persona (origin set) has the traits of
 * its origin plus the documented drift and noise, or, for dialogues generated without a persona, the
 * concentrated no-persona distribution.
 */
export function latentTraits(truth: SimTruth, seed: number, identity: SimPersonaIdentity): number[] {
  let cache = traitCache.get(truth);
  if (!cache) traitCache.set(truth, (cache = new Map()));
  const own = identity.key;
  const origin = identity.condition === "no-persona" ? own : (identity.origin ?? null);
  const key = JSON.stringify([seed, own, origin, identity.condition ?? null]);
  const known = cache.get(key);
  if (known) return known;
  // Bounded: a run asks about each persona ~156 times in a row, so a small cache is enough.
  if (cache.size > 20000) cache.clear();
  const traits = computeLatentTraits(truth, seed, own, origin, identity.condition);
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

/** Variance of a weighted sum of latent traits under the model's trait correlation R: l' R l (1 or less keeps the domain standard normal). */
function commonVariance(truth: SimTruth, loadings: ReadonlyArray<{ trait: number; loading: number }>): number {
  let variance = 0;
  for (const a of loadings) for (const b of loadings) variance += a.loading * b.loading * truth.traitCorrelation[a.trait][b.trait];
  return variance;
}

/**
 * A persona's latent value for an inventory domain (generic truth, domain-truth.ts): loading x its latent trait
 * (+ secondary loadings x their traits) + sqrt(1 - l'Rl) x a part of its own, or, for a domain that loads on no trait, a standard-normal value of
 * its own (from the origin's key for a re-extracted persona, plus the drift noise).
 */
export function domainValue(truth: SimTruth, seed: number, identity: SimPersonaIdentity, inventory: string, domain: string): number {
  const source = domainTruth(inventory, domain);
  if (source.kind === "trait") {
    const traits = latentTraits(truth, seed, identity);
    const value = traits[source.trait];
    if (source.loading === 1 && !source.also?.length) return value;
    const loadings = [{ trait: source.trait, loading: source.loading }, ...(source.also ?? [])];
    const unique = keyedRandom(seed, "unique", identity.origin ?? identity.key, inventory, domain).normal();
    const common = loadings.reduce((sum, entry) => sum + entry.loading * traits[entry.trait], 0);
    return common + Math.sqrt(Math.max(0, 1 - commonVariance(truth, loadings))) * unique;
  }
  if (identity.condition === "no-persona") return truth.noPersona.spread * keyedRandom(seed, "no-persona", identity.key, source.name).normal();
  const base = keyedRandom(seed, "independent", identity.origin ?? identity.key, source.name).normal();
  return identity.origin ? base + truth.drift.noise * keyedRandom(seed, "drift", identity.key, source.name).normal() : base;
}
