import { join } from "node:path";
import { projectRoot } from "../../lib/paths";
import { findDataFolder, skipWithoutData } from "../support/data-folder";

/** Small made-up files written for these tests. */
export function fixture(...parts: string[]): string {
  return join(projectRoot(), "test", "fixtures", "data", ...parts);
}

/**
 * The folder with the real datasets, found where the application looks (test/support/data-folder.ts); the name
 * stays from when only ../shared/data was looked in. Empty when there is none (the tests using it are skipped).
 */
export const SHARED_DATA = findDataFolder() ?? "";

/** node:test `skip` option: a reason string when the real data is absent, else false. */
export function skipWithoutSharedData(): string | false {
  return skipWithoutData();
}

/** ESConv's supporter-turn counts per strategy, as ../shared/data/README.md states them. */
export const ESCONV_README_STRATEGY_COUNTS = {
  Question: 3801,
  Others: 3341,
  "Providing Suggestions": 2954,
  "Affirmation and Reassurance": 2827,
  "Self-disclosure": 1713,
  "Reflection of feelings": 1436,
  Information: 1215,
  "Restatement or Paraphrasing": 1089,
};
