import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { MissingDataError } from "../errors";
import { dataDirectory } from "../paths";
import { loadManifest, type DataManifest, type ManifestEntry } from "./manifest";
import { markFetchedFolder } from "./check-data-file";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export const FETCH_STATE_FILE = ".fetch-state.json";

// What a download that was transformed (PersonaHub) produced: its checksum cannot be in the manifest, so it is
// remembered here and checked on later runs.
const stateSchema = z.record(
  z.string(),
  z.object({ sha256: z.string(), url: z.string(), downloadSha256: z.string(), derived: z.string(), fetchedAt: z.string() }),
);
type FetchState = z.infer<typeof stateSchema>;

function readState(directory: string): FetchState {
  const path = join(directory, FETCH_STATE_FILE);
  if (!existsSync(path)) return {};
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return parsed.success ? parsed.data : {};
  } catch {
    // an unreadable state file only means derived downloads are fetched again
    return {};
  }
}

function writeState(directory: string, state: FetchState): void {
  writeFileSync(join(directory, FETCH_STATE_FILE), JSON.stringify(state, null, 2) + "\n");
}

export type FileStatus =
  | "verified" // already present with the expected checksum; left alone
  | "copied"
  | "downloaded"
  | "derived" // downloaded and transformed (checksum recorded locally)
  | "user-provided"; // a hand-made file (no canonical url) that differs from the reference copy

export interface FetchedFile {
  path: string;
  status: FileStatus;
  sha256: string;
}

export interface FetchDataOptions {
  /** Copy from this folder (laid out like ../shared/data) instead of downloading. */
  from?: string;
  /** Copy or download again even when the present file verifies. */
  force?: boolean;
  /** Target data folder; default dataDirectory() (PERSONA_TALKS_DATA, else data/raw). */
  directory?: string;
  manifest?: DataManifest;
  /** Only these datasets ("esconv", "cams", ...). */
  datasets?: string[];
  /** Progress lines; default console.log. */
  log?: (line: string) => void;
  /** For tests: a fetch that talks to a local server. */
  fetchImplementation?: typeof fetch;
}

export const FETCH_COMMAND = "npm run data";

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Keeps the first `count` distinct personas (trimmed text) of a PersonaHub JSON-lines file, lines verbatim. */
export function keepFirstUniquePersonas(bytes: Uint8Array, count: number, source: string): Buffer {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const line of Buffer.from(bytes).toString("utf8").split(/\r?\n/)) {
    if (kept.length >= count) break;
    if (!line.trim()) continue;
    let persona: unknown;
    try {
      persona = (JSON.parse(line) as { persona?: unknown }).persona;
    } catch {
      throw new MissingDataError(source, "download is not JSON lines; the source may have changed");
    }
    if (typeof persona !== "string" || !persona.trim() || seen.has(persona.trim())) continue;
    seen.add(persona.trim());
    kept.push(line);
  }
  if (kept.length < count) {
    throw new MissingDataError(source, `download has only ${kept.length} unique personas, fewer than the ${count} required`);
  }
  return Buffer.from(kept.join("\n") + "\n", "utf8");
}

interface Failure {
  path: string;
  reason: string;
}

function isPresentAndVerified(target: string, entry: ManifestEntry, state: FetchState): FileStatus | undefined {
  if (!existsSync(target) || !statSync(target).isFile()) return undefined;
  const hash = sha256Hex(readFileSync(target));
  if (hash === entry.sha256) return "verified";
  if (entry.derive && state[entry.path]?.sha256 === hash) return "verified";
  if (entry.url === null) return "user-provided";
  return undefined;
}

