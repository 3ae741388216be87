import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { z } from "zod";
import { MissingDataError } from "../errors";
import { projectRoot } from "../paths";
import { loadManifest, type DataManifest } from "./manifest";

/**
 * Written into a data folder by `npm run data`, and updated on load: which files were verified against
 * data/manifest.json, at which size and mtime. A folder without it (a test fixture folder, a hand-made folder)
 * is not checked, except the project's own data/raw, which is where `npm run data` puts the files.
 */
export const VERIFIED_FILE = ".verified.json";

const FETCH_STATE_FILE = ".fetch-state.json";

const verifiedSchema = z.record(z.string(), z.object({ bytes: z.number(), mtimeMs: z.number(), sha256: z.string() }));
type Verified = z.infer<typeof verifiedSchema>;

/** Datasets users transcribe themselves: checked by their schema when loaded, never by checksum. */
const UNCHECKED_DATASETS = new Set(["inventories"]);

let manifest: DataManifest | undefined;

function readJson<T>(path: string, schema: z.ZodType<T>): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function filledByFetch(directory: string): boolean {
  return existsSync(join(directory, VERIFIED_FILE)) || resolve(directory) === resolve(projectRoot(), "data", "raw");
}

/** Marks a folder as filled by `npm run data`, so its files are checked when loaded. */
export function markFetchedFolder(directory: string): void {
  const path = join(directory, VERIFIED_FILE);
  if (!existsSync(path)) writeFileSync(path, "{}\n");
}

/**
 * Checks a dataset file of a folder `npm run data` filled against data/manifest.json: its size, then its sha256,
 * once; a file that passed is remembered by size and mtime, so later loads cost one stat. A file that differs
 * (truncated, edited, another version) is a MissingDataError naming it and the command that repairs it (exit 4).
 */
export function checkDataFile(path: string, directory: string): void {
  const relativePath = relative(directory, path).split(sep).join("/");
  if (relativePath.startsWith("..") || !filledByFetch(directory)) return;
  manifest ??= loadManifest();
  const entry = manifest.files.find((file) => file.path === relativePath);
  // Hand-made files (no canonical source) are the user's own; inventories are checked by schema.
  if (!entry || entry.url === null || UNCHECKED_DATASETS.has(entry.dataset)) return;
  const stat = statSync(path);
  const verifiedPath = join(directory, VERIFIED_FILE);
  const verified: Verified = readJson(verifiedPath, verifiedSchema) ?? {};
  const known = verified[relativePath];
  if (known && known.bytes === stat.size && known.mtimeMs === stat.mtimeMs) return;
  // A transformed download (PersonaHub) is checked against the checksum `npm run data` recorded for it.
  const derived = entry.derive ? readJson(join(directory, FETCH_STATE_FILE), z.record(z.string(), z.object({ sha256: z.string() })))?.[relativePath]?.sha256 : undefined;
  const expected = derived ?? entry.sha256;
  const remedy = "run `npm run data -- --force` to fetch it again";
  if (!derived && entry.bytes !== undefined && stat.size !== entry.bytes) {
    throw new MissingDataError(path, `differs from data/manifest.json: ${stat.size} bytes, expected ${entry.bytes} (truncated or another version); ${remedy}`);
  }
  const actual = createHash("sha256").update(readFileSync(path)).digest("hex");
  if (actual !== expected) {
    throw new MissingDataError(path, `differs from data/manifest.json: sha256 ${actual.slice(0, 12)}..., expected ${expected.slice(0, 12)}... (edited or another version); ${remedy}`);
  }
  verified[relativePath] = { bytes: stat.size, mtimeMs: stat.mtimeMs, sha256: actual };
  try {
    writeFileSync(verifiedPath, JSON.stringify(verified, null, 2) + "\n");
  } catch {
    // A read-only data folder: the file is checked again next time, which is only slower.
  }
}
