import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { UsageError } from "../../errors";
import { cacheDirectory } from "../../paths";
import type { Completion, ModelRequest } from "../types";
import { COMPLETION_COLUMNS, LEGACY_COMPLETION_COLUMNS, MalformedEntryError, completionFromRow } from "./cache-row";
import { CACHE_SCHEMA_VERSION, hasTable, schemaVersion } from "./cache-schema";
import { migrateCache } from "./cache-migration";
import { DEFAULT_CLAIM_LEASE_MS, newClaimOwner, ownerIsDead, type ClaimOutcome } from "./claims";
import { requestFromSkeleton } from "./compact-request";
import { CompactStore } from "./compact-store";
import { encodeAnswer, keyBytes } from "./encode-answer";
import { ReadSession } from "./read-session";
import { asCacheFileError, checkCacheFileHeader, checkCacheSchema, type SqliteHeader } from "./cache-file-check";
import { readOnlySource, type ReadOnlySource } from "./read-only-copy";
import { recordRead } from "./read-recorder";
import { makeDirectory } from "../../files/make-directory";

export type CacheMode = "read-write" | "read-only" | "off";

/** Which price a stored response was paid at: "batch" for responses collected from a Batch API. */
export type Billing = "list" | "batch";

export interface OpenCacheOptions {
  /** SQLite file; default `<cacheDirectory()>/llm-cache.sqlite`; ":memory:" for a private in-process cache. */
  path?: string;
  mode?: CacheMode;
  /** How long a writer waits for another process's write lock before failing (ms). */
  busyTimeoutMs?: number;
  /**
   * Lookups share one read transaction for up to this long (ms); see ReadSession. 0 makes every
   * lookup see other processes' writes immediately, at several times the cost. Default 25.
   */
  readWindowMs?: number;
  /** How long an in-flight claim holds without renewal (ms); default 60 s. See claims.ts. */
  claimLeaseMs?: number;
  /** Where the one-line migration message goes; default stderr. */
  log?: (line: string) => void;
}

export interface CacheEntry {
  key: string;
  request: ModelRequest;
  completion: Completion;
  billing: Billing;
}

/** putSoon() writes after this many answers or this long, whichever comes first. */
const FLUSH_AT = 1000;
const FLUSH_AFTER_MS = 25;

/** Address space, not memory: pages are mapped on demand and shared with the OS file cache. */
const READER_MMAP_BYTES = 2 ** 30;

/**
 * The cache file: `<cacheDirectory()>/llm-cache.sqlite`, or PERSONA_TALKS_CACHE itself when it names a file (a
 * replication bundle or a copied cache file, read in place).
 */
export function defaultCachePath(): string {
  const named = process.env.PERSONA_TALKS_CACHE;
  if (named && existsSync(named) && statSync(named).isFile()) return resolve(named);
  return join(cacheDirectory(), "llm-cache.sqlite");
}

/**
 * The persistent response cache: one SQLite file in WAL mode so a notebook kernel and a CLI run can
 * read and write it at the same time. Only successful completions are stored, in the compact format of
 * cache-schema.ts; a file in an older format is migrated on open (read-write) or read as it is (read-only).
 */
