/** cyrb128: a fast 128-bit string hash (public domain), enough to seed a simulation stream. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A seeded random stream: sfc32 keyed by a hash of its parts, so every draw is reproducible from the seed. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  normal(): number;
  integer(maxExclusive: number): number;
  /** An index drawn with the given (non-negative, not necessarily normalized) weights. */
  weighted(weights: number[]): number;
}

export function createRandom(...parts: Array<string | number | boolean | undefined>): Random {
  let [a, b, c, d] = cyrb128(parts.map((part) => String(part ?? "")).join("\u0000"));
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let index = 0; index < 12; index++) next();
  let spare: number | undefined;
  return {
    next,
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
    integer(maxExclusive) {
      return Math.floor(next() * maxExclusive);
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
  };
}

/** A number in [0, 1) fixed by its key (for per-item parameters). */
export function hashUniform(...parts: Array<string | number>): number {
  return createRandom("uniform", ...parts).next();
}
