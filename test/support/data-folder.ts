import { existsSync } from "node:fs";
import { join } from "node:path";
import { dataDirectory, projectRoot } from "../../lib/paths";

// Every test that needs the real data finds it here, where the application does: dataDirectory()
// (PERSONA_TALKS_DATA, else data/raw as `npm run data` fills it), then the reference copy beside the checkout
// (../shared/data, as on lab machines and CI). PERSONA_TALKS_TEST_NO_SHARED=1 leaves out the last one, to check
// that a fresh clone with its data in data/raw runs every test that has its data.

/** The reference copy beside the checkout; only a fallback. */
export const SHARED_DATA = join(projectRoot(), "..", "shared", "data");

/** The folders looked in, in order. */
export function dataFolderCandidates(): string[] {
  const folders = [dataDirectory()];
  if (process.env.PERSONA_TALKS_TEST_NO_SHARED !== "1" && !folders.includes(SHARED_DATA)) folders.push(SHARED_DATA);
  return folders;
}

/** The ESConv splits: what most data tests need. */
export const ESCONV_TRAIN = join("esconv", "train.jsonl");
export const INVENTORY_FILES = [join("inventories", "hexaco60.json"), join("inventories", "csi96.json")];

/** The first folder holding every `required` file (paths relative to a data folder), else undefined. */
export function findDataFolder(required: readonly string[] = [ESCONV_TRAIN]): string | undefined {
  return dataFolderCandidates().find((folder) => required.every((file) => existsSync(join(folder, file))));
}

/** A node:test `skip` reason naming what is missing and where it was looked for, or false when found. */
export function skipWithoutData(required: readonly string[] = [ESCONV_TRAIN], what = "the real data"): string | false {
  if (findDataFolder(required)) return false;
  return `${what} not found: needs ${required.join(", ")} in ${dataFolderCandidates().join(" or ")} (run \`npm run data\`)`;
}
