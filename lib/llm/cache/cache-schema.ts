import type Database from "better-sqlite3";

/**
 * The cache file's format, in `PRAGMA user_version`. 0: the first format (table `responses`, one row per
 * answer with the whole request JSON and raw body as text). 1: compact answers (table `answers`: binary
 * key, request and raw body stored as differences from stored dictionaries, message text stored once per distinct
 * segment in `texts`) plus in-flight `claims`. Files of an older version are migrated once on open in
 * read-write mode; read-only mode reads them as they are.
 */
export const CACHE_SCHEMA_VERSION = 1;

export const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS answers (
  key BLOB PRIMARY KEY,
  provider TEXT NOT NULL,
  response_model TEXT NOT NULL,
  text TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  finish_reason TEXT,
  logprobs_json TEXT,
  warnings_json TEXT NOT NULL,
  raw TEXT NOT NULL,
  raw_dictionary INTEGER,
  latency_ms REAL NOT NULL,
  created_at TEXT NOT NULL,
  billing TEXT NOT NULL,
  request TEXT NOT NULL,
  request_dictionary INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS texts (
  id INTEGER PRIMARY KEY,
  digest BLOB NOT NULL UNIQUE,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dictionaries (
  id INTEGER PRIMARY KEY,
  family TEXT NOT NULL UNIQUE,
  bytes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
  key BLOB PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
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

export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