export class ResponseCache {
  readonly path: string;
  readonly mode: CacheMode;
  /** The file's format version (CACHE_SCHEMA_VERSION unless a read-only cache reads an older file). */
  readonly schemaVersion: number = CACHE_SCHEMA_VERSION;
  readonly claimLeaseMs: number;
  /** Identifies this connection's claims. */
  readonly claimOwner = newClaimOwner();
  private readonly db: Database.Database | undefined;
  /** A second connection for lookups, so a held read transaction never wraps a write. */
  private readonly reader: Database.Database | undefined;
  /** Read-only mode: what SQLite opens instead of writing beside the cache (maybe a temporary copy). */
  private readonly source: ReadOnlySource | undefined;
  private readonly session: ReadSession | undefined;
  private readonly compact: CompactStore | undefined;
  private readonly statements: Record<string, Database.Statement> = {};
  /** Answers of putSoon() not yet written, by key (served by get() meanwhile). */
  private readonly pending = new Map<string, { key: string; request: ModelRequest; completion: Completion; billing?: Billing }>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: OpenCacheOptions = {}) {
    this.mode = options.mode ?? "read-write";
    this.path = options.path ?? defaultCachePath();
    this.claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
    if (this.mode === "off") return;
    const memory = this.path === ":memory:";
    const readOnly = this.mode === "read-only";
    let header: SqliteHeader | undefined;
    if (!memory) {
      if (readOnly && !existsSync(this.path)) {
        throw new UsageError(`cache ${this.path} does not exist; read-only mode needs a filled cache (run once in read-write mode)`);
      }
      // Checked before SQLite opens it (which creates -wal/-shm files beside a WAL file): a damaged file stops here.
      if (existsSync(this.path) && statSync(this.path).size > 0) header = checkCacheFileHeader(this.path);
      if (!readOnly) makeDirectory(dirname(this.path));
    }
    // Read-only: never write beside the cache (see read-only-copy.ts).
    this.source = readOnly && !memory ? readOnlySource(this.path, header) : undefined;
    const openPath = this.source?.path ?? this.path;
    const openOptions = this.source?.readonly ? { readonly: true, fileMustExist: true } : {};
    const busyTimeout = Math.max(0, Math.round(options.busyTimeoutMs ?? 30_000));
    try {
      this.db = new Database(openPath, openOptions);
      this.db.pragma(`busy_timeout = ${busyTimeout}`);
      const version = schemaVersion(this.db);
      if (header) checkCacheSchema(this.db, this.path, version);
      if (!memory && !readOnly) this.db.pragma("journal_mode = WAL");
      // NORMAL is durable against process crashes (kill -9) in WAL mode; only a power loss can drop the last commits.
      if (!this.source?.readonly) this.db.pragma("synchronous = NORMAL");
      // SQLite's page cache is anonymous memory: 32 MB for the writer (random-key inserts touch many pages).
      this.db.pragma("cache_size = -32768");
      if (readOnly) this.schemaVersion = version;
      else migrateCache(this.db, this.path, options.log ?? ((line) => process.stderr.write(line + "\n")));
      if (this.schemaVersion > CACHE_SCHEMA_VERSION) {
        throw new UsageError(`cache ${this.path} has format ${this.schemaVersion}, newer than this persona-talks reads (${CACHE_SCHEMA_VERSION}); update persona-talks`);
      }
      if (memory) {
        this.reader = this.db;
        this.session = new ReadSession(this.reader, 0);
      } else {
        this.reader = new Database(openPath, openOptions);
        this.reader.pragma(`busy_timeout = ${busyTimeout}`);
        // Small: the reader maps the file (below), so its reads come from the OS file cache, not this page cache.
        this.reader.pragma("cache_size = -8192");
        // Lookups read pages straight from the mapped file instead of copying each one in with a system
        // call: replaying a large run touches most of a file of several hundred MB.
        this.reader.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
        this.session = new ReadSession(this.reader, options.readWindowMs ?? 25);
      }
    } catch (error) {
      this.closeConnections();
      throw asCacheFileError(this.path, error);
    }
    const legacy = this.schemaVersion === 0;
    if (legacy && !hasTable(this.db, "responses")) {
      throw new UsageError(`cache ${this.path} is not a persona-talks cache (no answers table); open it once in read-write mode or pick another file`);
    }
    const table = legacy ? "responses" : "answers";
    const s = this.statements;
    s.select = this.reader.prepare(`SELECT ${legacy ? LEGACY_COMPLETION_COLUMNS : COMPLETION_COLUMNS} FROM ${table} WHERE key = ?`).raw(true);
    s.has = this.reader.prepare(`SELECT 1 FROM ${table} WHERE key = ?`).pluck();
    s.count = this.reader.prepare(`SELECT count(*) FROM ${table}`).pluck();
    s.request = this.reader.prepare(legacy ? "SELECT request_json, NULL, billing FROM responses WHERE key = ?" : "SELECT request, request_dictionary, billing FROM answers WHERE key = ?").raw(true);
    if (legacy) return;
    this.compact = new CompactStore(readOnly ? undefined : this.db, this.reader);
    if (readOnly) return;
    s.insert = this.db.prepare(
      `INSERT OR IGNORE INTO answers (key, provider, response_model, text, input_tokens, output_tokens, finish_reason,
         logprobs_json, warnings_json, raw, raw_dictionary, latency_ms, created_at, billing, request, request_dictionary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    s.freshHas = this.db.prepare("SELECT 1 FROM answers WHERE key = ?").pluck();
    s.claimOf = this.db.prepare("SELECT owner, expires_at FROM claims WHERE key = ?").raw(true);
    s.claim = this.db.prepare("INSERT OR REPLACE INTO claims (key, owner, expires_at) VALUES (?, ?, ?)");
    s.renew = this.db.prepare("UPDATE claims SET expires_at = ? WHERE key = ? AND owner = ?");
    s.release = this.db.prepare("DELETE FROM claims WHERE key = ? AND owner = ?");
  }

  /** The open database, for the batch store that keeps its tables in the same file. Undefined when mode is "off". */
  get database(): Database.Database | undefined {
    return this.db;
  }

  /** The stored completion, marked cached, or undefined on a miss (always a miss when mode is "off"). */
  get(key: string): Completion | undefined {
    if (this.pending.size > 0) {
      const waiting = this.pending.get(key);
      if (waiting) return { ...waiting.completion, cached: true };
    }
    const select = this.statements.select;
    if (!select || !this.session) return undefined;
    const bytes = this.keyFor(key);
    let found: unknown;
    try {
      found = this.session.run(() => select.get(bytes));
    } catch (error) {
      throw asCacheFileError(this.path, error);
    }
    if (found === undefined) return undefined;
    recordRead(key);
    return this.completionFromRow(key, found as unknown[]);
  }

  /**
   * Many lookups at once, in the order given. Reads run inside shared read transactions, which is
   * several times faster than one get() per key (each get is its own transaction); use this to
   * find what a large run has already paid for.
   */
  getMany(keys: readonly string[], chunkSize = 5000): Array<Completion | undefined> {
    const select = this.statements.select;
    const db = this.reader;
    if (!select || !db) return keys.map(() => undefined);
    this.flush();
    this.session?.end();
    const results: Array<Completion | undefined> = new Array(keys.length);
    const readChunk = db.transaction((start: number, end: number) => {
      for (let index = start; index < end; index += 1) {
        const found = select.get(this.keyFor(keys[index]));
        if (found !== undefined) recordRead(keys[index]);
        results[index] = found === undefined ? undefined : this.completionFromRow(keys[index], found as unknown[]);
      }
    });
    try {
      for (let start = 0; start < keys.length; start += chunkSize) readChunk(start, Math.min(keys.length, start + chunkSize));
    } catch (error) {
      throw asCacheFileError(this.path, error);
    }
    return results;
  }

  private keyFor(key: string): Buffer | string {
    return this.schemaVersion === 0 ? key : keyBytes(key);
  }

  private completionFromRow(key: string, row: unknown[]): Completion {
    try {
      return completionFromRow(key, row, (bytes, dictionary) => this.compact!.decompress(bytes, dictionary));
    } catch (error) {
      if (error instanceof MalformedEntryError) throw new Error(`cache ${this.path}: ${error.message}`);
      throw error;
    }
  }

  has(key: string): boolean {
    const has = this.statements.has;
    if (!has || !this.session) return false;
    const bytes = this.keyFor(key);
    return this.session.run(() => has.get(bytes)) !== undefined;
  }

  /** The stored request and completion (for audits); undefined on a miss. */
  entry(key: string): CacheEntry | undefined {
    const completion = this.get(key);
    const select = this.statements.request;
    if (!completion || !select) return undefined;
    const row = select.get(this.keyFor(key)) as [Buffer | string, number | null, string] | undefined;
    if (!row) return undefined;
    const billing = row[2] === "batch" ? "batch" : "list";
    if (row[1] === null) return { key, request: JSON.parse(row[0].toString()) as ModelRequest, completion, billing };
    const compact = this.compact!;
    const request = requestFromSkeleton(compact.decompress(row[0], row[1]), (id) => compact.segmentText(id));
    return { key, request, completion, billing };
  }

  /** Stores a successful completion (and ends this connection's claim on the key); the first answer stored for a key wins. */
  put(key: string, request: ModelRequest, completion: Completion, billing: Billing = "list"): void {
    this.putMany([{ key, request, completion, billing }]);
  }

  /**
   * Stores an answer within the next few milliseconds, together with others, in one transaction: for answers
   * that cost nothing to make again (the offline simulator), where a commit per answer would be most of the
   * work. get() serves it at once; close() and getMany() write what is waiting. A killed process loses the
   * last few milliseconds of these answers, so answers that were paid for go through put().
   */
  putSoon(key: string, request: ModelRequest, completion: Completion): void {
    if (this.mode !== "read-write") return this.put(key, request, completion);
    this.pending.set(key, { key, request, completion });
    if (this.pending.size >= FLUSH_AT) this.flush();
    else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
      this.flushTimer.unref?.();
    }
  }

  /** Writes the answers putSoon() is holding. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0 || !this.db?.open) return;
    const entries = [...this.pending.values()];
    this.pending.clear();
    this.putMany(entries);
  }

  /** Stores many completions in one transaction (batch collection, bulk imports). */
  putMany(entries: Array<{ key: string; request: ModelRequest; completion: Completion; billing?: Billing }>): void {
    if (this.mode === "off" || !this.db) return;
    if (this.mode === "read-only") throw new UsageError(`cache ${this.path} is read-only`);
    const { insert, release } = this.statements;
    const compact = this.compact!;
    // The read session ends first: a read transaction held open across the write would stop the WAL
    // checkpoint that the commit triggers from finishing, so every later commit would retry it (with an fsync).
    this.session?.end();
    const write = this.db.transaction(() => {
      for (const entry of entries) {
        const bytes = keyBytes(entry.key);
        insert.run(bytes, ...encodeAnswer(compact, entry.request, entry.completion, entry.billing ?? "list"));
        release.run(bytes, this.claimOwner);
      }
    });
    try {
      write.immediate();
    } catch (error) {
      compact.forget();
      throw error;
    }
  }

  /**
   * Claims `key` before paying for it (read-write mode, after a miss). "answered": another process stored
   * it meanwhile (read it with getFresh); "busy": another live process holds an unexpired claim.
   */
  claim(key: string, now = Date.now()): ClaimOutcome {
    if (this.mode !== "read-write" || !this.db) return { kind: "claimed" };
    const { freshHas, claimOf, claim } = this.statements;
    const bytes = keyBytes(key);
    this.session?.end();
    return this.db
      .transaction((): ClaimOutcome => {
        if (freshHas.get(bytes) !== undefined) return { kind: "answered" };
        const held = claimOf.get(bytes) as [string, number] | undefined;
        if (held && held[0] !== this.claimOwner && held[1] > now && !ownerIsDead(held[0])) return { kind: "busy", owner: held[0] };
        claim.run(bytes, this.claimOwner, now + this.claimLeaseMs);
        return { kind: "claimed" };
      })
      .immediate();
  }

  /** Extends this connection's claim on `key` (while its call runs). */
  renewClaim(key: string, now = Date.now()): void {
    if (this.mode !== "read-write" || !this.db?.open) return;
    this.statements.renew.run(now + this.claimLeaseMs, keyBytes(key), this.claimOwner);
  }

  /** Gives up this connection's claim on `key` (its call failed), so another process may try. */
  releaseClaim(key: string): void {
    if (this.mode !== "read-write" || !this.db?.open) return;
    this.statements.release.run(keyBytes(key), this.claimOwner);
  }

  /** A lookup that sees every commit so far (no shared read window): for waiting on another process's answer. */
  getFresh(key: string): Completion | undefined {
    this.session?.end();
    return this.get(key);
  }

  count(): number {
    const count = this.statements.count;
    if (!count) return 0;
    this.flush();
    this.session?.end();
    return count.get() as number;
  }

  close(): void {
    this.flush();
    this.session?.end();
    this.closeConnections();
  }

  private closeConnections(): void {
    if (this.reader?.open && this.reader !== this.db) this.reader.close();
    if (this.db?.open) this.db.close();
    this.source?.remove();
  }
}

/** Opens (creating if needed) the response cache. Mode "off" opens nothing and never stores. */
export function openCache(options: OpenCacheOptions = {}): ResponseCache {
  return new ResponseCache(options);
}
