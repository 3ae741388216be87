import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createPipelineContext, SIMULATED_BANNER, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { extractPersonas, loadPersonaSources } from "../../lib/pipeline/stages/extract-personas";
import { filterPersonas } from "../../lib/pipeline/stages/filter-personas";
import { describeTraits } from "../../lib/pipeline/stages/describe-traits";
import { answerInventory } from "../../lib/pipeline/stages/answer-inventory";
import { expandPersonaHub } from "../../lib/pipeline/stages/expand-persona-hub";
import { generateDialogue } from "../../lib/pipeline/stages/generate-dialogue";
import { continueDialogue } from "../../lib/pipeline/stages/continue-dialogue";
import { extractPersonaFromDialogue } from "../../lib/pipeline/stages/extract-persona-from-dialogue";
import { annotateStrategies } from "../../lib/pipeline/stages/annotate-strategies";
import { exportPairsForHumans, importHumanJudgements, judgePair, pairDialogues } from "../../lib/pipeline/stages/judge-pair";
import { sampleRows, seededOrder, tableRows } from "../../lib/pipeline/table";
import { turnRows } from "../../lib/pipeline/dialogue-rows";
import { STRATEGY_LABELS } from "../../lib/data/types";
import { madeUpDialogues, madeUpPosts, realDataSkip, temporaryCache, tinyInventories, useRealData } from "./helpers";

describe("sampling", () => {
  test("n rows sampled with a seed: deterministic, in input order, a larger n extends a smaller one", () => {
    const rows = Array.from({ length: 50 }, (_, index) => ({ index }));
    const a = sampleRows(rows, 10, 7).map((row) => row.index);
    assert.deepEqual(a, sampleRows(rows, 10, 7).map((row) => row.index));
    assert.notDeepEqual(a, sampleRows(rows, 10, 8).map((row) => row.index));
    assert.deepEqual(a, [...a].sort((x, y) => x - y));
    const larger = new Set(sampleRows(rows, 20, 7).map((row) => row.index));
    assert.ok(a.every((index) => larger.has(index)));
    assert.equal(sampleRows(rows, undefined, 7).length, 50);
    assert.deepEqual([...seededOrder(5, 1)].sort(), [0, 1, 2, 3, 4]);
  });
});

