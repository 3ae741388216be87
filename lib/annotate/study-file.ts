import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { DataError, MissingDataError, UsageError } from "../errors";
import { createRandom } from "../random";
import { parseJsonFile } from "./parse-json-file";
import { defaultProtocol, PROTOCOL_FILE, writeProtocol } from "./protocol";
import { loadDialogueLines, loadJudgementLines, toJsonLines, type DialogueLine } from "../reports/dialogue-lines";
import { makeDirectory } from "../files/make-directory";

// A study folder: study.json (the pairs, with both dialogues and which one is the with-persona side),
// llm-judgements.jsonl (the rq3 judge's verdicts on those pairs, for human vs LLM agreement), protocol.json
// (instructions, consent, attention checks, exclusion rules: lib/annotate/protocol.ts) and judgements.sqlite (the annotators' answers, written by the server as they are made).

export const STUDY_FILE = "study.json";
export const LLM_JUDGEMENTS_FILE = "llm-judgements.jsonl";
export const STUDY_DATABASE = "judgements.sqlite";

const turnSchema = z.object({ speaker: z.string(), text: z.string() });
const sideSchema = z.object({ dialogueId: z.string(), condition: z.string(), turns: z.array(turnSchema) });

const pairSchema = z.object({ pairId: z.string(), sourceDialogueId: z.string().nullable(), first: sideSchema, second: sideSchema });

export const studySchema = z.object({
  format: z.literal("persona-talks-annotation-study"),
  version: z.literal(1),
  seed: z.number().int(),
  createdAt: z.string(),
  /** The rq3 output folder the pairs came from. */
  source: z.string(),
  provider: z.string(),
  model: z.string(),
  simulated: z.boolean(),
  /** `first` is the with-persona dialogue (win = first judged better), as in the rq3 judge. */
  pairs: z.array(pairSchema).min(1),
  /** Practice pairs (drawn from the complete pairs not in the study): shown first, never counted. */
  practice: z.array(pairSchema).default([]),
});
export type Study = z.infer<typeof studySchema>;
export type StudyPair = Study["pairs"][number];

export interface CreateStudyOptions {
  /** The rq3 output folder (holding dialogues.jsonl, and judgements.jsonl when the judge ran). */
  from: string;
  /** Pairs drawn (seeded) from the complete pairs; default all. */
  pairs?: number;
  seed?: number;
  /** Practice pairs drawn from the complete pairs left over; default min(2, what is left). */
  practice?: number;
  out: string;
  /** Now, for tests. */
  createdAt?: string;
}

/** The complete with/without pairs of an rq3 output's dialogues (both sides present and ok). */
export function pairsOfLines(lines: readonly DialogueLine[]): StudyPair[] {
  const byPair = new Map<string, { first?: DialogueLine; second?: DialogueLine }>();
  for (const line of lines) {
    if (!line.pairId || !line.side || line.status !== "ok" || line.turns.length === 0) continue;
    const entry = byPair.get(line.pairId) ?? {};
    entry[line.side] = line;
    byPair.set(line.pairId, entry);
  }
  const side = (line: DialogueLine) => ({ dialogueId: line.dialogueId, condition: line.condition, turns: line.turns.map((turn) => ({ speaker: turn.speaker, text: turn.text })) });
  return [...byPair.entries()]
    .filter(([, entry]) => entry.first && entry.second)
    .map(([pairId, entry]) => ({ pairId, sourceDialogueId: entry.first!.sourceDialogueId, first: side(entry.first!), second: side(entry.second!) }))
    .sort((a, b) => (a.pairId < b.pairId ? -1 : a.pairId > b.pairId ? 1 : 0));
}

/**
 * Makes a study folder from an rq3 output: draws `pairs` complete pairs with the seed (the same seed and source
 * give the same pairs), writes study.json and the LLM judge's rows for those pairs. Refuses a folder that already
 * holds a study, so judgements are never orphaned by a re-draw.
 */
export function createStudy(options: CreateStudyOptions): { directory: string; study: Study } {
  const source = resolve(options.from);
  const out = resolve(options.out);
  const seed = options.seed ?? 1;
  if (existsSync(join(out, STUDY_FILE)) || existsSync(join(out, STUDY_DATABASE))) {
    throw new UsageError(`${out} already holds a study; choose another --out (judgements are never overwritten)`);
  }
  const lines = loadDialogueLines(join(source, "dialogues.jsonl"));
  const complete = pairsOfLines(lines);
  if (complete.length === 0) throw new DataError("no complete with/without pair (run analyze rq3 with both conditions)", { file: join(source, "dialogues.jsonl") });
  const wanted = options.pairs ?? complete.length;
  if (!Number.isInteger(wanted) || wanted < 1) throw new UsageError(`--pairs must be a whole number >= 1, got ${wanted}`);
  if (wanted > complete.length) throw new UsageError(`--pairs ${wanted} but ${join(source, "dialogues.jsonl")} has only ${complete.length} complete pairs`);
  const shuffled = createRandom(`annotate-study\u0000${seed}`).shuffle(complete);
  const chosen = shuffled.slice(0, wanted);
  const practiceWanted = options.practice ?? Math.min(2, complete.length - wanted);
  if (!Number.isInteger(practiceWanted) || practiceWanted < 0) throw new UsageError(`--practice must be a whole number >= 0, got ${practiceWanted}`);
  if (practiceWanted > complete.length - wanted) throw new UsageError(`--practice ${practiceWanted} but only ${complete.length - wanted} complete pairs are left beside the ${wanted} study pairs`);
  const practice = shuffled.slice(wanted, wanted + practiceWanted);
  const first = lines.find((line) => line.pairId !== null) ?? lines[0];
  const study: Study = {
    format: "persona-talks-annotation-study",
    version: 1,
    seed,
    createdAt: options.createdAt ?? new Date().toISOString(),
    source,
    provider: first.provider,
    model: first.model,
    simulated: first.simulated,
    pairs: chosen,
    practice,
  };
  makeDirectory(out);
  writeFileSync(join(out, STUDY_FILE), JSON.stringify(study, null, 2) + "\n");
  if (!existsSync(join(out, PROTOCOL_FILE))) writeProtocol(out, defaultProtocol());
  const ids = new Set(chosen.map((pair) => pair.pairId));
  const llm = loadJudgementLines(join(source, "judgements.jsonl")).filter((row) => ids.has(row.pairId));
  writeFileSync(join(out, LLM_JUDGEMENTS_FILE), toJsonLines(llm));
  return { directory: out, study };
}

export function parseStudy(text: string, file = STUDY_FILE): Study {
  return parseJsonFile(text, studySchema, file);
}

export function loadStudy(directory: string): Study {
  const path = join(resolve(directory), STUDY_FILE);
  if (!existsSync(path)) {
    const isRq3 = existsSync(directory) && readdirSync(directory).includes("dialogues.jsonl");
    const from = isRq3 ? resolve(directory) : "<rq3 output>";
    throw new MissingDataError(path, `no study here${isRq3 ? " (this is an rq3 output)" : ""}; make one with \`persona-talks annotate create --from ${from} --pairs N --out DIR\``);
  }
  return parseStudy(readFileSync(path, "utf8"), path);
}
