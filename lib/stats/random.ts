// Bootstrap and any other resampling must be reproducible from a seed alone, so the library never calls
// Math.random. mulberry32 is tiny, fast and statistically adequate for resampling (it is not cryptographic).

/** A seeded source of uniform numbers in [0, 1). */
export interface Random {
  /** The next uniform number in [0, 1). */
  next(): number;
  /** A uniform integer in [0, bound). */
  integer(bound: number): number;
}

/** Turns any integer (or string) seed into a 32-bit state; strings let callers seed by a run name. */
function seedState(seed: number | string): number {
  if (typeof seed === "number") {
    if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
    return Math.trunc(seed) >>> 0;
  }
  // FNV-1a over the UTF-16 code units.
  let hash = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) {
    hash ^= seed.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32 (Tommy Ettinger): the same seed always yields the same sequence on every platform. */
export function createRandom(seed: number | string): Random {
  let state = seedState(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer(bound: number): number {
      if (!Number.isInteger(bound) || bound <= 0) throw new Error(`bound must be a positive integer, got ${bound}`);
      return Math.floor(next() * bound);
    },
  };
}
