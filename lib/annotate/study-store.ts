import Database from "better-sqlite3";
import { join } from "node:path";
import type { JudgeCriterion } from "../prompts/parse-judgement";
import { DataError, UsageError } from "../errors";
import { MAX_ANNOTATOR_NAME, normalizeAnnotatorName } from "./annotator-name";
import { isAnswer, isCriterion, outcomeOfAnswer, type Answer, type Outcome } from "./criteria";
import { hashLinkToken, newLinkToken } from "./link-token";
import { loadProtocol, type Protocol } from "./protocol";
import { protocolPlan, type ItemKind, type PlannedItem } from "./protocol-plan";
import { STUDY_DATABASE, type Study } from "./study-file";
import { isOutdated, migrateStudyDatabase } from "./study-schema";

/** One stored answer of one annotator on one item and criterion. */
export interface HumanJudgement {
  annotator: string;
  pairId: string;
  criterion: JudgeCriterion;
  /** As given on screen. */
  answer: Answer;
  /** Whether the with-persona (or intact, or gold first) dialogue was on the right for this annotator. */
  swapped: boolean;
  /** From the with-persona dialogue's side (answer mapped back through `swapped`). */
  outcome: Outcome;
  /** The item's place in this annotator's order (0-based, practice pairs first). */
  position: number;
  savedAt: string;
  /** study (counts), practice (never counts) or attention (scored against `expected`). */
  kind: ItemKind;
  /** An attention check's right outcome; null otherwise. */
  expected: Outcome | null;
  /** Milliseconds the annotator spent before this answer (since the pair was shown or the previous answer), summed over changes. */
  ms: number;
}

export interface StudyStore {
  /** The annotator's plan: recorded the first time (at invitation), read back afterwards. */
  planOf(annotator: string): PlannedItem[];
  /** The recorded plan, or [] when the annotator has none; never writes. */
  readPlan(annotator: string): PlannedItem[];
  save(annotator: string, pairId: string, criterion: string, answer: string, options?: { ms?: number }): HumanJudgement;
  /** Removes an answer (the annotator cleared it); false when there was none. */
  clear(annotator: string, pairId: string, criterion: string): boolean;
  /** Stored judgements, study items only unless `kinds` says otherwise. */
  judgements(annotator?: string, options?: { kinds?: readonly ItemKind[] }): HumanJudgement[];
  annotators(): { annotator: string; startedAt: string; consentedAt: string | null; linkRevoked: boolean | null }[];
  /** A new private link token for the annotator (its hash is stored, never the token); records the plan. */
  invite(annotator: string): { annotator: string; token: string };
  /** Ends the annotator's link (their answers stay). */
  revoke(annotator: string): void;
  /** The annotator a token belongs to, when the link exists and is not revoked. */
  annotatorOfToken(token: string): string | undefined;
  consent(annotator: string): string;
  consentedAt(annotator: string): string | null;
  close(): void;
}

interface JudgementRecord {
  annotator: string;
  pair_id: string;
  criterion: string;
  answer: string;
  swapped: number;
  outcome: string;
  position: number;
  saved_at: string;
  kind: string;
  expected: string | null;
  ms: number;
}

function fromRecord(record: JudgementRecord): HumanJudgement {
  return {
    annotator: record.annotator,
    pairId: record.pair_id,
    criterion: record.criterion as JudgeCriterion,
    answer: record.answer as Answer,
    swapped: record.swapped === 1,
    outcome: record.outcome as Outcome,
    position: record.position,
    savedAt: record.saved_at,
    kind: record.kind as ItemKind,
    expected: record.expected as Outcome | null,
    ms: record.ms,
  };
}

/** A name as stored: normalized (lib/annotate/annotator-name.ts) and 1 to 80 characters. */
export function validAnnotatorName(name: string): string {
  const annotator = normalizeAnnotatorName(name);
  if (!annotator || annotator.length > MAX_ANNOTATOR_NAME) throw new DataError(`an annotator name must have 1 to ${MAX_ANNOTATOR_NAME} characters`, { field: "annotator" });
  return annotator;
}

/**
 * The study's judgements in SQLite (judgements.sqlite in the study folder, WAL): every answer is written in its
 * own transaction when it is given, so closing the browser, stopping or killing the server loses nothing. A
 * changed answer replaces the earlier one (the latest answer counts). `readonly` opens it for results without
 * creating anything.
 */