function writeAtomically(target: string, bytes: Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.part`;
  writeFileSync(partial, bytes);
  renameSync(partial, target);
}

async function download(url: string, fetchImplementation: typeof fetch): Promise<Buffer> {
  const response = await fetchImplementation(url, { redirect: "follow" });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Puts every manifest file into the data folder, copying from `from` or downloading from its url, and checks
 * sha256. Files already present and verified are skipped (unless `force`). Problems with individual files are
 * collected; at the end ONE MissingDataError names the first bad file, lists all of them and says what to run.
 */
export async function fetchData(options: FetchDataOptions = {}): Promise<FetchedFile[]> {
  const manifest = options.manifest ?? loadManifest();
  const directory = resolve(options.directory ?? dataDirectory());
  const log = options.log ?? ((line: string) => console.log(line));
  const fetchImplementation = options.fetchImplementation ?? fetch;
  const from = options.from ? resolve(options.from) : undefined;
  if (from && (!existsSync(from) || !statSync(from).isDirectory())) {
    throw new MissingDataError(from, "the --from folder does not exist; give a folder laid out like ../shared/data");
  }
  const entries = manifest.files.filter((entry) => !options.datasets || options.datasets.includes(entry.dataset));
  mkdirSync(directory, { recursive: true });
  const state = readState(directory);
  const results: FetchedFile[] = [];
  const failures: Failure[] = [];
  log(`data folder: ${directory}${from ? ` (copying from ${from})` : ""}`);

  for (const [index, entry] of entries.entries()) {
    const prefix = `[${index + 1}/${entries.length}] ${entry.path}:`;
    const target = join(directory, entry.path);
    const present = options.force ? undefined : isPresentAndVerified(target, entry, state);
    if (present === "verified") {
      log(`${prefix} present, sha256 ok`);
      results.push({ path: entry.path, status: "verified", sha256: entry.sha256 });
      continue;
    }
    if (present === "user-provided" && !from) {
      log(`${prefix} present, differs from the reference copy (kept: no canonical source to compare with)`);
      results.push({ path: entry.path, status: "user-provided", sha256: sha256Hex(readFileSync(target)) });
      continue;
    }
    try {
      if (from) {
        const source = join(from, entry.path);
        if (!existsSync(source)) throw new Error(`not found in the --from folder (${source})`);
        const bytes = readFileSync(source);
        const hash = sha256Hex(bytes);
        if (hash !== entry.sha256 && entry.url !== null) {
          throw new Error(`checksum mismatch in ${source} (expected ${entry.sha256}, got ${hash}): the copy is corrupt or a different version`);
        }
        writeAtomically(target, bytes);
        const status: FileStatus = hash === entry.sha256 ? "copied" : "user-provided";
        log(`${prefix} copied (${megabytes(bytes.length)}), ${status === "copied" ? "sha256 ok" : "differs from the reference copy (hand-made file, kept)"}`);
        results.push({ path: entry.path, status, sha256: hash });
        continue;
      }
      if (entry.url === null) throw new Error(entry.instructions ?? "no canonical source: obtain this file by hand");
      log(`${prefix} downloading ${entry.url}`);
      const bytes = await download(entry.url, fetchImplementation);
      const downloadHash = sha256Hex(bytes);
      if (entry.derive) {
        const derived = keepFirstUniquePersonas(bytes, entry.derive.keepFirstUnique, entry.url);
        const hash = sha256Hex(derived);
        writeAtomically(target, derived);
        state[entry.path] = {
          sha256: hash,
          url: entry.url,
          downloadSha256: downloadHash,
          derived: `first ${entry.derive.keepFirstUnique} unique personas`,
          fetchedAt: new Date().toISOString(),
        };
        writeState(directory, state);
        const matches = hash === entry.sha256 ? "matches the reference copy" : "not the reference sample; checksum recorded in " + FETCH_STATE_FILE;
        log(`${prefix} downloaded ${megabytes(bytes.length)}, kept the first ${entry.derive.keepFirstUnique} unique personas (${matches})`);
        results.push({ path: entry.path, status: "derived", sha256: hash });
        continue;
      }
      if (downloadHash !== entry.sha256) {
        throw new Error(`checksum mismatch after download (expected ${entry.sha256}, got ${downloadHash}): the source changed or the download is damaged`);
      }
      writeAtomically(target, bytes);
      log(`${prefix} downloaded ${megabytes(bytes.length)}, sha256 ok`);
      results.push({ path: entry.path, status: "downloaded", sha256: downloadHash });
    } catch (error) {
      const reason = error instanceof MissingDataError ? error.message : (error as Error).message;
      log(`${prefix} FAILED: ${reason}`);
      failures.push({ path: entry.path, reason });
    }
  }

  if (failures.length) {
    const [first] = failures;
    const others = failures.slice(1).map((failure) => failure.path);
    const remedy = from
      ? `replace the file(s) in ${from} with good copies, or run \`${FETCH_COMMAND}\` to download`
      : `run \`${FETCH_COMMAND}\` again (add --force to re-download), or \`${FETCH_COMMAND} -- --from DIR\` to copy from a folder laid out like ../shared/data`;
    throw new MissingDataError(
      join(directory, first.path),
      `${first.reason}${others.length ? `; also failed: ${others.join(", ")}` : ""}. To fix: ${remedy}`,
    );
  }
  markFetchedFolder(directory);
  log(`data ready: ${results.length} file(s) in ${directory}`);
  return results;
}

/** Checks the files that are present against the manifest without copying anything; returns the bad ones. */
export function verifyData(options: { directory?: string; manifest?: DataManifest } = {}): Failure[] {
  const manifest = options.manifest ?? loadManifest();
  const directory = resolve(options.directory ?? dataDirectory());
  const state = readState(directory);
  const failures: Failure[] = [];
  for (const entry of manifest.files) {
    const target = join(directory, entry.path);
    if (!existsSync(target)) failures.push({ path: entry.path, reason: "missing" });
    else if (!isPresentAndVerified(target, entry, state)) failures.push({ path: entry.path, reason: "checksum mismatch" });
  }
  return failures;
}
