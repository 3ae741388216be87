import { UsageError } from "./errors";

// TypeScript flags an unknown key in an object literal, but plain JavaScript callers, options built elsewhere and
// the CLI get no such check: a typo like `promptOverride` would be silently ignored and the run would use the
// paper's prompt. Every public entry point that takes an options object checks its keys at run time too.

/** Edit distance, to suggest the key that was probably meant. */
function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The closest known key, when it is close enough to be a likely typo. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(key, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * Throws a UsageError naming the first unknown key of `options` (and the key probably meant), e.g.
 * `analyzeRq1: unknown option "promptOverride" (did you mean "promptOverrides"?); known options: ...`.
 * Keys whose value is undefined are ignored (spreading a partial config is fine).
 */
export function rejectUnknownKeys(options: unknown, known: readonly string[], where: string): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new UsageError(`${where}: options must be an object, got ${Array.isArray(options) ? "an array" : JSON.stringify(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (known.includes(key) || value === undefined) continue;
    const guess = closestKey(key, known);
    throw new UsageError(`${where}: unknown option "${key}"${guess ? ` (did you mean "${guess}"?)` : ""}; known options: ${known.join(", ")}`);
  }
}

/** Throws unless `value` is a whole number >= minimum (undefined passes when not required). */
export function checkWholeNumber(value: unknown, name: string, where: string, minimum = 0): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
    throw new UsageError(`${where}: ${name} must be a whole number >= ${minimum}, got ${JSON.stringify(value)}`);
  }
}
