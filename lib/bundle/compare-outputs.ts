import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Files a re-run must reproduce byte for byte: tables, the figures' specs (their HTML) and summary.json. */
export function isVerifiedOutput(name: string): boolean {
  return /\.(csv|md|tex|html)$/.test(name) && name !== "README.md" ? true : name === "summary.json";
}

/** Keys of summary.json that say how or when a run went, not what it found (calls paid vs cached, the command). */
const VOLATILE_KEYS = new Set(["run", "command"]);

function stripVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripVolatile);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !VOLATILE_KEYS.has(key) && !/(At|Time|timestamp)$/.test(key))
        .map(([key, inner]) => [key, stripVolatile(inner)]),
    );
  }
  return value;
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    if (a[index] !== b[index]) {
      const clip = (text: string | undefined) => (text === undefined ? "(no line)" : JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text));
      return `line ${index + 1}: expected ${clip(a[index])}, got ${clip(b[index])}`;
    }
  }
  return "same text";
}

/**
 * Compares a re-run's folder with the files a bundle recorded: every verified output (isVerifiedOutput) must exist
 * with the same bytes (summary.json without its volatile keys). Returns one line per difference, naming the file
 * and its first differing line; empty when everything matches.
 */
export function compareOutputs(expected: ReadonlyMap<string, Buffer>, directory: string): string[] {
  const differences: string[] = [];
  for (const [name, bytes] of [...expected.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isVerifiedOutput(name)) continue;
    const path = join(directory, name);
    if (!existsSync(path)) {
      differences.push(`${name}: not made by the re-run`);
      continue;
    }
    let want = bytes.toString("utf8");
    let got = readFileSync(path, "utf8");
    if (name === "summary.json") {
      want = JSON.stringify(stripVolatile(JSON.parse(want)), null, 2);
      got = JSON.stringify(stripVolatile(JSON.parse(got)), null, 2);
    }
    if (want !== got) differences.push(`${name}: ${firstDifference(want, got)}`);
  }
  return differences;
}
