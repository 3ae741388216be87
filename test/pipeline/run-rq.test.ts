import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rq2Consistency } from "../../lib/questions/rq2/rq2-consistency";
import { rq3Strategies } from "../../lib/questions/rq3/rq3-strategies";
import { pairwiseTable } from "../../lib/analysis/pairwise-table";
import { createPipelineContext, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { runRq1 } from "../../lib/questions/rq1/run-rq1";
import { runRq2 } from "../../lib/questions/rq2/run-rq2";
import { runRq3 } from "../../lib/questions/rq3/run-rq3";
import { madeUpDialogues, madeUpPosts, temporaryCache, tinyInventories, useRealData } from "./helpers";

describe("end-to-end helpers on sim (made-up sources, made-up inventories)", () => {
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

  test("runRq1: cards, verdicts, Table 1 statistics and one score row per kept persona", async () => {
    const result = await runRq1({ dataset: "cams", n: 2, sources: madeUpPosts(), inventories: tinyInventories(), context, progress: false });
    assert.equal(result.simulated, true);
    assert.equal(result.cards.length, 2);
    assert.equal(result.verdicts.length, 2);
    const kept = result.verdicts.filter((row) => row.kept).length;
    assert.equal(result.scores.length, kept);
    assert.equal(result.statistics[0].personas + result.statistics[0].rejected, 2);
    assert.ok(result.scores.every((row) => row.dataset === "cams" && "CSI:Preciseness" in row));
    const unfiltered = await runRq1({ dataset: "esconv", n: 3, filter: false, sources: madeUpDialogues(), inventories: tinyInventories(), context, progress: false });
    assert.equal(unfiltered.scores.length, 3);
    assert.equal(unfiltered.verdicts.length, 0);
  });

  test("runRq2: original, persona and no-persona score rows pair by PersonaHub id for rq2Consistency", async () => {
    const personas = ["A fearless athlete", "A retired librarian", "A startup engineer", "A nurse on night shifts", "A farmer in Iowa"];
    const result = await runRq2({ n: 5, personas, inventories: tinyInventories(), context, progress: false });
    assert.equal(result.originalScores.length, 5);
    assert.equal(result.persona.scores.length, 5);
    assert.equal(result.noPersona?.scores.length, 5);
    assert.deepEqual(new Set(result.scores.map((row) => row.condition)), new Set(["original", "persona", "no-persona"]));
    assert.ok(result.persona.scores.every((row) => row.personaId.startsWith("personahub:") && String(row.derivedPersonaId).startsWith("generated:")));
    const consistency = rq2Consistency(result.originalScores, result.persona.scores);
    assert.equal(consistency.paired, 5);
  });

  test("runRq3: turns per condition for rq3Strategies, annotations and judgements for pairwiseTable", async () => {
    const result = await runRq3({ n: 3, dialogues: madeUpDialogues(), conditions: ["both", "none", "csi"], annotate: true, judge: true, inventories: tinyInventories(), context, progress: false });
    assert.equal(result.dialogues.length, 9);
    assert.equal(result.scores.length, 3);
    const strategies = rq3Strategies(result.turns);
    assert.deepEqual(strategies.conditions, ["both", "none", "csi"]);
    assert.ok(result.turns.filter((turn) => turn.speaker === "supporter").every((turn) => turn.annotatedStrategy));
    assert.equal(result.pairs.length, 3);
    assert.equal(result.judgements.length, 15);
    assert.equal(pairwiseTable(result.judgements).length, 5);
  });
});
