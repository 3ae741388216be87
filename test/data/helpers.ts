import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../lib/paths";

/** Small made-up files written for these tests. */
export function fixture(...parts: string[]): string {
  return join(projectRoot(), "test", "fixtures", "data", ...parts);
}

/** The read-only reference copy of the real datasets beside the checkout (../shared/data). */
export const SHARED_DATA = join(projectRoot(), "..", "shared", "data");

/** node:test `skip` option: a reason string when the reference data is absent, else false. */
export function skipWithoutSharedData(): string | false {
  return existsSync(join(SHARED_DATA, "esconv", "train.jsonl"))
    ? false
    : `reference data not found at ${SHARED_DATA} (place a copy laid out like ../shared/data there)`;
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