export function openStudyStore(directory: string, study: Study, options: { readonly?: boolean; now?: () => string; protocol?: Protocol } = {}): StudyStore {
  const path = join(directory, STUDY_DATABASE);
  let database = options.readonly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path, { timeout: 10_000 });
  if (options.readonly && isOutdated(database)) {
    // Made by an earlier version: add the new tables and columns (empty) once, then read as usual.
    database.close();
    const writable = new Database(path, { timeout: 10_000 });
    migrateStudyDatabase(writable);
    writable.close();
    database = new Database(path, { readonly: true, fileMustExist: true });
  }
  if (!options.readonly) migrateStudyDatabase(database);
  const protocol = options.protocol ?? loadProtocol(directory);
  const now = options.now ?? (() => new Date().toISOString());
  const readPlan = (annotator: string) =>
    (
      database.prepare("SELECT pair_id, position, swapped, kind, source, expected FROM assignments WHERE annotator = ? ORDER BY position").all(annotator) as {
        pair_id: string;
        position: number;
        swapped: number;
        kind: string;
        source: string | null;
        expected: string | null;
      }[]
    ).map(
      (row): PlannedItem => ({ pairId: row.pair_id, position: row.position, swapped: row.swapped === 1, kind: row.kind as ItemKind, source: row.source, expected: row.expected as Outcome | null }),
    );
  const recordPlan = database.transaction((annotator: string) => {
    const existing = readPlan(annotator);
    if (existing.length) return existing;
    const plan = protocolPlan(study, protocol, annotator);
    database.prepare("INSERT OR IGNORE INTO annotators (annotator, started_at) VALUES (?, ?)").run(annotator, now());
    const insert = database.prepare("INSERT INTO assignments (annotator, pair_id, position, swapped, kind, source, expected) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const entry of plan) insert.run(annotator, entry.pairId, entry.position, entry.swapped ? 1 : 0, entry.kind, entry.source, entry.expected);
    return plan;
  });
  const upsert = database.prepare(
    `INSERT INTO judgements (annotator, pair_id, criterion, answer, swapped, outcome, position, saved_at, kind, expected, ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (annotator, pair_id, criterion) DO UPDATE SET answer = excluded.answer, outcome = excluded.outcome, saved_at = excluded.saved_at, ms = judgements.ms + excluded.ms`,
  );
  const invite = database.transaction((annotator: string) => {
    const link = database.prepare("SELECT revoked_at FROM links WHERE annotator = ?").get(annotator) as { revoked_at: string | null } | undefined;
    if (link && link.revoked_at === null) throw new UsageError(`${annotator} already has a link; revoke it first (annotate revoke --annotator ${JSON.stringify(annotator)}) to give them a new one`);
    const token = newLinkToken();
    database
      .prepare("INSERT INTO links (annotator, token_hash, created_at, revoked_at) VALUES (?, ?, ?, NULL) ON CONFLICT (annotator) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at, revoked_at = NULL")
      .run(annotator, hashLinkToken(token), now());
    recordPlan(annotator);
    return { annotator, token };
  });
  return {
    planOf(name) {
      const annotator = validAnnotatorName(name);
      return options.readonly ? readPlan(annotator) : recordPlan(annotator);
    },
    readPlan(name) {
      return readPlan(normalizeAnnotatorName(name));
    },
    save(name, pairId, criterion, answer, saveOptions = {}) {
      const annotator = validAnnotatorName(name);
      if (!isCriterion(criterion)) throw new DataError(`unknown criterion ${JSON.stringify(criterion)}`, { field: "criterion" });
      if (!isAnswer(answer)) throw new DataError(`answer must be left, tie or right, got ${JSON.stringify(answer)}`, { field: "answer" });
      const entry = (readPlan(annotator).length ? readPlan(annotator) : recordPlan(annotator)).find((planned) => planned.pairId === pairId);
      if (!entry) throw new DataError(`unknown pair ${JSON.stringify(pairId)}`, { field: "pairId" });
      const judgement: HumanJudgement = {
        annotator,
        pairId,
        criterion,
        answer,
        swapped: entry.swapped,
        outcome: outcomeOfAnswer(answer, entry.swapped),
        position: entry.position,
        savedAt: now(),
        kind: entry.kind,
        expected: entry.expected,
        ms: Math.max(0, Math.round(saveOptions.ms ?? 0)),
      };
      upsert.run(annotator, pairId, criterion, answer, judgement.swapped ? 1 : 0, judgement.outcome, judgement.position, judgement.savedAt, judgement.kind, judgement.expected, judgement.ms);
      return judgement;
    },
    clear(name, pairId, criterion) {
      return database.prepare("DELETE FROM judgements WHERE annotator = ? AND pair_id = ? AND criterion = ?").run(normalizeAnnotatorName(name), pairId, criterion).changes > 0;
    },
    judgements(name, judgementOptions = {}) {
      const kinds = judgementOptions.kinds ?? ["study"];
      const where = [`kind IN (${kinds.map(() => "?").join(", ")})`, ...(name === undefined ? [] : ["annotator = ?"])];
      const statement = database.prepare(`SELECT * FROM judgements WHERE ${where.join(" AND ")} ORDER BY annotator, position, criterion`);
      const records = (name === undefined ? statement.all(...kinds) : statement.all(...kinds, normalizeAnnotatorName(name))) as JudgementRecord[];
      return records.map(fromRecord);
    },
    annotators() {
      const rows = database
        .prepare("SELECT a.annotator, a.started_at, a.consented_at, l.revoked_at, l.annotator AS linked FROM annotators a LEFT JOIN links l ON l.annotator = a.annotator ORDER BY a.started_at, a.annotator")
        .all() as { annotator: string; started_at: string; consented_at: string | null; revoked_at: string | null; linked: string | null }[];
      return rows.map((row) => ({ annotator: row.annotator, startedAt: row.started_at, consentedAt: row.consented_at, linkRevoked: row.linked === null ? null : row.revoked_at !== null }));
    },
    invite(name) {
      return invite(validAnnotatorName(name));
    },
    revoke(name) {
      const annotator = normalizeAnnotatorName(name);
      const changed = database.prepare("UPDATE links SET revoked_at = ? WHERE annotator = ? AND revoked_at IS NULL").run(now(), annotator).changes;
      if (!changed) throw new UsageError(`${JSON.stringify(annotator)} has no active link in this study`);
    },
    annotatorOfToken(token) {
      const row = database.prepare("SELECT annotator FROM links WHERE token_hash = ? AND revoked_at IS NULL").get(hashLinkToken(token)) as { annotator: string } | undefined;
      return row?.annotator;
    },
    consent(name) {
      const at = now();
      database.prepare("UPDATE annotators SET consented_at = COALESCE(consented_at, ?) WHERE annotator = ?").run(at, normalizeAnnotatorName(name));
      return at;
    },
    consentedAt(name) {
      const row = database.prepare("SELECT consented_at FROM annotators WHERE annotator = ?").get(normalizeAnnotatorName(name)) as { consented_at: string | null } | undefined;
      return row?.consented_at ?? null;
    },
    close() {
      database.close();
    },
  };
}
