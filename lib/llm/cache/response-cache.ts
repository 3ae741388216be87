import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { UsageError } from "../../errors";
import { cacheDirectory } from "../../paths";
import type { Completion, ModelRequest, ProviderName } from "../types";
import { ReadSession } from "./read-session";

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
}

export interface CacheEntry {
  key: string;
  request: ModelRequest;
  completion: Completion;
  billing: Billing;
}

const PROVIDERS: ReadonlySet<string> = new Set<ProviderName>(["openai", "anthropic", "local", "sim"]);

// The columns a completion is rebuilt from, in this order (rows are read as arrays: a row object per
// hit costs more than the lookup itself when replaying hundreds of thousands of answers).
const COMPLETION_COLUMNS = `provider, response_model, text, input_tokens, output_tokens, finish_reason, logprobs_json,
  warnings_json, raw_json, latency_ms, created_at`;

/**
 * A row is validated when read, so a hand-edited or half-migrated file fails loudly instead of handing
 * a wrong answer to an analysis. The scalar columns are checked by hand (this runs once per cache hit,
 * and a zod object parse cost more than the SQLite lookup); the JSON columns must parse, and the
 * warnings and logprobs are checked by zod schemas. Returns the first bad column's complaint, or undefined.
 */
function rowProblem(row: unknown[]): string | undefined {
  const provider = row[0];
  if (typeof provider !== "string" || !PROVIDERS.has(provider)) return `provider: expected one of ${[...PROVIDERS].join(", ")}`;
  if (typeof row[1] !== "string") return "response_model: expected a string";
  if (typeof row[2] !== "string") return "text: expected a string";
  if (!isCount(row[3])) return "input_tokens: expected a non-negative integer";
  if (!isCount(row[4])) return "output_tokens: expected a non-negative integer";
  if (row[5] !== null && typeof row[5] !== "string") return "finish_reason: expected a string or null";
  if (row[6] !== null && typeof row[6] !== "string") return "logprobs_json: expected a string or null";
  if (typeof row[7] !== "string") return "warnings_json: expected a string";
  if (typeof row[8] !== "string") return "raw_json: expected a string";
  const latencyMs = row[9];
  if (typeof latencyMs !== "number" || !(latencyMs >= 0) || latencyMs === Infinity) return "latency_ms: expected a non-negative number";
  if (typeof row[10] !== "string") return "created_at: expected a string";
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

const logprobsSchema = z.array(
  z.object({
    token: z.string(),
    logprob: z.number(),
    top: z.array(z.object({ token: z.string(), logprob: z.number() })),
  }),
);

const warningsSchema = z.array(z.string());

const SCHEMA = `
CREATE TABLE IF NOT EXISTS responses (
  key TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  response_model TEXT NOT NULL,
  stage TEXT,
  item_id TEXT,
  text TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  finish_reason TEXT,
  logprobs_json TEXT,
  warnings_json TEXT NOT NULL,
  raw_json TEXT NOT NULL,
  latency_ms REAL NOT NULL,
  created_at TEXT NOT NULL,
  billing TEXT NOT NULL,
  request_json TEXT NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS batches (
  batch_id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  status TEXT NOT NULL,
  input_file_id TEXT,
  submitted_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE IF NOT EXISTS batch_items (
  batch_id TEXT NOT NULL,
  custom_id TEXT NOT NULL,
  cache_key TEXT NOT NULL,
  request_json TEXT NOT NULL,
  PRIMARY KEY (batch_id, custom_id)
);
CREATE INDEX IF NOT EXISTS batch_items_by_key ON batch_items (cache_key);
`;

/** Address space, not memory: pages are mapped on demand and shared with the OS file cache. */
const READER_MMAP_BYTES = 2 ** 30;

export function defaultCachePath(): string {
  return join(cacheDirectory(), "llm-cache.sqlite");
}

/**
 * The persistent response cache: one SQLite file in WAL mode so a notebook kernel and a CLI run can
 * read and write it at the same time. Only successful completions are stored.
 */
export class ResponseCache {
  readonly path: string;
  readonly mode: CacheMode;
  private readonly db: Database.Database | undefined;
  /** A second connection for lookups, so a held read transaction never wraps a write. */
  private readonly reader: Database.Database | undefined;
  private readonly session: ReadSession | undefined;
  private readonly selectStatement: Database.Statement | undefined;
  private readonly insertStatement: Database.Statement | undefined;

  constructor(options: OpenCacheOptions = {}) {
    this.mode = options.mode ?? "read-write";
    this.path = options.path ?? defaultCachePath();
    if (this.mode === "off") return;
    const memory = this.path === ":memory:";
    if (!memory) {
      if (this.mode === "read-only" && !existsSync(this.path)) {
        throw new UsageError(`cache ${this.path} does not exist; read-only mode needs a filled cache (run once in read-write mode)`);
      }
      mkdirSync(dirname(this.path), { recursive: true });
    }
    this.db = new Database(this.path);
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 30_000))}`);
    if (!memory) this.db.pragma("journal_mode = WAL");
    // NORMAL is durable against process crashes (kill -9) in WAL mode; only a power loss can drop the last commits.
    this.db.pragma("synchronous = NORMAL");
    // A bigger page cache than SQLite's 2 MB default: replaying a large run reads hundreds of MB.
    this.db.pragma("cache_size = -65536");
    this.db.exec(SCHEMA);
    if (memory) {
      this.reader = this.db;
      this.session = new ReadSession(this.reader, 0);
    } else {
      this.reader = new Database(this.path);
      this.reader.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 30_000))}`);
      this.reader.pragma("cache_size = -65536");
      // Lookups read pages straight from the mapped file instead of copying each one in with a system
      // call: replaying a large run touches most of a file of several hundred MB.
      this.reader.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
      this.session = new ReadSession(this.reader, options.readWindowMs ?? 25);
    }
    this.selectStatement = this.reader.prepare(`SELECT ${COMPLETION_COLUMNS} FROM responses WHERE key = ?`).raw(true);
    this.insertStatement = this.db.prepare(
      `INSERT OR IGNORE INTO responses (key, provider, model, response_model, stage, item_id, text, input_tokens,
         output_tokens, finish_reason, logprobs_json, warnings_json, raw_json, latency_ms, created_at, billing,
         request_json, stored_at)
       VALUES (@key, @provider, @model, @response_model, @stage, @item_id, @text, @input_tokens, @output_tokens,
         @finish_reason, @logprobs_json, @warnings_json, @raw_json, @latency_ms, @created_at, @billing,
         @request_json, @stored_at)`,
    );
  }

  /** The open database, for the batch store that keeps its tables in the same file. Undefined when mode is "off". */
  get database(): Database.Database | undefined {
    return this.db;
  }

  /** The stored completion, marked cached, or undefined on a miss (always a miss when mode is "off"). */
  get(key: string): Completion | undefined {
    const select = this.selectStatement;
    if (!select || !this.session) return undefined;
    const found = this.session.run(() => select.get(key));
    return found === undefined ? undefined : this.completionFromRow(key, found);
  }

  /**
   * Many lookups at once, in the order given. Reads run inside shared read transactions, which is
   * several times faster than one get() per key (each get is its own transaction); use this to
   * find what a large run has already paid for.
   */
  getMany(keys: readonly string[], chunkSize = 5000): Array<Completion | undefined> {
    const select = this.selectStatement;
    const db = this.reader;
    if (!select || !db) return keys.map(() => undefined);
    this.session?.end();
    const results: Array<Completion | undefined> = new Array(keys.length);
    const readChunk = db.transaction((start: number, end: number) => {
      for (let index = start; index < end; index += 1) {
        const found = select.get(keys[index]);
        results[index] = found === undefined ? undefined : this.completionFromRow(keys[index], found);
      }
    });
    for (let start = 0; start < keys.length; start += chunkSize) readChunk(start, Math.min(keys.length, start + chunkSize));
    return results;
  }

  private completionFromRow(key: string, found: unknown): Completion {
    const row = found as unknown[];
    const problem = rowProblem(row);
    if (problem !== undefined) throw new Error(`cache ${this.path}: entry ${key} is malformed: ${problem}`);
    const warningsJson = row[7] as string;
    const completion: Completion = {
      provider: row[0] as ProviderName,
      model: row[1] as string,
      text: row[2] as string,
      usage: { inputTokens: row[3] as number, outputTokens: row[4] as number },
      raw: this.parseJson(key, "raw_json", row[8] as string),
      latencyMs: row[9] as number,
      createdAt: row[10] as string,
      cached: true,
      warnings: warningsJson === "[]" ? [] : this.parseColumn(key, "warnings_json", warningsSchema, this.parseJson(key, "warnings_json", warningsJson)),
    };
    if (row[5] !== null) completion.finishReason = row[5] as string;
    if (row[6] !== null) completion.logprobs = this.parseColumn(key, "logprobs_json", logprobsSchema, this.parseJson(key, "logprobs_json", row[6] as string));
    return completion;
  }

  private parseJson(key: string, column: string, text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`cache ${this.path}: entry ${key} is malformed: ${column}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private parseColumn<T>(key: string, column: string, schema: z.ZodType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`cache ${this.path}: entry ${key} is malformed: ${column}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  has(key: string): boolean {
    if (!this.db) return false;
    return this.db.prepare("SELECT 1 FROM responses WHERE key = ?").get(key) !== undefined;
  }

  /** The stored request and completion (for audits); undefined on a miss. */
  entry(key: string): CacheEntry | undefined {
    const completion = this.get(key);
    if (!completion || !this.db) return undefined;
    const row = this.db.prepare("SELECT request_json, billing FROM responses WHERE key = ?").get(key) as
      | { request_json: string; billing: string }
      | undefined;
    if (!row) return undefined;
    return { key, request: JSON.parse(row.request_json) as ModelRequest, completion, billing: row.billing === "batch" ? "batch" : "list" };
  }

  /** Stores a successful completion; the first answer stored for a key wins. */
  put(key: string, request: ModelRequest, completion: Completion, billing: Billing = "list"): void {
    if (this.mode === "off" || !this.insertStatement) return;
    if (this.mode === "read-only") throw new UsageError(`cache ${this.path} is read-only`);
    // The read session ends first: a read transaction held open across the write would stop the WAL
    // checkpoint that the commit triggers from finishing, so every later commit would retry it (with an fsync).
    this.session?.end();
    this.insertStatement.run(rowFor(key, request, completion, billing));
  }

  /** Stores many completions in one transaction (batch collection, bulk imports). */
  putMany(entries: Array<{ key: string; request: ModelRequest; completion: Completion; billing?: Billing }>): void {
    if (this.mode === "off" || !this.db || !this.insertStatement) return;
    if (this.mode === "read-only") throw new UsageError(`cache ${this.path} is read-only`);
    const insert = this.insertStatement;
    this.session?.end();
    this.db.transaction(() => {
      for (const entry of entries) insert.run(rowFor(entry.key, entry.request, entry.completion, entry.billing ?? "list"));
    })();
  }

  count(): number {
    if (!this.db) return 0;
    return (this.db.prepare("SELECT count(*) AS n FROM responses").get() as { n: number }).n;
  }

  close(): void {
    this.session?.end();
    if (this.reader?.open && this.reader !== this.db) this.reader.close();
    if (this.db?.open) this.db.close();
  }
}

function rowFor(key: string, request: ModelRequest, completion: Completion, billing: Billing): Record<string, unknown> {
  return {
    key,
    provider: request.provider,
    model: request.model,
    response_model: completion.model,
    stage: request.metadata.stage ?? null,
    item_id: request.metadata.itemId ?? null,
    text: completion.text,
    input_tokens: completion.usage.inputTokens,
    output_tokens: completion.usage.outputTokens,
    finish_reason: completion.finishReason ?? null,
    logprobs_json: completion.logprobs ? JSON.stringify(completion.logprobs) : null,
    warnings_json: JSON.stringify(completion.warnings),
    raw_json: JSON.stringify(completion.raw ?? null),
    latency_ms: completion.latencyMs,
    created_at: completion.createdAt,
    billing,
    request_json: JSON.stringify(request),
    stored_at: new Date().toISOString(),
  };
}

/** Opens (creating if needed) the response cache. Mode "off" opens nothing and never stores. */
export function openCache(options: OpenCacheOptions = {}): ResponseCache {
  return new ResponseCache(options);
}
