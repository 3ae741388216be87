import { mulberry32, mulberry32Seed } from "./mulberry32";
import { sfc32 } from "./sfc32";

// Every random draw in the library comes from here, seeded, so that bootstrap intervals, retry jitter, row
// samples and simulator answers are reproducible from a seed alone (the library never calls Math.random).
// Two algorithms are kept because existing outputs pin their exact streams: mulberry32 for a plain seed
// (bootstrap, jitter, row samples) and sfc32 for the simulator's keyed streams.

/** A bare uniform source in [0, 1) (what the runner's backoff needs). */
export type RandomSource = () => number;

/** A seeded random stream and the draws built on it. */
export interface Random {
  /** Uniform in [0, 1). Safe to pass on alone as a RandomSource. */
  next: RandomSource;
  /** A uniform integer in [0, bound); bound must be a positive integer. */
  integer(bound: number): number;
  /** A standard normal draw (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number;
  /** An index drawn with the given (non-negative, not necessarily normalized) weights. */
  weighted(weights: readonly number[]): number;
  /** A shuffled copy (Fisher-Yates from the last position down). */
  shuffle<Item>(items: readonly Item[]): Item[];
}

/** The draws of Random on top of any uniform source. */
export function randomFrom(next: RandomSource): Random {
  const integer = (bound: number): number => {
    if (!Number.isInteger(bound) || bound <= 0) throw new Error(`bound must be a positive integer, got ${bound}`);
    return Math.floor(next() * bound);
  };
  let spare: number | undefined;
  return {
    next,
    integer,
    normal() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    weighted(weights) {
      const total = weights.reduce((sum, weight) => sum + Math.max(0, weight), 0);
      let target = next() * total;
      for (let index = 0; index < weights.length; index++) {
        target -= Math.max(0, weights[index]);
        if (target < 0) return index;
      }
      return weights.length - 1;
    },
    shuffle(items) {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = integer(index + 1);
        [copy[index], copy[other]] = [copy[other], copy[index]];
      }
      return copy;
    },
  };
}

/** A stream from one seed (a number, or a text such as a run name): mulberry32. */
export function createRandom(seed: number | string): Random {
  return randomFrom(mulberry32(mulberry32Seed(seed)));
}

/**
 * A stream derived from a key of several parts (seed, purpose, ids): sfc32 keyed by a hash of the parts, so
 * different keys give independent streams and a draw does not depend on the order of other draws.
 */
export function keyedRandom(...parts: Array<string | number | boolean | undefined>): Random {
  return randomFrom(sfc32(parts.map((part) => String(part ?? "")).join("\u0000")));
}

/** A number in [0, 1) fixed by its key (for per-item parameters). */
export function hashUniform(...parts: Array<string | number>): number {
  return keyedRandom("uniform", ...parts).next();
}
