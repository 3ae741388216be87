import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findDataFolder, skipWithoutData } from "../support/data-folder";

// Shared by the recovery tests: where the real data is, and a private cache folder per test file.

const REQUIRED = [join("esconv", "train.jsonl"), join("inventories", "hexaco60.json"), join("inventories", "csi96.json")];

/**
 * The folder with ESConv and the two licensed inventories, found where the application looks
 * (test/support/data-folder.ts); undefined when none is complete.
 */
export function recoveryDataDirectory(): string | undefined {
  return findDataFolder(REQUIRED);
}

/** A skip reason for node:test, or false when the real data is there. */
export const recoveryDataSkip: string | false = skipWithoutData(REQUIRED, "ESConv and the real HEXACO-60 / CSI inventories");

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
