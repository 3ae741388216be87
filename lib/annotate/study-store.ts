import Database from "better-sqlite3";
import { join } from "node:path";
import type { JudgeCriterion } from "../prompts/parse-judgement";
import { DataError } from "../errors";
import { annotatorPlan, normalizeAnnotatorName, type PlannedPair } from "./annotator-plan";
import { isAnswer, isCriterion, outcomeOfAnswer, type Answer } from "./criteria";
import { STUDY_DATABASE, type Study } from "./study-file";

/** One stored answer of one annotator on one pair and criterion. */
export interface HumanJudgement {
  annotator: string;
  pairId: string;
  criterion: JudgeCriterion;
  /** As given on screen. */
  answer: Answer;
  /** Whether the with-persona dialogue was on the right for this annotator. */
  swapped: boolean;
  /** From the with-persona dialogue's side (answer mapped back through `swapped`). */
  outcome: "win" | "tie" | "loss";
  /** The pair's place in this annotator's order (0-based). */
  position: number;
  savedAt: string;
}

export interface StudyStore {
  /** The annotator's plan: recorded on the first visit, read back afterwards. */
  planOf(annotator: string): PlannedPair[];
  save(annotator: string, pairId: string, criterion: string, answer: string): HumanJudgement;
  judgements(annotator?: string): HumanJudgement[];
  annotators(): { annotator: string; startedAt: string }[];
  close(): void;
}

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
`;

interface JudgementRecord {
  annotator: string;
  pair_id: string;
  criterion: string;
  answer: string;
  swapped: number;
  outcome: string;
  position: number;
  saved_at: string;
}

function fromRecord(record: JudgementRecord): HumanJudgement {
  return {
    annotator: record.annotator,
    pairId: record.pair_id,
    criterion: record.criterion as JudgeCriterion,
    answer: record.answer as Answer,
    swapped: record.swapped === 1,
    outcome: record.outcome as HumanJudgement["outcome"],
    position: record.position,
    savedAt: record.saved_at,
  };
}

/**
 * The study's judgements in SQLite (judgements.sqlite in the study folder, WAL): every answer is written when it
 * is given, so closing the browser or stopping the server loses nothing. A changed answer replaces the earlier
 * one (the latest answer counts). `readonly` opens it for results without creating anything.
 */
export function openStudyStore(directory: string, study: Study, options: { readonly?: boolean; now?: () => string } = {}): StudyStore {
  const path = join(directory, STUDY_DATABASE);
  const database = options.readonly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path);
  if (!options.readonly) {
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.exec(SCHEMA);
  }
  const now = options.now ?? (() => new Date().toISOString());
  const pairIds = new Set(study.pairs.map((pair) => pair.pairId));
  const readPlan = (annotator: string) =>
    (database.prepare("SELECT pair_id, position, swapped FROM assignments WHERE annotator = ? ORDER BY position").all(annotator) as { pair_id: string; position: number; swapped: number }[]).map(
      (row): PlannedPair => ({ pairId: row.pair_id, position: row.position, swapped: row.swapped === 1 }),
    );
  const recordPlan = database.transaction((annotator: string) => {
    const existing = readPlan(annotator);
    if (existing.length) return existing;
    const plan = annotatorPlan(study, annotator);
    database.prepare("INSERT INTO annotators (annotator, started_at) VALUES (?, ?)").run(annotator, now());
    const insert = database.prepare("INSERT INTO assignments (annotator, pair_id, position, swapped) VALUES (?, ?, ?, ?)");
    for (const entry of plan) insert.run(annotator, entry.pairId, entry.position, entry.swapped ? 1 : 0);
    return plan;
  });
  const validName = (name: string) => {
    const annotator = normalizeAnnotatorName(name);
    if (!annotator || annotator.length > 80) throw new DataError("an annotator name must have 1 to 80 characters", { field: "annotator" });
    return annotator;
  };
  return {
    planOf(name) {
      const annotator = validName(name);
      return options.readonly ? readPlan(annotator) : recordPlan(annotator);
    },
    save(name, pairId, criterion, answer) {
      const annotator = validName(name);
      if (!pairIds.has(pairId)) throw new DataError(`unknown pair ${JSON.stringify(pairId)}`, { field: "pairId" });
      if (!isCriterion(criterion)) throw new DataError(`unknown criterion ${JSON.stringify(criterion)}`, { field: "criterion" });
      if (!isAnswer(answer)) throw new DataError(`answer must be left, tie or right, got ${JSON.stringify(answer)}`, { field: "answer" });
      const entry = recordPlan(annotator).find((planned) => planned.pairId === pairId)!;
      const judgement: HumanJudgement = {
        annotator,
        pairId,
        criterion,
        answer,
        swapped: entry.swapped,
        outcome: outcomeOfAnswer(answer, entry.swapped),
        position: entry.position,
        savedAt: now(),
      };
      database
        .prepare(
          `INSERT INTO judgements (annotator, pair_id, criterion, answer, swapped, outcome, position, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (annotator, pair_id, criterion) DO UPDATE SET answer = excluded.answer, outcome = excluded.outcome, saved_at = excluded.saved_at`,
        )
        .run(annotator, pairId, criterion, answer, judgement.swapped ? 1 : 0, judgement.outcome, judgement.position, judgement.savedAt);
      return judgement;
    },
    judgements(name) {
      const sql = "SELECT * FROM judgements" + (name === undefined ? "" : " WHERE annotator = ?") + " ORDER BY annotator, position, criterion";
      const statement = database.prepare(sql);
      const records = (name === undefined ? statement.all() : statement.all(normalizeAnnotatorName(name))) as JudgementRecord[];
      return records.map(fromRecord);
    },
    annotators() {
      return (database.prepare("SELECT annotator, started_at FROM annotators ORDER BY started_at, annotator").all() as { annotator: string; started_at: string }[]).map((row) => ({
        annotator: row.annotator,
        startedAt: row.started_at,
      }));
    },
    close() {
      database.close();
    },
  };
}
