import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { UsageError } from "../../lib/errors";
import { openSession } from "../../lib/notebook/notebook-session";
import { compare } from "../../lib/notebook/variants";
import { stageTables } from "../../lib/notebook/stage-view";
import { createPipelineContext, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { startOpenAiServer, type LoopbackServer, type ModelCall, type Reply } from "../support/openai-server";
import { madeUpDialogues, madeUpPosts, promptKind, temporaryCache, wellFormedReply } from "../pipeline/helpers";

// Issue 25, items 2 and 3: each session stage checks its input before any call (one line: expected, given), cards
// the filter rejected reach later stages only when asked for, and stage tables and rows carry the prompt variant,
// which compare and show use as the sides' names.

let server: LoopbackServer;
let cache: ReturnType<typeof temporaryCache>;
let context: PipelineContext;

// The filter rejects the card of the CAMS post about a mechanic.
function reply(call: ModelCall): Reply {
  if (promptKind(call) === "extract" && /mechanic/.test(call.promptText)) {
    return JSON.stringify({ age: "middle-aged", gender: "male", occupation: "mechanic", description: "The person is a mechanic.", problem: "The person cannot sleep." });
  }
  if (promptKind(call) === "filter" && /mechanic/.test(call.promptText)) return JSON.stringify({ keep: false, reason: "Too vague." });
  return wellFormedReply(call);
}

before(async () => {
  server = await startOpenAiServer({ responder: reply });
  cache = temporaryCache();
  context = createPipelineContext({ model: { provider: "openai", model: "gpt-4o-mini" }, adapterOptions: { apiKey: "sk-test", baseURL: server.baseURL }, cachePath: cache.path, limits: false });
});
after(async () => {
  context.close();
  cache.remove();
  await server.close();
});

test("a stage given another stage's table (forced through `as any`) stops before any call, saying what it expected and what it was given", async () => {
  const run = openSession({ progress: false }, {}, context);
  const cards = await run.extract(madeUpPosts());
  const calls = server.calls.length;
  await assert.rejects(
    run.answer(cards as any),
    (error: unknown) => error instanceof UsageError && error.message === "answer: expected trait descriptions (run.describeTraits) or expanded personas (run.expand), given extracted cards (run.extract)",
  );
  await assert.rejects(run.generate(cards as any), /^UsageError: generate: expected expanded personas \(run\.expand\), given extracted cards \(run\.extract\)$/);
  await assert.rejects(run.answer(cards.rows as any), /answer: expected .*, given rows of extracted cards \(run\.extract\)/);
  await assert.rejects(run.filter(undefined as any), /filter: expected extracted cards \(run\.extract\), given undefined/);
  await assert.rejects(run.continue(cards as any, { traits: "none" }), /continue: expected ESConv dialogues \(run\.dialogues\(\)\), given extracted cards/);
  await assert.rejects(run.reextract(cards as any), /reextract: expected generated dialogues \(run\.generate\), given extracted cards/);
  assert.equal(server.calls.length, calls, "nothing was called");
});

test("cards the filter rejected do not reach describeTraits unless includeRejected is set", async () => {
  const run = openSession({ progress: false }, {}, context);
  const verdicts = await run.filter(await run.extract(madeUpPosts()));
  const rejected = verdicts.rows.filter((row) => row.kept === false).map((row) => row.id);
  assert.deepEqual(rejected, ["cams:fixture:2"]);
  const traits = await run.describeTraits(verdicts);
  assert.deepEqual(traits.rows.map((row) => row.id), ["cams:fixture:1"]);
  const all = await run.describeTraits(verdicts, { includeRejected: true });
  assert.deepEqual(all.rows.map((row) => row.id).sort(), ["cams:fixture:1", "cams:fixture:2"]);
});

test("stage tables, their rows and the answers' score rows carry the variant; compare and show name the sides by it", async () => {
  const run = openSession({ progress: false }, {}, context);
  const traits = await run.describeTraits(await run.extract(madeUpDialogues()));
  const answers = await run.answer(traits);
  const reworded = run.variant({ name: "reworded", overrides: {} });
  const rewordedAnswers = await reworded.answer(traits);
  assert.equal(answers.variant, "paper");
  assert.equal(answers.summary.variant, "paper");
  assert.ok(answers.rows.every((row) => (row as { variant?: string }).variant === "paper"));
  assert.ok(rewordedAnswers.scores.every((row) => (row as { variant?: unknown }).variant === "reworded"));
  assert.match(stageTables(rewordedAnswers)[0].title, /· variant reworded\b/);
  for (const comparison of [compare(answers.scores, rewordedAnswers.scores), compare(answers, rewordedAnswers)]) {
    assert.deepEqual([comparison.a.name, comparison.b.name], ["paper", "reworded"]);
    const text = JSON.stringify([comparison.tables.map((table) => [table.title, table.columns.map((column) => column.label)]), comparison.figures.map((figure) => figure.spec.layout)]);
    assert.match(text, /reworded - paper/);
    assert.doesNotMatch(text, /\bB - A\b|"A"|"B"/);
  }
});

test("pt.score keeps the variant with the frame (not as a column); corr's table and heatmap titles and show's title name it", async () => {
  const { score, corr } = await import("../../lib/notebook/explore");
  const { frameTable } = await import("../../lib/tables/frame-table");
  const run = openSession({ progress: false }, {}, context);
  const traits = await run.describeTraits(await run.extract(madeUpDialogues()));
  const scores = score(await run.variant({ name: "reworded", overrides: {} }).answer(traits));
  assert.ok(!scores.columns.includes("variant"));
  const correlations = corr(scores, { rows: "HEXACO-60", columns: "CSI" });
  assert.match(correlations.table.title, /, prompt variant reworded$/);
  assert.match(JSON.stringify(correlations.heatmap.layout), /prompt variant reworded/);
  assert.match(frameTable(scores).title, /· variant reworded/);
});
