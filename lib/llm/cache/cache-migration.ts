import { statSync } from "node:fs";
import type Database from "better-sqlite3";
import type { Completion, ModelRequest, ProviderName } from "../types";
import { CACHE_SCHEMA_VERSION, SCHEMA_V1, hasTable, schemaVersion } from "./cache-schema";
import { CompactStore } from "./compact-store";
import { encodeAnswer, keyBytes } from "./encode-answer";
import type { Billing } from "./response-cache";

const CHUNK = 5000;

/**
 * Brings a read-write cache file to CACHE_SCHEMA_VERSION, once: under an exclusive lock, so of several
 * processes opening an old file at once one migrates and the others find it done. A format-0 file's
 * `responses` rows are re-encoded into `answers` (same keys, same answers, same requests) and the old
 * table is dropped; the freed pages are reused by later writes (VACUUM gives them back to the disk).
 */
export function migrateCache(db: Database.Database, path: string, log: (line: string) => void): void {
  if (schemaVersion(db) >= CACHE_SCHEMA_VERSION) return;
  const started = performance.now();
  db.exec("BEGIN EXCLUSIVE");
  let migrated = -1;
  try {
    if (schemaVersion(db) < CACHE_SCHEMA_VERSION) {
      db.exec(SCHEMA_V1);
      if (hasTable(db, "responses")) migrated = copyResponses(db);
      db.pragma(`user_version = ${CACHE_SCHEMA_VERSION}`);
    }
    db.exec("COMMIT");
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
  if (migrated >= 0) {
    const size = path === ":memory:" ? "" : `; file ${(statSync(path).size / 1e6).toFixed(1)} MB, run VACUUM to shrink it`;
    log(`cache ${path}: migrated ${migrated} answers to the compact format (schema ${CACHE_SCHEMA_VERSION}) in ${((performance.now() - started) / 1000).toFixed(1)} s${size}`);
  }
}

function copyResponses(db: Database.Database): number {
  const compact = new CompactStore(db, db);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO answers (key, provider, response_model, text, input_tokens, output_tokens, finish_reason,
       logprobs_json, warnings_json, raw, raw_dictionary, latency_ms, created_at, billing, request, request_dictionary)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare(
    `SELECT rowid, key, provider, response_model, text, input_tokens, output_tokens, finish_reason, logprobs_json, warnings_json,
       raw_json, latency_ms, created_at, billing, request_json FROM responses WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`,
  );
  let count = 0;
  let after = -1;
  for (;;) {
    const rows = select.all(after) as Array<Record<string, any>>;
    if (rows.length === 0) break;
    for (const row of rows) {
      const completion: Completion = {
        provider: row.provider as ProviderName,
        model: row.response_model,
        text: row.text,
        usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens },
        raw: JSON.parse(row.raw_json),
        latencyMs: row.latency_ms,
        createdAt: row.created_at,
        cached: false,
        warnings: JSON.parse(row.warnings_json),
      };
      if (row.finish_reason !== null) completion.finishReason = row.finish_reason;
      if (row.logprobs_json !== null) completion.logprobs = JSON.parse(row.logprobs_json);
      const request = JSON.parse(row.request_json) as ModelRequest;
      insert.run(keyBytes(row.key), ...encodeAnswer(compact, request, completion, row.billing as Billing));
      count += 1;
    }
    after = rows[rows.length - 1].rowid;
  }
  db.exec("DROP TABLE responses");
  return count;
}
