import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parse } from "csv-parse/sync";
import type { Turn } from "../../data/types";
import { DataError, MissingDataError } from "../../errors";
import { formatDialogueTranscript } from "../../prompts/format-dialogue";
import { JUDGE_CRITERIA, normalizeVerdict, parsePairJudgement, type JudgeCriterion, type PairJudgement, type PairVerdict } from "../../prompts/parse-judgement";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult, StageRowBase } from "../types";

/** A dialogue as the judge needs it. */
export interface JudgedDialogue {
  dialogueId: string;
  condition: string;
  turns: Turn[];
}

/** Two dialogues to compare; outcomes are reported from `first`'s side (the paper: first = with persona traits). */
export interface DialoguePair {
  pairId: string;
  first: JudgedDialogue;
  second: JudgedDialogue;
}

export type PairOutcome = "win" | "tie" | "loss";

export type PairJudgementRow = StageRowBase & {
  pairId: string;
  firstDialogueId: string;
  secondDialogueId: string;
  firstCondition: string;
  secondCondition: string;
  /** True when `first` was shown as Dialogue B (the order is randomized per pair with the seed and recorded). */
  swapped: boolean;
  /** The judge's answers as given, per criterion: "A", "B" or "tie". */
  verdicts: PairJudgement | null;
} & { [criterion in JudgeCriterion]: PairOutcome | null };

/** One judgement of one pair on one criterion, as lib/analysis pairwiseTable reads them. */
export interface JudgementRow {
  pairId: string;
  criterion: JudgeCriterion;
  outcome: PairOutcome;
  judge: string;
}

/** Whether `first` is shown as B for this pair: a hash of the seed and the pair id, so it does not depend on order or n. */
export function isSwapped(pairId: string, seed: number): boolean {
  return createHash("sha256").update(`${seed}\u0000${pairId}`).digest()[0] >= 128;
}

/** Pairs dialogues of two conditions that continue the same source (or share a persona). */
export function pairDialogues(firstRows: readonly (JudgedDialogue & { sourceDialogueId?: string | null; personaId?: string; status?: string })[], secondRows: readonly (JudgedDialogue & { sourceDialogueId?: string | null; personaId?: string; status?: string })[]): DialoguePair[] {
  const keyOf = (row: { sourceDialogueId?: string | null; personaId?: string; dialogueId: string }) => row.sourceDialogueId ?? row.personaId ?? row.dialogueId;
  const second = new Map(secondRows.filter((row) => row.status !== "failed").map((row) => [keyOf(row), row]));
  return firstRows
    .filter((row) => row.status !== "failed" && second.has(keyOf(row)))
    .map((row) => {
      const other = second.get(keyOf(row))!;
      return {
        // The id must not name the conditions: annotators see it in the export.
        pairId: `pair:${keyOf(row)}:${createHash("sha256").update(`${row.condition}\u0000${other.condition}`).digest("hex").slice(0, 6)}`,
        first: { dialogueId: row.dialogueId, condition: row.condition, turns: row.turns },
        second: { dialogueId: other.dialogueId, condition: other.condition, turns: other.turns },
      };
    });
}

function outcomeOf(verdict: PairVerdict, swapped: boolean): PairOutcome {
  if (verdict === "tie") return "tie";
  const firstShownAs = swapped ? "B" : "A";
  return verdict === firstShownAs ? "win" : "loss";
}

/**
 * An LLM judge compares two dialogues on the five criteria of Section 6.2. Which one is shown first is random
 * (seeded, recorded in `swapped`); outcomes are reported from the first dialogue's side.
 */
export async function judgePair(pairs: readonly DialoguePair[] | unknown, options: StageOptions = {}): Promise<StageResult<PairJudgementRow> & { judgements: JudgementRow[] }> {
  const stage = "judgePair";
  const seed = options.seed ?? 1;
  const chosen = sampleRows(tableRows<DialoguePair>(pairs, "dialogue pairs"), options.n, seed);
  return withContext(options, async (context) => {
    const calls: StageCall<PairJudgement>[] = chosen.map((pair) => {
      const swapped = isSwapped(pair.pairId, seed);
      const [a, b] = swapped ? [pair.second, pair.first] : [pair.first, pair.second];
      return {
        itemId: pair.pairId,
        promptId: "judge-pair",
        variables: { dialogueA: formatDialogueTranscript(a.turns), dialogueB: formatDialogueTranscript(b.turns) },
        parse: (raw) => parsePairJudgement(raw),
      };
    });
    const result = await runStageCalls(stage, calls, options, context);
    const rows: PairJudgementRow[] = result.outcomes.map((outcome, index) => {
      const pair = chosen[index];
      const swapped = isSwapped(pair.pairId, seed);
      const outcomes = Object.fromEntries(
        JUDGE_CRITERIA.map((criterion) => [criterion, outcome.value ? outcomeOf(outcome.value[criterion], swapped) : null]),
      ) as { [criterion in JudgeCriterion]: PairOutcome | null };
      return {
        pairId: pair.pairId,
        firstDialogueId: pair.first.dialogueId,
        secondDialogueId: pair.second.dialogueId,
        firstCondition: pair.first.condition,
        secondCondition: pair.second.condition,
        swapped,
        verdicts: outcome.value ?? null,
        ...outcomes,
        ...rowBase(stage, context, [outcome]),
      };
    });
    return stageResult(stage, rows, result, { judgements: judgementRows(rows, `${context.model.provider}:${context.model.model}`) });
  });
}

