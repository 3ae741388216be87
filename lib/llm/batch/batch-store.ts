import type Database from "better-sqlite3";
import type { ModelRequest } from "../types";
import type { BatchItem } from "./batch-types";

export interface StoredBatch {
  batchId: string;
  provider: string;
  status: string;
  submittedAt: string;
  finishedAt: string | null;
}

/**
 * Submitted batches and their custom_id -> cache key mapping, kept in the cache's SQLite file so a
 * restarted run finds the batches it already paid for and polls them instead of resubmitting.
 */
export class BatchStore {
  constructor(private readonly db: Database.Database) {}

  recordSubmission(batchId: string, provider: string, inputFileId: string | undefined, items: BatchItem[]): StoredBatch {
    const submittedAt = new Date().toISOString();
    const insertBatch = this.db.prepare(
      "INSERT OR REPLACE INTO batches (batch_id, provider, status, input_file_id, submitted_at, finished_at) VALUES (?, ?, 'submitted', ?, ?, NULL)",
    );
    const insertItem = this.db.prepare("INSERT OR REPLACE INTO batch_items (batch_id, custom_id, cache_key, request_json) VALUES (?, ?, ?, ?)");
    this.db.transaction(() => {
      insertBatch.run(batchId, provider, inputFileId ?? null, submittedAt);
      for (const item of items) insertItem.run(batchId, item.customId, item.cacheKey, JSON.stringify(item.request));
    })();
    return { batchId, provider, status: "submitted", submittedAt, finishedAt: null };
  }

  /** Unfinished batches of this provider that contain any of the given cache keys. */
  unfinishedBatchesFor(provider: string, keys: Set<string>): StoredBatch[] {
    const rows = this.db
      .prepare(
        `SELECT batch_id AS batchId, provider, status, submitted_at AS submittedAt, finished_at AS finishedAt
         FROM batches WHERE provider = ? AND finished_at IS NULL ORDER BY submitted_at`,
      )
      .all(provider) as StoredBatch[];
    const keyQuery = this.db.prepare("SELECT cache_key FROM batch_items WHERE batch_id = ?");
    return rows.filter((batch) => (keyQuery.all(batch.batchId) as Array<{ cache_key: string }>).some((row) => keys.has(row.cache_key)));
  }

  items(batchId: string): Map<string, BatchItem> {
    const rows = this.db.prepare("SELECT custom_id, cache_key, request_json FROM batch_items WHERE batch_id = ?").all(batchId) as Array<{
      custom_id: string;
      cache_key: string;
      request_json: string;
    }>;
    return new Map(rows.map((row) => [row.custom_id, { customId: row.custom_id, cacheKey: row.cache_key, request: JSON.parse(row.request_json) as ModelRequest }]));
  }

  updateStatus(batchId: string, status: string): void {
    this.db.prepare("UPDATE batches SET status = ? WHERE batch_id = ?").run(status, batchId);
  }

  markFinished(batchId: string, status: string): void {
    this.db.prepare("UPDATE batches SET status = ?, finished_at = ? WHERE batch_id = ?").run(status, new Date().toISOString(), batchId);
  }

  find(batchId: string): StoredBatch | undefined {
    return this.db
      .prepare("SELECT batch_id AS batchId, provider, status, submitted_at AS submittedAt, finished_at AS finishedAt FROM batches WHERE batch_id = ?")
      .get(batchId) as StoredBatch | undefined;
  }

  /** Requests per stored batch. */
  itemCount(batchId: string): number {
    return (this.db.prepare("SELECT COUNT(*) AS count FROM batch_items WHERE batch_id = ?").get(batchId) as { count: number }).count;
  }

  /** Drops a batch and its items: a re-run submits those requests again instead of polling the batch. */
  forget(batchId: string): boolean {
    let removed = 0;
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM batch_items WHERE batch_id = ?").run(batchId);
      removed = this.db.prepare("DELETE FROM batches WHERE batch_id = ?").run(batchId).changes;
    })();
    return removed > 0;
  }

  all(): StoredBatch[] {
    return this.db
      .prepare("SELECT batch_id AS batchId, provider, status, submitted_at AS submittedAt, finished_at AS finishedAt FROM batches ORDER BY submitted_at")
      .all() as StoredBatch[];
  }
}
