/**
 * The golden-table run (issue 22, "What must not change"): `analyze rq1|rq2|rq3` at a small N in a child process,
 * against a loopback server speaking the OpenAI format (the `local` provider: no rate
 * limits to pace to) whose answers depend only on the prompt text, over the
 * made-up datasets of test/fixtures/data and the made-up inventories of test/fixtures/pipeline. Every table it
 * writes (.md, .tex, .csv) and scores.csv are returned by file name, so a test can compare them byte for byte
 * with test/fixtures/golden/<question>/ (recorded with test/questions/record-golden.ts before the questions moved).
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../lib/paths";
import { cli } from "../support/cli-child";
import { startOpenAiServer, type ModelCall, type Reply } from "../support/openai-server";
import { promptKind, wellFormedReply } from "../pipeline/helpers";

export const GOLDEN_QUESTIONS = ["rq1", "rq2", "rq3"] as const;
export type GoldenQuestion = (typeof GOLDEN_QUESTIONS)[number];

/** The arguments of each recorded run (small: a few personas or dialogues). */
export const GOLDEN_ARGS: Record<GoldenQuestion, string[]> = {
  rq1: ["--n", "5"],
  rq2: ["--n", "3"],
  rq3: ["--n", "3", "--classifier", "off"],
};

export const GOLDEN_DIRECTORY = join(projectRoot(), "test", "fixtures", "golden");

/** Which files are compared: tables and scores (figures carry Plotly bundles, their captions run details; README/summary carry run details). */
export function isGoldenFile(name: string): boolean {
  return /\.(md|tex|csv)$/.test(name) && name !== "README.md" && !name.endsWith(".caption.md");
}

const STRATEGIES = ["Question", "Providing Suggestions", "Affirmation and Reassurance", "Reflection of feelings", "Self-disclosure", "Information"];
const OCCUPATIONS = ["nurse", "teacher", "student", "mechanic", "lawyer", "cook", "farmer"];

/**
 * An answer that depends only on the prompt's text: a Likert answer 1-5 from its hash; persona cards and trait
 * sentences tagged with the hash (so personas differ and their scores vary); dialogue strategies picked by it; else the well-formed reply.
 */
export function responder(call: ModelCall): Reply {
  const hash = createHash("sha256").update(call.promptText).digest();
  const kind = promptKind(call);
  if (kind === "answer") return String(1 + (hash[0] % 5));
  if (kind === "extract" || kind === "expand") {
    const card = JSON.parse(wellFormedReply(call) as string);
    const occupation = OCCUPATIONS[hash[1] % OCCUPATIONS.length];
    return JSON.stringify({ ...card, occupation, description: `The person is a ${occupation} (${hash.toString("hex").slice(0, 6)}).` });
  }
  if (kind === "describe") {
    const sentences = JSON.parse(wellFormedReply(call) as string) as Record<string, string>;
    const tag = hash.toString("hex").slice(0, 6);
    return JSON.stringify(Object.fromEntries(Object.entries(sentences).map(([domain, text]) => [domain, `${text} (${tag})`])));
  }
  if (kind === "continue" || kind === "generate") {
    const turns = JSON.parse(wellFormedReply(call) as string) as Array<{ speaker: string; strategy?: string; content: string }>;
    return JSON.stringify(turns.map((turn, index) => (turn.strategy ? { ...turn, strategy: STRATEGIES[hash[2 + index] % STRATEGIES.length] } : turn)));
  }
  return wellFormedReply(call);
}

/** A tiny made-up inventory stretched to the standard length: its invented items repeated, numbered 1..count. */
function stretched(tinyFile: string, count: number): string {
  const tiny = JSON.parse(readFileSync(join(projectRoot(), "test", "fixtures", "pipeline", tinyFile), "utf8"));
  const items = Array.from({ length: count }, (_, index) => {
    const item = tiny.items[index % tiny.items.length];
    return { ...item, id: index + 1, text: `${item.text} (copy ${Math.floor(index / tiny.items.length) + 1})` };
  });
  return JSON.stringify({ ...tiny, items }, null, 1);
}

/** A data folder of made-up files only: the fixture datasets and the tiny inventories stretched to 60 and 96 items. */
export function fixtureDataFolder(root: string): string {
  const data = join(root, "data");
  cpSync(join(projectRoot(), "test", "fixtures", "data"), data, { recursive: true });
  mkdirSync(join(data, "inventories"));
  writeFileSync(join(data, "inventories", "hexaco60.json"), stretched("tiny-hexaco.json", 60));
  writeFileSync(join(data, "inventories", "csi96.json"), stretched("tiny-csi.json", 96));
  return data;
}

export interface GoldenRun {
  code: number;
  stderr: string;
  /** File name → content, for the files isGoldenFile keeps. */
  files: Map<string, string>;
}

/** Runs `analyze <question>` as recorded and returns the tables it wrote. */
export async function runGolden(question: GoldenQuestion): Promise<GoldenRun> {
  const root = mkdtempSync(join(tmpdir(), "pt-golden-"));
  const server = await startOpenAiServer({ responder });
  try {
    const out = join(root, "out");
    const env = {
      PERSONA_TALKS_DATA: fixtureDataFolder(root),
      PERSONA_TALKS_CACHE: join(root, "cache"),
      PERSONA_TALKS_CHROMIUM: join(root, "no-browser"),
      LOCAL_LLM_BASE_URL: server.baseURL,
    };
    const args = ["analyze", question, ...GOLDEN_ARGS[question], "--provider", "local", "--model", "golden-model", "--seed", "1", "--quiet", "--out", out];
    const result = await cli(args, env, 300_000);
    const files = new Map<string, string>();
    if (result.code === 0) {
      for (const name of readdirSync(out).filter(isGoldenFile).sort()) files.set(name, readFileSync(join(out, name), "utf8"));
    }
    return { code: result.code, stderr: result.stderr, files };
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}