/** Long judgement rows (pairId, criterion, outcome) of judged pairs; failed rows are left out. */
export function judgementRows(rows: readonly PairJudgementRow[], judge = "llm"): JudgementRow[] {
  return rows.flatMap((row) =>
    JUDGE_CRITERIA.flatMap((criterion) => {
      const outcome = row[criterion];
      return outcome ? [{ pairId: row.pairId, criterion, outcome, judge }] : [];
    }),
  );
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(",");
}

/** The key file written next to an export: `<name>.key.csv`. */
export function pairKeyPath(csvPath: string): string {
  return csvPath.replace(/(\.csv)?$/i, ".key.csv");
}

/**
 * Writes the pairs for human annotators: one row per pair with both transcripts (in the seeded A/B order) and
 * an empty column per criterion to fill with A, B or tie. The A/B key (which dialogue and condition is which)
 * goes to a separate `<name>.key.csv`, so annotators do not see the conditions.
 */
export function exportPairsForHumans(pairs: readonly DialoguePair[], csvPath: string, options: { seed?: number } = {}): { csvPath: string; keyPath: string; pairs: number } {
  const seed = options.seed ?? 1;
  const lines = [csvLine(["pairId", "dialogueA", "dialogueB", ...JUDGE_CRITERIA])];
  const keyLines = [csvLine(["pairId", "swapped", "dialogueAId", "dialogueBId", "conditionA", "conditionB", "firstDialogueId"])];
  for (const pair of pairs) {
    const swapped = isSwapped(pair.pairId, seed);
    const [a, b] = swapped ? [pair.second, pair.first] : [pair.first, pair.second];
    lines.push(csvLine([pair.pairId, formatDialogueTranscript(a.turns), formatDialogueTranscript(b.turns), ...JUDGE_CRITERIA.map(() => "")]));
    keyLines.push(csvLine([pair.pairId, swapped, a.dialogueId, b.dialogueId, a.condition, b.condition, pair.first.dialogueId]));
  }
  const keyPath = pairKeyPath(csvPath);
  mkdirSync(dirname(csvPath), { recursive: true });
  writeFileSync(csvPath, lines.join("\n") + "\n");
  writeFileSync(keyPath, keyLines.join("\n") + "\n");
  return { csvPath, keyPath, pairs: pairs.length };
}

function readCsv(path: string): Record<string, string>[] {
  if (!existsSync(path)) throw new MissingDataError(path, "file not found");
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
}

/**
 * Reads annotators' answers from a filled export (A, B or tie per criterion; blank cells are not yet judged and
 * skipped) and turns them into judgement rows from the first dialogue's side, using the key file. Anything else
 * in a criterion cell is a DataError naming the file, pair and criterion.
 */
export function importHumanJudgements(csvPath: string, options: { keyPath?: string; judge?: string } = {}): JudgementRow[] {
  const keyPath = options.keyPath ?? pairKeyPath(csvPath);
  const key = new Map(readCsv(keyPath).map((row) => [row.pairId, row.swapped === "true"]));
  const judge = options.judge ?? "human";
  return readCsv(csvPath).flatMap((row, index) => {
    const pairId = row.pairId;
    if (!key.has(pairId)) throw new DataError(`pair "${pairId}" is not in the key file ${keyPath}`, { file: csvPath, record: index + 2, field: "pairId" });
    const swapped = key.get(pairId)!;
    return JUDGE_CRITERIA.flatMap((criterion) => {
      const cell = (row[criterion] ?? "").trim();
      if (!cell) return [];
      const verdict = normalizeVerdict(cell);
      if (!verdict) throw new DataError(`expected A, B or tie, got ${JSON.stringify(cell)}`, { file: csvPath, record: pairId, field: criterion });
      return [{ pairId, criterion, outcome: outcomeOf(verdict, swapped), judge }];
    });
  });
}
