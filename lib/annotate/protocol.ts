import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { JUDGE_CRITERIA, type JudgeCriterion } from "../prompts/parse-judgement";
import { CRITERION_DEFINITIONS } from "./criteria";
import { parseJsonFile } from "./parse-json-file";

// protocol.json in a study folder: what annotators read and agree to, the attention checks, the exclusion rules
// and the completion code. `annotate create` writes the defaults; the researcher edits the file before inviting
// anyone (plans are recorded at invitation, so changing the number of checks later only affects new links).

export const PROTOCOL_FILE = "protocol.json";

const DEGRADED_SENTENCE = "The number 42 bus runs every twenty minutes on weekdays.";
const criterionSchema = z.enum(JUDGE_CRITERIA as unknown as [string, ...string[]]);
const turnsSchema = z.array(z.object({ speaker: z.string().min(1), text: z.string() }).strict()).min(1);

/** A pair the researcher supplies with its right answer (the same answer on every checked criterion). */
const goldPairSchema = z
  .object({
    id: z.string().min(1).max(40),
    first: turnsSchema,
    second: turnsSchema,
    /** Which dialogue is better, or tie. */
    answer: z.enum(["first", "second", "tie"]),
  })
  .strict();

export const protocolSchema = z
  .object({
    format: z.literal("persona-talks-annotation-protocol"),
    version: z.literal(1),
    title: z.string().min(1).default("Dialogue comparison"),
    /** Paragraphs shown above the criteria on the instructions page. */
    instructions: z.array(z.string()).default([]),
    /** The criteria's definitions as shown to annotators (default: the paper's Section 6.2). */
    criteria: z.partialRecord(criterionSchema, z.string().min(1)).default({ ...CRITERION_DEFINITIONS }),
    /** Paragraphs of the consent text; the annotator must tick "I agree" before the first pair. */
    consent: z.array(z.string()).min(1),
    attention: z
      .object({
        /** Degraded pairs per annotator: one side's supporter turns replaced by `degradedSentence`. */
        degraded: z.number().int().min(0).max(20).default(2),
        degradedSentence: z.string().min(1).default(DEGRADED_SENTENCE),
        /** Researcher-supplied pairs with their answer (every annotator gets all of them). */
        gold: z.array(goldPairSchema).default([]),
        /** The criteria an attention check is scored on (the others are asked but not scored). */
        criteria: z.array(criterionSchema).min(1).default(["Overall"]),
      })
      .strict()
      .default({ degraded: 2, degradedSentence: DEGRADED_SENTENCE, gold: [], criteria: ["Overall"] }),
    exclusion: z
      .object({
        /** An annotator who fails more attention checks than this is excluded. */
        maxFailedChecks: z.number().int().min(0).default(0),
        /** An annotator whose median time per pair is below this many seconds is excluded (0: no time rule). */
        minMedianSecondsPerItem: z.number().min(0).default(10),
      })
      .strict()
      .default({ maxFailedChecks: 0, minMedianSecondsPerItem: 10 }),
    /** Shown on the last page (for crowd-work platforms such as Prolific); null for none. */
    completionCode: z.string().min(1).max(200).nullable().default(null),
  })
  .strict();
/** A protocol as used: every criterion has its definition (the paper's where protocol.json gives none). */
export type Protocol = Omit<z.infer<typeof protocolSchema>, "criteria"> & { criteria: Record<JudgeCriterion, string> };
export type GoldPair = z.infer<typeof goldPairSchema>;

export const DEFAULT_INSTRUCTIONS = [
  "You will read pairs of emotional-support conversations between a seeker and a supporter. Both conversations of a pair continue the same situation.",
  "For each pair, say for each criterion below which supporter did better (left or right), or that they are tied. There are no right or wrong answers except on a few control pairs that check attention.",
  "The first pairs are practice and do not count. Every answer is saved as soon as you give it; you can close the page and come back later with your private link.",
];

export const DEFAULT_CONSENT = [
  "This is a research study on the quality of generated emotional-support dialogues. Your answers are stored with the name the researcher gave your link, and are reported only in aggregate.",
  "Some conversations mention distressing situations. Participation is voluntary; you can stop at any time by closing the page.",
];

function complete(parsed: z.infer<typeof protocolSchema>): Protocol {
  return { ...parsed, criteria: { ...CRITERION_DEFINITIONS, ...parsed.criteria } };
}

export function defaultProtocol(): Protocol {
  return complete(protocolSchema.parse({ format: "persona-talks-annotation-protocol", version: 1, instructions: DEFAULT_INSTRUCTIONS, consent: DEFAULT_CONSENT }));
}

export function parseProtocol(text: string, file = PROTOCOL_FILE): Protocol {
  return complete(parseJsonFile(text, protocolSchema, file));
}

/** The study folder's protocol.json, or the defaults for a study made before protocols existed. */
export function loadProtocol(directory: string): Protocol {
  const path = join(resolve(directory), PROTOCOL_FILE);
  return existsSync(path) ? parseProtocol(readFileSync(path, "utf8"), path) : defaultProtocol();
}

export function writeProtocol(directory: string, protocol: Protocol): string {
  const path = join(resolve(directory), PROTOCOL_FILE);
  writeFileSync(path, JSON.stringify(protocol, null, 2) + "\n");
  return path;
}
