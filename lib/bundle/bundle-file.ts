import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { z } from "zod";
import { DataError } from "../errors";
import { ResponseCache, type CacheEntry } from "../llm/cache/response-cache";

/**
 * A replication bundle is one SQLite file: a persona-talks cache holding exactly the answers an analysis used
 * (so an analysis reads it as its cache: PERSONA_TALKS_CACHE=rq1.bundle), plus the analysis's output files and a
 * manifest. It is written in rollback-journal (DELETE) mode, so it opens in place from read-only media without
 * any file appearing beside it.
 */
const BUNDLE_SCHEMA = `
CREATE TABLE IF NOT EXISTS bundle_manifest (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bundle_files (path TEXT PRIMARY KEY, bytes BLOB NOT NULL);
`;

export const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  packageVersion: z.string(),
  /** The analysis command as recorded in summary.json (`persona-talks` words, without --out and --cache). */
  command: z.array(z.string()),
  question: z.string(),
  simulated: z.boolean(),
  provider: z.string(),
  model: z.string(),
  seed: z.number().optional(),
  n: z.number().optional(),
  variant: z.string().optional(),
  prompts: z.array(z.object({ id: z.string(), version: z.string(), hash: z.string() })).optional(),
  /** Answers in the bundle's cache. */
  answers: z.number(),
  /** sha256 of every output file, by path in the analysis folder. */
  files: z.record(z.string(), z.string()),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes a new bundle file (replacing `path`): the answers, the files and the manifest, compacted, DELETE mode. */
export function writeBundle(path: string, entries: readonly CacheEntry[], files: ReadonlyMap<string, Buffer>, manifest: BundleManifest): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
  const cache = new ResponseCache({ path, mode: "read-write", log: () => {} });
  try {
    cache.putMany(entries.map((entry) => ({ key: entry.key, request: entry.request, completion: entry.completion, billing: entry.billing })));
  } finally {
    cache.close();
  }
  const db = new Database(path);
  try {
    db.exec(BUNDLE_SCHEMA);
    db.exec("DELETE FROM claims; DELETE FROM batches; DELETE FROM batch_items;");
    const insert = db.prepare("INSERT INTO bundle_files (path, bytes) VALUES (?, ?)");
    db.transaction(() => {
      db.prepare("INSERT INTO bundle_manifest (id, json) VALUES (1, ?)").run(JSON.stringify(manifest, null, 2));
      for (const [name, bytes] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) insert.run(name, bytes);
    })();
    db.pragma("journal_mode = DELETE");
    db.exec("VACUUM");
  } finally {
    db.close();
  }
}

/** The manifest and output files of a bundle, read without writing anything beside it. */
export function readBundle(path: string): { manifest: BundleManifest; files: Map<string, Buffer> } {
  if (!existsSync(path)) throw new DataError("bundle not found; check the path", { file: path });
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const row = db.prepare("SELECT json FROM bundle_manifest WHERE id = 1").get() as { json: string } | undefined;
    if (!row) throw new DataError("not a persona-talks bundle (no manifest)", { file: path });
    const parsed = manifestSchema.safeParse(JSON.parse(row.json));
    if (!parsed.success) throw new DataError(`the bundle manifest is not valid (${parsed.error.issues[0]?.message ?? "schema"})`, { file: path });
    const files = new Map((db.prepare("SELECT path, bytes FROM bundle_files").all() as Array<{ path: string; bytes: Buffer }>).map((file) => [file.path, file.bytes]));
    return { manifest: parsed.data, files };
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`not a persona-talks bundle (${(error as Error).message})`, { file: path });
  } finally {
    db?.close();
  }
}
