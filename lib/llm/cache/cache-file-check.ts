import { closeSync, openSync, readSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { DataError } from "../../errors";
import { SCHEMA_V1 } from "./cache-schema";

/**
 * A cache file that is not a persona-talks cache (truncated, overwritten, another program's SQLite file, a
 * damaged schema): a data error (exit 4) naming the file and the fix. It is raised before anything is written,
 * so the file is left exactly as it was.
 */
export class CacheFileError extends DataError {
  constructor(path: string, problem: string, fix = "nothing in it was changed: restore it from a backup, or point PERSONA_TALKS_CACHE at another folder") {
    super(`${problem}; ${fix}`, { file: `cache ${path}` });
    this.name = "CacheFileError";
  }
}

const MAGIC = Buffer.from("SQLite format 3\0", "latin1");
const HEADER_BYTES = 100;

/** What the first 100 bytes of an SQLite file say. */
export interface SqliteHeader {
  /** Bytes in the file. */
  size: number;
  /** "wal" when the file is in WAL mode (readers may need -shm/-wal files beside it), else "rollback". */
  journal: "wal" | "rollback";
}

/**
 * Reads and checks the header of an existing, non-empty cache file without opening it with SQLite (which would
 * create -wal/-shm files beside it): not SQLite at all, or shorter than its header says (truncated), throws.
 */
export function checkCacheFileHeader(path: string): SqliteHeader {
  const size = statSync(path).size;
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, "r");
  let read: number;
  try {
    read = readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (read < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new CacheFileError(path, `is not an SQLite database (${size} bytes, no SQLite header)`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const changeCounter = header.readUInt32BE(24);
  const pages = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) throw new CacheFileError(path, `has a damaged SQLite header (page size ${rawPageSize})`);
  const expected = validFor === changeCounter && pages > 0 ? pages * pageSize : undefined;
  if (size % pageSize !== 0 || (expected !== undefined && size < expected)) {
    throw new CacheFileError(path, `is truncated or damaged (${size} bytes${expected !== undefined ? `, its header says ${expected}` : `, not a whole number of ${pageSize}-byte pages`})`);
  }
  return { size, journal: header[18] === 2 || header[19] === 2 ? "wal" : "rollback" };
}

let expectedColumns: Map<string, string[]> | undefined;

/** Every table of the current format and its columns, read from SCHEMA_V1 itself (so the check never drifts). */
function currentTables(): Map<string, string[]> {
  if (expectedColumns) return expectedColumns;
  const scratch = new Database(":memory:");
  try {
    scratch.exec(SCHEMA_V1);
    const names = scratch.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expectedColumns = new Map(names.map((name) => [name, columnsOf(scratch, name)]));
  } finally {
    scratch.close();
  }
  return expectedColumns;
}

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
}

/**
 * Checks that an open cache file has the tables of its format version, before anything is written to it: a
 * format-0 file must be empty or have the old `responses` table (another program's SQLite file is refused, not
 * filled with our tables), a format-1 file every table and column of SCHEMA_V1. Newer versions are left to the
 * caller (it says to update persona-talks).
 */
export function checkCacheSchema(db: Database.Database, path: string, version: number): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (version === 0) {
    if (tables.length === 0 || tables.includes("responses")) return;
    throw new CacheFileError(path, `is an SQLite file of another program (tables ${tables.slice(0, 5).join(", ")}${tables.length > 5 ? ", ..." : ""}), not a persona-talks cache`);
  }
  if (version !== 1) return;
  for (const [table, columns] of currentTables()) {
    if (!tables.includes(table)) throw new CacheFileError(path, `says it is a persona-talks cache (format ${version}) but has no "${table}" table`);
    const present = new Set(columnsOf(db, table));
    const missing = columns.filter((column) => !present.has(column));
    if (missing.length) throw new CacheFileError(path, `says it is a persona-talks cache (format ${version}) but its "${table}" table lacks ${missing.join(", ")}`);
  }
}

/** SQLite's verdicts on a damaged file, as a CacheFileError; any other error is returned unchanged. */
export function asCacheFileError(path: string, error: unknown): unknown {
  if (error instanceof CacheFileError || !(error instanceof Error)) return error;
  const code = String((error as { code?: unknown }).code ?? "");
  if (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_NOTADB")) return new CacheFileError(path, `is damaged (${error.message})`);
  if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_READONLY")) {
    return new CacheFileError(path, `cannot be opened for writing (${error.message})`, "replay it with --cache read-only, or point PERSONA_TALKS_CACHE at a folder you can write to");
  }
  return error;
}
