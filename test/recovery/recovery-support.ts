import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataDirectory, projectRoot } from "../../lib/paths";

// Shared by the recovery tests: where the real data is, and a private cache folder per test file.

const REQUIRED = [join("esconv", "train.jsonl"), join("inventories", "hexaco60.json"), join("inventories", "csi96.json")];

function complete(directory: string): boolean {
  return REQUIRED.every((file) => existsSync(join(directory, file)));
}

/**
 * The folder with ESConv and the two licensed inventories: the project's data folder once `npm run data` has
 * filled it (as CI does), else the reference copy at ../shared/data; undefined when neither is complete.
 */
export function recoveryDataDirectory(): string | undefined {
  if (complete(dataDirectory())) return dataDirectory();
  const shared = join(projectRoot(), "..", "shared", "data");
  return complete(shared) ? shared : undefined;
}

/** A skip reason for node:test, or false when the real data is there. */
export const recoveryDataSkip: string | false = recoveryDataDirectory()
  ? false
  : `needs ESConv and the real HEXACO-60 / CSI inventories (${REQUIRED.join(", ")}) in ${dataDirectory()}; ` +
    "run `npm run data -- --from ../shared/data` first";

/**
 * Points this test process at the real data (PERSONA_TALKS_DATA) and at a fresh, empty cache folder
 * (PERSONA_TALKS_CACHE), so nothing from the user's cache/ is read or written. Call remove() afterwards.
 */
export function isolateRecoveryRun(): { cacheDirectory: string; remove(): void } {
  const data = recoveryDataDirectory();
  if (data) process.env.PERSONA_TALKS_DATA = data;
  const cacheDirectory = mkdtempSync(join(tmpdir(), "pt-recovery-"));
  process.env.PERSONA_TALKS_CACHE = cacheDirectory;
  return { cacheDirectory, remove: () => rmSync(cacheDirectory, { recursive: true, force: true }) };
}

/** "0.561" / "-0.303": three decimals for the diagnostics tables. */
export function decimals(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}
