/**
 * A question added through the registry alone (issue 22): test/fixtures/questions/mean-score.ts ("mean inventory
 * score per dataset"), run from the CLI (PERSONA_TALKS_QUESTIONS names the file) and from a notebook session
 * (registerQuestion, then run.analyze("mean-score")), against the deterministic loopback server of the golden tables.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { session } from "../../lib/notebook/notebook-session";
import { projectRoot } from "../../lib/paths";
import { loadQuestionModules } from "../../lib/questions/load-question-modules";
import { getQuestion, hasQuestion, questionIds, registerQuestion } from "../../lib/questions/registry";
import { parseCsvTable } from "../../lib/data/read-csv";
import { cli } from "../support/cli-child";
import { startOpenAiServer, type LoopbackServer } from "../support/openai-server";
import { question } from "../fixtures/questions/mean-score";
import { fixtureDataFolder, responder } from "./golden-run";

const FIXTURE = join(projectRoot(), "test", "fixtures", "questions", "mean-score.ts");
let root: string;
let data: string;
let server: LoopbackServer;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "pt-fixture-question-"));
  data = fixtureDataFolder(root);
  server = await startOpenAiServer({ responder });
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const env = () => ({ PERSONA_TALKS_DATA: data, PERSONA_TALKS_CACHE: join(root, "cache"), PERSONA_TALKS_CHROMIUM: join(root, "no-browser"), LOCAL_LLM_BASE_URL: server.baseURL });

/** The mean of a score column over the rows of a dataset, from scores.csv (independent of the question's table). */
function meanOf(rows: Record<string, string>[], dataset: string, column: string): number {
  const values = rows.filter((row) => row.dataset === dataset).map((row) => Number(row[column])).filter(Number.isFinite);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

let cliMeans: Record<string, unknown>[] = [];

test("the CLI runs a question named in PERSONA_TALKS_QUESTIONS: analyze mean-score", async () => {
  const unknown = await cli(["analyze", "no-such-question"], { ...env(), PERSONA_TALKS_QUESTIONS: FIXTURE });
  assert.equal(unknown.code, 2, unknown.stderr);
  assert.match(unknown.stderr, /unknown question "no-such-question"; use data, rq1, rq2, rq3, psychometrics, robustness, mean-score/);
  assert.equal(unknown.stderr.trim().split("\n").length, 1, "one line");
  const help = await cli(["analyze", "--help"], { ...env(), PERSONA_TALKS_QUESTIONS: FIXTURE });
  assert.match(help.stdout, /mean-score\s+the mean of every domain score per dataset/);

  const out = join(root, "cli-out");
  const args = ["analyze", "mean-score", "--n", "3", "--dataset", "esconv", "--dataset", "cams", "--provider", "local", "--model", "golden-model", "--quiet", "--out", out];
  const run = await cli(args, { ...env(), PERSONA_TALKS_QUESTIONS: FIXTURE }, 120_000);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /mean-score \(prompt variant "paper"\): wrote \d+ files/);
  const table = parseCsvTable(readFileSync(join(out, "mean-score.csv"), "utf8"), "mean-score.csv", ["dataset"]).rows;
  const scores = parseCsvTable(readFileSync(join(out, "scores.csv"), "utf8"), "scores.csv", ["dataset"]).rows;
  assert.deepEqual(table.map((row) => row.dataset), ["esconv", "cams"]);
  for (const row of table) {
    assert.equal(Number(row.personas), 3);
    for (const column of ["HEXACO-60:Extraversion", "CSI:Expressiveness"]) {
      assert.ok(Math.abs(Number(row[column]) - meanOf(scores, row.dataset, column)) < 1e-9, `${row.dataset} ${column}: ${row[column]}`);
    }
  }
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  assert.equal(summary.question, "mean-score");
  assert.equal(summary.variant.name, "paper");
  cliMeans = summary.means;
  // --classifier is rq3's: the fixture question did not list it, so the CLI refuses it.
  const refused = await cli(["analyze", "mean-score", "--classifier", "off"], { ...env(), PERSONA_TALKS_QUESTIONS: FIXTURE });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--classifier applies to rq3 only/);
});

test("a notebook session runs a registered question: run.analyze(\"mean-score\")", async () => {
  assert.equal(hasQuestion("mean-score"), false, "not built in");
  registerQuestion(question);
  assert.ok(questionIds().includes("mean-score"));
  assert.equal(getQuestion("mean-score"), question);
  // Loading the same file again adds nothing (the module instance is already registered).
  assert.deepEqual(await loadQuestionModules({ PERSONA_TALKS_QUESTIONS: FIXTURE }), []);
  const saved = { ...process.env };
  Object.assign(process.env, env());
  try {
    const run = session({ provider: "local", model: "golden-model", n: 3, seed: 1, progress: false });
    try {
      const output = await run.analyze("mean-score", { datasets: ["esconv", "cams"] });
      assert.equal(output.question, "mean-score");
      assert.equal(output.tables[0].name, "mean-score");
      // The same answers as the CLI's run (one deterministic server, one cache): the same means.
      if (cliMeans.length) assert.deepEqual(output.summary.means, cliMeans);
      assert.equal((output.summary.means as unknown[]).length, 2);
    } finally {
      run.close();
    }
  } finally {
    for (const key of Object.keys(env())) if (saved[key] === undefined) delete process.env[key];
    Object.assign(process.env, saved);
  }
});
