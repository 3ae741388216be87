import { existsSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { MissingDataError } from "../errors";
import { dataDirectory } from "../paths";
import { checkDataFile } from "./check-data-file";

export const FETCH_REMEDY =
  "run `npm run data` (or `npm run data -- --from DIR` to copy from a folder laid out like ../shared/data); " +
  "the data folder is PERSONA_TALKS_DATA or data/raw";

/**
 * Absolute path of a dataset file ("esconv/train.jsonl") in the data folder, or a MissingDataError saying what to
 * run; a file `npm run data` put there must still match data/manifest.json (see checkDataFile).
 */
export function requireDataFile(relativePath: string, directory: string = dataDirectory()): string {
  const path = isAbsolute(relativePath) ? relativePath : join(directory, relativePath);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new MissingDataError(path, `dataset file not found; ${FETCH_REMEDY}`);
  }
  if (!isAbsolute(relativePath)) checkDataFile(path, directory);
  return path;
}

/** True when the dataset file is present (no checksum check; `persona-talks data fetch` verifies). */
export function hasDataFile(relativePath: string, directory: string = dataDirectory()): boolean {
  const path = join(directory, relativePath);
  return existsSync(path) && statSync(path).isFile();
}
