import { normalQuantile } from "./distributions";

/**
 * The smallest |r| a two-sided test at `alpha` detects with probability `power` from n pairs, by Fisher's z
 * (atanh r is normal with standard error 1 / sqrt(n - 3)): tanh((z_(1-alpha/2) + z_power) / sqrt(n - 3)).
 * NaN for n < 4. At n = 100: .28; n = 20: .59 (alpha .05, power .8).
 */
export function minimumDetectableCorrelation(n: number, options: { alpha?: number; power?: number } = {}): number {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (!(n >= 4)) return Number.NaN;
  return Math.tanh((normalQuantile(1 - alpha / 2) + normalQuantile(power)) / Math.sqrt(n - 3));
}

/** The power sentence of a correlation output: "With n = 100, |r| >= .28 is detected with 80% power (two-sided alpha = .05)." */
export function powerNote(n: number, options: { alpha?: number; power?: number } = {}): string {
  const r = minimumDetectableCorrelation(n, options);
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (!Number.isFinite(r)) return `With n = ${n}, no correlation can be tested (n < 4).`;
  return `Power: with n = ${n}, the smallest |r| detected with ${Math.round(power * 100)}% power is ${r.toFixed(2).replace(/^0/, "")} (two-sided alpha = ${String(alpha).replace(/^0/, "")}, Fisher z; before the correction for multiple comparisons).`;
}