describe("stages on the sim provider", () => {
  let cache: ReturnType<typeof temporaryCache>;
  let context: PipelineContext;
  before(() => {
    useRealData();
    cache = temporaryCache();
    context = createPipelineContext({ model: { provider: "sim" }, cachePath: cache.path });
  });
  after(() => {
    context.close();
    cache.remove();
  });

  test("RQ1 stages: extract, filter, describe, answer and score; every row says simulated", async () => {
    const cards = await extractPersonas([...madeUpDialogues(), ...madeUpPosts()], { context, progress: false });
    assert.equal(cards.rows.length, 5);
    assert.ok(cards.rows.every((row) => row.simulated && row.provider === "sim" && row.promptId === "extract-persona"));
    assert.equal(cards.summary.simulated, true);
    const nurse = cards.rows.find((row) => row.id === "esconv:train:0")!;
    assert.equal(nurse.status, "ok");
    assert.match(nurse.problem, /breakup|exhausted/);
    const filtered = await filterPersonas(cards.rows, { context, progress: false });
    assert.equal(filtered.rows.length, 5);
    assert.ok(filtered.rows.every((row) => typeof row.kept === "boolean" && (row.reason ?? "").length > 0));
    const kept = filtered.rows.filter((row) => row.kept).length;
    assert.equal(filtered.statistics.reduce((total, entry) => total + entry.personas + entry.rejected, 0), 5);
    assert.equal(filtered.statistics.reduce((total, entry) => total + entry.personas, 0), kept);

    const described = await describeTraits(cards.rows, { context, progress: false });
    assert.equal(described.rows.length, 5);
    assert.ok(described.rows.every((row) => Object.keys(row.hexacoTraits ?? {}).length === 6 && Object.keys(row.csiTraits ?? {}).length === 6));
    const answers = await answerInventory(described.rows, { context, progress: false, inventories: tinyInventories() });
    assert.equal(answers.rows.length, 5 * 18);
    assert.equal(answers.scores.length, 5);
    for (const score of answers.scores) {
      assert.equal(score.simulated, true);
      assert.equal(typeof score.invalidAnswers, "number");
      assert.ok(answers.scoreColumns.every((column) => score[column] === null || (typeof score[column] === "number" && (score[column] as number) >= 1 && (score[column] as number) <= 5)));
    }
    assert.equal(answers.scoreColumns.length, 12);
  });

  test("re-running resumes from the cache: every call cached, same answers", async () => {
    const first = await extractPersonas(madeUpDialogues(), { context, progress: false });
    const second = await extractPersonas(madeUpDialogues(), { context, progress: false });
    assert.equal(second.summary.runs[0].cached, second.summary.runs[0].total);
    assert.equal(second.summary.runs[0].paid, 0);
    assert.deepEqual(second.rows.map((row) => row.raw), first.rows.map((row) => row.raw));
  });

  test("RQ2 and RQ3 stages: expand, generate, re-extract, continue, annotate, judge, human export and import", async () => {
    const expanded = await expandPersonaHub(["A fearless and highly trained athlete who can perform complex and dangerous physical sequences", "A retired school librarian who loves crosswords", "A young software engineer at a startup"], { context, progress: false });
    assert.equal(expanded.failures.length, 0);
    assert.ok(expanded.rows.every((row) => row.age !== "unknown" && row.traitDescription));
    const withPersona = await generateDialogue(expanded.rows, { context, progress: false });
    const without = await generateDialogue(expanded.rows, { context, progress: false, condition: "no-persona" });
    assert.equal(withPersona.rows.length, 3);
    assert.notEqual(JSON.stringify(without.rows[0].turns), JSON.stringify(without.rows[1].turns), "each no-persona dialogue is its own sample");
    const supporter = withPersona.rows[0].turns.filter((turn) => turn.speaker === "supporter");
    assert.ok(supporter.length >= 8 && supporter.every((turn) => (STRATEGY_LABELS as readonly string[]).includes(turn.strategy ?? "")));
    const derived = await extractPersonaFromDialogue([...withPersona.rows, ...without.rows], { context, progress: false });
    assert.equal(derived.rows.length, 6);
    assert.deepEqual(new Set(derived.rows.map((row) => row.condition)), new Set(["persona", "no-persona"]));
    assert.equal(derived.rows[0].derivedFrom, expanded.rows[0].id);

    const scores = (await answerInventory(expanded.rows.map((row) => ({ ...row, id: `esconv:train:${row.sourceId === "0" ? 0 : row.sourceId === "1" ? 1 : 2}` })), { context, progress: false, inventories: tinyInventories() })).scores;
    const dialogues = madeUpDialogues();
    const both = await continueDialogue(dialogues, { context, progress: false, traits: "both", scores });
    const none = await continueDialogue(dialogues, { context, progress: false, traits: "none" });
    assert.equal(both.failures.length + none.failures.length, 0);
    const annotated = await annotateStrategies([...both.rows, ...none.rows], { context, progress: false });
    assert.equal(annotated.rows.length, 6);
    const turns = turnRows(annotated.rows);
    const labelled = turns.filter((turn) => turn.speaker === "supporter");
    assert.ok(labelled.every((turn) => turn.strategy && turn.annotatedStrategy));
    // The simulator's annotator keeps the true label 85% of the time.
    const agreement = labelled.filter((turn) => turn.strategy === turn.annotatedStrategy).length / labelled.length;
    assert.ok(agreement > 0.5, `agreement ${agreement}`);

    const pairs = pairDialogues(both.rows, none.rows);
    assert.equal(pairs.length, 3);
    const judged = await judgePair(pairs, { context, progress: false, seed: 3 });
    assert.equal(judged.judgements.length, 15);
    assert.ok(judged.rows.every((row) => typeof row.swapped === "boolean" && row.verdicts));
    const again = await judgePair(pairs, { context, progress: false, seed: 3 });
    assert.deepEqual(again.rows.map((row) => row.swapped), judged.rows.map((row) => row.swapped), "the A/B order is a function of seed and pair");

    const csvPath = join(cache.directory, "pairs", "pairs.csv");
    const exported = exportPairsForHumans(pairs, csvPath, { seed: 3 });
    assert.ok(existsSync(exported.keyPath));
    const text = readFileSync(csvPath, "utf8");
    const table = parse(text, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(table[0]), ["pairId", "dialogueA", "dialogueB", "Suggestion", "Consistency", "Comforting", "Identification", "Overall"]);
    assert.ok(table.every((row) => !/both|none/.test(row.pairId)), "annotators do not see the conditions");
    assert.match(readFileSync(exported.keyPath, "utf8"), /"both","none"|"none","both"/);
    // An annotator fills in the file: A everywhere (one "tie", one lower-case "a") for the first pair, B for Suggestion of the second.
    const write = (rows: Record<string, string>[]) =>
      writeFileSync(csvPath, [Object.keys(rows[0]), ...rows.map((row) => Object.values(row))].map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(",")).join("\n") + "\n");
    write([
      { ...table[0], Suggestion: "A", Consistency: "A", Comforting: "tie", Identification: "A", Overall: "a" },
      { ...table[1], Suggestion: "B" },
      table[2],
    ]);
    const human = importHumanJudgements(csvPath, { judge: "annotator-1" });
    assert.equal(human.length, 6);
    const firstPair = human.filter((row) => row.pairId === pairs[0].pairId);
    const swapped0 = judged.rows.find((row) => row.pairId === pairs[0].pairId)!.swapped;
    assert.equal(firstPair.find((row) => row.criterion === "Suggestion")!.outcome, swapped0 ? "loss" : "win");
    assert.equal(firstPair.find((row) => row.criterion === "Comforting")!.outcome, "tie");
    write([{ ...table[0], Suggestion: "maybe" }]);
    assert.throws(() => importHumanJudgements(csvPath), /expected A, B or tie.*Suggestion|Suggestion.*expected A, B or tie/);
  });

  test("a DataFrame round trip keeps turns and trait sentences", async () => {
    const expanded = await expandPersonaHub(["A night-shift nurse"], { context, progress: false });
    const frame = expanded.frame;
    assert.ok(frame.columns.includes("hexacoTraits") && frame.columns.includes("promptHash") && frame.columns.includes("raw"));
    const back = tableRows<{ hexacoTraits: Record<string, string> }>(frame);
    assert.deepEqual(back[0].hexacoTraits, expanded.rows[0].hexacoTraits);
    const dialogues = await generateDialogue(frame, { context, progress: false });
    assert.equal(dialogues.rows[0].status, "ok");
  });

  test("the banner text", () => {
    assert.equal(SIMULATED_BANNER, "SIMULATED (sim provider, no model was called)");
  });
});

describe("extraction from the real datasets on sim", { skip: realDataSkip }, () => {
  test("ESConv, CAMS and Dreaddit sources make cards with dataset-prefixed ids", async () => {
    useRealData();
    const cache = temporaryCache();
    const context = createPipelineContext({ model: { provider: "sim" }, cachePath: cache.path });
    try {
      for (const dataset of ["esconv", "cams", "dreaddit"]) {
        const result = await extractPersonas(loadPersonaSources(dataset), { context, n: 3, seed: 2, progress: false });
        assert.equal(result.rows.length, 3, dataset);
        assert.ok(result.rows.every((row) => row.id.startsWith(`${dataset}:`) && row.sourceDataset === dataset));
        assert.ok(result.rows.filter((row) => row.status === "ok").every((row) => row.problem.length > 0));
      }
    } finally {
      context.close();
      cache.remove();
    }
  });
});
