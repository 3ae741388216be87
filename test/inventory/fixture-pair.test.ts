// A made-up inventory pair (test/fixtures/inventories/: mood6.json, talk6.json and their pairing file
// mood6-talk6.json) goes through answering, scoring, reliability, the RQ1 correlation and the alignment check with
// no code change: the inventories and the expected pairs are data. Answers come from a loopback OpenAI server
// with a deterministic answer function (no simulator, no internet).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError, UsageError } from "../../lib/errors";
import { expectedPairs, paperPairs } from "../../lib/inventory/expected-pairs";
import { inventoryAbbreviations, inventoryId, loadInventories, loadInventory } from "../../lib/inventory/load-inventory";
import type { Inventory } from "../../lib/inventory/inventory-schema";
import { parseOutsidePersonaCards } from "../../lib/data/import-persona-cards";
import { createPipelineContext, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { answerInventory } from "../../lib/pipeline/stages/answer-inventory";
import { rq1CorrelationsByGroup } from "../../lib/analysis/rq1-correlations";
import { abbreviate } from "../../lib/analysis/domains";
import { multitraitMultimethod } from "../../lib/psychometrics/multitrait-multimethod";
import { alphaByColumn, reliabilityReport } from "../../lib/psychometrics/domain-reliability";
import { rq1Report } from "../../lib/questions/rq1/rq1-report";
import { analyzeRq1 } from "../../lib/questions/rq1/rq1-analysis";
import { projectRoot } from "../../lib/paths";
import { openSession as session } from "../../lib/notebook/notebook-session";
import type { AnsweringPersonas } from "../../lib/notebook/stage-types";
import { startOpenAiServer, type LoopbackServer, type ModelCall, type Reply } from "../support/openai-server";
import { promptKind, temporaryCache, wellFormedReply } from "../pipeline/helpers";

const folder = join(projectRoot(), "test", "fixtures", "inventories");
const moodPath = join(folder, "mood6.json");
const talkPath = join(folder, "talk6.json");

// Latent levels of eight personas on three traits (-2..2). Answers: 3 + level, reversed items 6 - (3 + level), so
// that keyed domain scores are exactly 3 + level. MOOD: Cheer = t0, Calm = t1, Drive = t2. TALK: Chatty = t0,
// Gentle = t1, Blunt = (t0 + t1) / 2 (its item 5 follows t1, its reversed item 6 follows t0).
const T0 = [2, 1, 0, -1, -2, 1, -1, 0];
const T1 = [0, 1, -1, 2, -2, 1, 0, -1];
const T2 = [1, -1, 2, 0, -2, -1, 1, 0];

function level(inventory: "mood" | "talk", item: number, persona: number): number {
  if (inventory === "mood") return [T0, T0, T1, T1, T2, T2][item - 1][persona];
  return [T0, T0, T1, T1, T1, T0][item - 1][persona];
}

/** The deterministic answer function: persona from the description, item from the statement. */
function answer(call: ModelCall): Reply {
  if (promptKind(call) !== "answer") return wellFormedReply(call);
  const persona = Number(/Fixture persona (\d+)/.exec(call.promptText)?.[1]);
  const talk = /Made-up talk statement (\d+)/.exec(call.promptText);
  const mood = /Made-up statement (\d+)/.exec(call.promptText);
  const item = Number((talk ?? mood)?.[1]);
  if (!Number.isInteger(persona) || !Number.isInteger(item)) return "unscripted";
  const keyed = 3 + level(talk ? "talk" : "mood", item, persona);
  return String(item % 2 === 0 ? 6 - keyed : keyed);
}

const cardsText = T0.map((_, index) =>
  JSON.stringify({ Age: "30", Gender: "Female", Occupation: "teacher", Description: `Fixture persona ${index}. A teacher.`, Problem: `Fixture persona ${index} is tired.` }),
).join("\n");

describe("a made-up inventory pair from test/fixtures/inventories", () => {
  let server: LoopbackServer;
  let cache: ReturnType<typeof temporaryCache>;
  let context: PipelineContext;
  let mood: Inventory;
  let talk: Inventory;

  before(async () => {
    server = await startOpenAiServer({ responder: answer });
    cache = temporaryCache();
    context = createPipelineContext({
      model: { provider: "openai", model: "gpt-4o-mini" },
      adapterOptions: { apiKey: "sk-test", baseURL: server.baseURL },
      cachePath: cache.path,
      limits: false,
    });
    [mood, talk] = loadInventories([moodPath, talkPath]);
  });
  after(async () => {
    context.close();
    cache.remove();
    await server.close();
  });

  test("loads by path; ids, abbreviations and the pairing file beside the inventories come from the data", () => {
    assert.equal(inventoryId(mood), "mood6");
    assert.equal(inventoryId(talk), "talk6", "a file without an id is known by its file name");
    assert.equal(inventoryAbbreviations(talk).Blunt, "Blu.");
    assert.equal(abbreviate("TALK-6:Blunt", inventoryAbbreviations(talk)), "Blu.");
    const pairs = expectedPairs(mood, talk);
    assert.equal(pairs.file, join(folder, "mood6-talk6.json"));
    assert.deepEqual(pairs.rows.columns, ["MOOD-6:Drive", "MOOD-6:Cheer", "MOOD-6:Calm"]);
    assert.deepEqual(pairs.columns.columns, ["TALK-6:Blunt", "TALK-6:Chatty", "TALK-6:Gentle"]);
    assert.deepEqual([pairs.rows.label, pairs.columns.label], ["MOOD", "TALK"]);
    // The swapped pair reads the same file transposed.
    const swapped = expectedPairs(talk, mood);
    assert.deepEqual(swapped.rows.domains, ["Blunt", "Chatty", "Gentle"]);
    assert.deepEqual(swapped.pairs.map((pair) => [pair.row, pair.column]), [["Blunt", "Drive"], ["Chatty", "Cheer"], ["Gentle", "Calm"]]);
    // The paper's default is data too: lib/inventory/pairings/hexaco60-csi96.json.
    assert.equal(paperPairs().pairs.find((pair) => pair.row === "Extraversion")?.column, "Expressiveness");
    assert.match(paperPairs().citation ?? "", /de Vries.*2013.*Section 4\.1/);
  });

  test("answered through the loopback server, scored, checked for reliability, correlated and aligned", async () => {
    const personas = parseOutsidePersonaCards(cardsText, "fixture-cards.jsonl", { source: "fixture" }).cards;
    const answers = await answerInventory(personas, { context, progress: false, inventories: [mood, talk] });
    assert.equal(answers.rows.length, 8 * 12);
    assert.ok(answers.rows.every((row) => row.status === "ok" && row.answer !== null));
    assert.deepEqual(answers.scoreColumns, ["MOOD-6:Cheer", "MOOD-6:Calm", "MOOD-6:Drive", "TALK-6:Chatty", "TALK-6:Gentle", "TALK-6:Blunt"]);
    // Reversed items keyed: scores are exactly 3 + level.
    answers.scores.forEach((row, persona) => {
      assert.equal(row["MOOD-6:Drive"], 3 + T2[persona]);
      assert.equal(row["TALK-6:Blunt"], 3 + (T0[persona] + T1[persona]) / 2);
    });

    const pairs = expectedPairs(mood, talk);
    const [group] = rq1CorrelationsByGroup(answers.scores, { pairs });
    assert.deepEqual(group.matrix.rowVariables, pairs.rows.columns);
    assert.deepEqual(group.matrix.columnVariables, pairs.columns.columns);
    // Reference: numpy 2.4, t0, t1, t2 as above:
    //   np.corrcoef(3 + t2, 3 + (t0 + t1) / 2)[0, 1] -> 0.15309310892394865   (Drive x Blunt)
    //   np.corrcoef(3 + t2, 3 + t0)[0, 1]            -> 0.25000000000000006   (Drive x Chatty)
    //   np.corrcoef(3 + t0, 3 + (t0 + t1) / 2)[0, 1] -> 0.816496580927726     (Cheer x Blunt)
    //   scipy.stats.pearsonr(3 + t0, 3 + (t0 + t1) / 2).pvalue -> 0.013399964712331043
    const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} vs ${expected}`);
    near(group.matrix.cells[0][0].r, 0.15309310892394865, "Drive x Blunt");
    near(group.matrix.cells[0][1].r, 0.25000000000000006, "Drive x Chatty");
    near(group.matrix.cells[1][0].r, 0.816496580927726, "Cheer x Blunt");
    assert.ok(Math.abs(group.matrix.cells[1][0].p - 0.013399964712331043) < 1e-9);
    // Drive's paired Blunt (.15) is beaten by Chatty (.25): not aligned; Cheer and Calm are (r = 1).
    assert.deepEqual(
      group.alignment.map((row) => [row.hexacoDomain, row.pairedColumn, row.aligned]),
      [["Drive", "TALK-6:Blunt", false], ["Cheer", "TALK-6:Chatty", true], ["Calm", "TALK-6:Gentle", true]],
    );

    // Another pairing file (same inventories) changes the verdict: configuration, not code.
    const other = mkdtempSync(join(tmpdir(), "pt-pairing-"));
    try {
      const file = join(other, "drive-chatty.json");
      writeFileSync(file, JSON.stringify({ rows: { inventory: "mood6" }, columns: { inventory: "talk6" }, pairs: [{ row: "Drive", column: "Chatty" }] }));
      const [regrouped] = rq1CorrelationsByGroup(answers.scores, { pairs: expectedPairs(mood, talk, { file }) });
      assert.deepEqual(regrouped.matrix.rowVariables, ["MOOD-6:Cheer", "MOOD-6:Calm", "MOOD-6:Drive"], "no order given: the file's domain order");
      assert.deepEqual(regrouped.alignment.map((row) => row.aligned), [false, false, true]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }

    // Tables name the pairing's labels.
    const report = rq1Report(answers.scores, { pairs });
    const alignment = report.tables.find((table) => table.name?.startsWith("rq1-alignment"))!;
    const correlations = report.tables.find((table) => table.name === "rq1-correlations-gpt-4o-mini")!;
    assert.deepEqual(correlations.columns.map((column) => column.label), ["", "Blu.", "Cha.", "Gen."], "the file's own abbreviations");
    assert.deepEqual(correlations.rows.map((row) => row.domain), ["Dri.", "Che.", "Cal."]);
    assert.equal(alignment.columns[1].label, "Paired TALK domain");
    assert.match(alignment.notes[0], /^2 of 3 MOOD domains/);

    // Reliability in the pairing's display order; MTMM with the pairing's convergent cells.
    const reliability = reliabilityReport(answers.rows, { pairs, interval: false });
    assert.deepEqual(reliability.domains.filter((entry) => entry.inventory === "MOOD-6").map((entry) => entry.domain), ["Drive", "Cheer", "Calm"]);
    // Items of a domain agree exactly once keyed: alpha 1.
    assert.ok(reliability.domains.filter((entry) => entry.domain !== "Blunt").every((entry) => Math.abs(entry.alpha - 1) < 1e-12));
    // Given the inventory definitions instead: their facets and, outside the pairing, each file's domain order.
    const byDefinition = reliabilityReport(answers.rows, { inventories: [mood, talk], interval: false });
    assert.deepEqual(byDefinition.domains.filter((entry) => entry.inventory === "MOOD-6").map((entry) => entry.domain), ["Cheer", "Calm", "Drive"]);
    assert.deepEqual(byDefinition.facets.filter((entry) => entry.inventory === "TALK-6").map((entry) => `${entry.domain}/${entry.facet}`), ["Chatty/Core", "Gentle/Core", "Blunt/Core"]);
    const mtmm = multitraitMultimethod(answers.scores, alphaByColumn(reliability.domains), pairs);
    assert.equal(mtmm.cells.length, 9);
    assert.deepEqual(mtmm.cells.filter((cell) => cell.paired).map((cell) => `${cell.hexaco}-${cell.csi}`), ["Drive-Blunt", "Cheer-Chatty", "Calm-Gentle"]);
  });

  test("analyzeRq1 with the made-up pair: every table and the alignment from the data files", async () => {
    const cards = parseOutsidePersonaCards(cardsText, "fixture-cards.jsonl", { source: "fixture" });
    const output = await analyzeRq1({ context, n: 8, progress: false, cards, inventories: [moodPath, talkPath] });
    assert.deepEqual(output.summary.inventories, ["mood6", "talk6"]);
    const alignment = output.tables.find((table) => table.name === "rq1-alignment-fixture-gpt-4o-mini")!;
    assert.deepEqual(alignment.rows.map((row) => [row.hexaco, row.paired, row.aligned]), [["Drive", "Blunt", false], ["Cheer", "Chatty", true], ["Calm", "Gentle", true]]);
    assert.ok(!output.tables.some((table) => table.name === "paper-rq1"), "no comparison with the paper's correlations for another pair");
    assert.ok(output.tables.some((table) => table.name === "rq1-mtmm-fixture" && table.title.startsWith("MOOD x TALK")));
    assert.match(JSON.stringify(output.figures[0].spec.layout), /MOOD x TALK correlations/);
  });

  test("a notebook session with inventories: its answer stage answers them, analysisOptions() carries them", async () => {
    assert.throws(() => session({ inventories: ["big5"] }, {}, context), (error: unknown) => error instanceof UsageError && /known ids: hexaco60, csi96/.test(error.message));
    const run = session({ inventories: [moodPath, talkPath] }, {}, context);
    const personas = parseOutsidePersonaCards(cardsText, "fixture-cards.jsonl", { source: "fixture" }).cards;
    const answered = await run.answer(personas as unknown as AnsweringPersonas);
    assert.deepEqual(answered.scoreColumns, ["MOOD-6:Cheer", "MOOD-6:Calm", "MOOD-6:Drive", "TALK-6:Chatty", "TALK-6:Gentle", "TALK-6:Blunt"]);
    assert.deepEqual(run.analysisOptions().inventories, [moodPath, talkPath]);
  });

  test("an inventory on another scale than the answer prompt's 1-5 is refused before any call, naming it", async () => {
    const start = server.calls.length;
    await assert.rejects(
      answerInventory([{ id: "p", description: "Fixture persona 0." }], { context, progress: false, inventories: [{ ...mood, scale: { min: 1, max: 7 } }] }),
      (error: unknown) => error instanceof UsageError && /"MOOD-6" has a 1-7 scale/.test(error.message),
    );
    assert.equal(server.calls.length, start);
  });

  test("an unknown id names the known ids; a bad pairing file names file, record and field", () => {
    assert.throws(() => loadInventory("big5"), (error: unknown) => error instanceof UsageError && /known ids: hexaco60, csi96/.test(error.message));
    assert.throws(() => loadInventories([moodPath, moodPath]), UsageError);
    const other = mkdtempSync(join(tmpdir(), "pt-pairing-"));
    try {
      const file = join(other, "bad.json");
      writeFileSync(file, JSON.stringify({ rows: { inventory: "mood6" }, columns: { inventory: "talk6" }, pairs: [{ row: "Drive", column: "Rude" }] }));
      assert.throws(
        () => expectedPairs(mood, talk, { file }),
        (error: unknown) => error instanceof DataError && error.location.file === file && error.location.record === "pairs[0]" && error.location.field === "column",
      );
      writeFileSync(file, JSON.stringify({ rows: { inventory: "mood6" }, columns: { inventory: "talk6" }, pairs: [{ row: "Drive", column: "Blunt", sign: "+" }] }));
      assert.throws(() => expectedPairs(mood, talk, { file }), (error: unknown) => error instanceof DataError && error.location.record === "pairs[0]" && /unknown key/.test(error.message));
      writeFileSync(file, JSON.stringify({ rows: { inventory: "hexaco60" }, columns: { inventory: "talk6" }, pairs: [] }));
      assert.throws(() => expectedPairs(mood, talk, { file }), (error: unknown) => error instanceof DataError && error.location.field === "rows.inventory");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
