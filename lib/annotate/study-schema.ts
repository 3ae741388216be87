import type Database from "better-sqlite3";

// The tables of judgements.sqlite, and the columns added since the first version (a study folder made before
// links and the protocol existed is brought up to date when the server or `invite` opens it).

const SCHEMA = `
CREATE TABLE IF NOT EXISTS annotators (
  annotator TEXT PRIMARY KEY,
  started_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS assignments (
  annotator TEXT NOT NULL,
  pair_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  swapped INTEGER NOT NULL,
  PRIMARY KEY (annotator, pair_id)
);
CREATE TABLE IF NOT EXISTS judgements (
  annotator TEXT NOT NULL,
  pair_id TEXT NOT NULL,
  criterion TEXT NOT NULL,
  answer TEXT NOT NULL,
  swapped INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  position INTEGER NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (annotator, pair_id, criterion)
);
CREATE TABLE IF NOT EXISTS links (
  annotator TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
`;

const ADDED_COLUMNS: readonly [table: string, column: string, definition: string][] = [
  ["annotators", "consented_at", "TEXT"],
  ["assignments", "kind", "TEXT NOT NULL DEFAULT 'study'"],
  ["assignments", "source", "TEXT"],
  ["assignments", "expected", "TEXT"],
  ["judgements", "kind", "TEXT NOT NULL DEFAULT 'study'"],
  ["judgements", "expected", "TEXT"],
  ["judgements", "ms", "INTEGER NOT NULL DEFAULT 0"],
];

/** Whether a database lacks a table or column of this version (a study folder made by an earlier one). */
export function isOutdated(database: Database.Database): boolean {
  const columns = (table: string) => (database.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((entry) => entry.name);
  if (!columns("links").length) return true;
  return ADDED_COLUMNS.some(([table, column]) => !columns(table).includes(column));
}

export function migrateStudyDatabase(database: Database.Database): void {
  database.pragma("journal_mode = WAL");
  // WAL with synchronous NORMAL: a committed answer survives the process being killed (only a power loss can
  // roll back the last commits).
  database.pragma("synchronous = NORMAL");
  database.exec(SCHEMA);
  database.transaction(() => {
    for (const [table, column, definition] of ADDED_COLUMNS) {
      const columns = database.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      if (!columns.some((entry) => entry.name === column)) database.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  })();
}
