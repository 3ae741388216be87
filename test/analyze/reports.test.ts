import { test } from "node:test";
import assert from "node:assert/strict";
import { analysisConfig } from "../../lib/reports/analysis-config";
import { scoreColumnsOf, scoreTableColumns, withCondition } from "../../lib/reports/analysis-output";
import { classifierAgreement } from "../../lib/questions/rq3/classifier-agreement";
import { compareRq3 } from "../../lib/questions/shared/paper-comparison";
import { PAPER_STRATEGY_SHARES } from "../../lib/reports/paper-numbers";
import { rq3Strategies } from "../../lib/questions/rq3/rq3-strategies";
import { STRATEGY_LABELS } from "../../lib/data/types";

test("analysisConfig: the config cell's defaults, overridden by PERSONA_TALKS_* variables", () => {
  assert.deepEqual(analysisConfig({ n: 20 }, {}), { provider: undefined, model: undefined, n: 20, seed: 1, cacheMode: "read-write" });
  const config = analysisConfig({ n: 20, provider: "openai" }, { PERSONA_TALKS_PROVIDER: "sim", PERSONA_TALKS_N: "3", PERSONA_TALKS_SEED: "7", PERSONA_TALKS_CACHE_MODE: "off", PERSONA_TALKS_MODEL: "m" });
  assert.deepEqual(config, { provider: "sim", model: "m", n: 3, seed: 7, cacheMode: "off" });
  assert.throws(() => analysisConfig({}, { PERSONA_TALKS_N: "three" }), /PERSONA_TALKS_N must be a positive integer/);
  assert.throws(() => analysisConfig({}, { PERSONA_TALKS_PROVIDER: "gpt" }), /PERSONA_TALKS_PROVIDER must be sim/);
  assert.throws(() => analysisConfig({}, { PERSONA_TALKS_CACHE_MODE: "sometimes" }), /read-write, read-only or off/);
});

test("scores.csv columns: identifiers, HEXACO-60 then CSI domains, then answer counts", () => {
  const rows = withCondition(
    [
      { personaId: "p1", "CSI:Emotionality": 2, "HEXACO-60:Emotionality": 3, invalidAnswers: 0, simulated: true, provider: "sim", model: "sim" },
      { personaId: "p2", condition: "persona", "HEXACO-60:Extraversion": 4, "CSI:Emotionality": 1, invalidAnswers: 1, simulated: true, provider: "sim", model: "sim" },
    ],
    "measured",
  );
  assert.deepEqual(rows.map((row) => row.condition), ["measured", "persona"]);
  assert.deepEqual(scoreColumnsOf(rows), ["HEXACO-60:Emotionality", "HEXACO-60:Extraversion", "CSI:Emotionality"]);
  assert.deepEqual(scoreTableColumns(rows), ["personaId", "condition", "provider", "model", "HEXACO-60:Emotionality", "HEXACO-60:Extraversion", "CSI:Emotionality", "invalidAnswers"]);
});

test("classifierAgreement: kappa and confusion of generator labels vs a classifier", () => {
  // A stub classifier that calls every supporter turn containing "?" a Question and everything else Others.
  const stub = { classifyDialogue: (turns: readonly { speaker: string; text: string }[]) => turns.map((turn) => (turn.speaker === "supporter" ? { label: (turn.text.includes("?") ? "Question" : "Others") as (typeof STRATEGY_LABELS)[number], probability: 1 } : null)) };
  const dialogues = [
    { dialogueId: "a", condition: "both", turns: [
      { speaker: "seeker" as const, text: "hi" },
      { speaker: "supporter" as const, text: "how are you?", strategy: "Question" as const },
      { speaker: "supporter" as const, text: "ok", strategy: "Others" as const },
      { speaker: "supporter" as const, text: "why?", strategy: "Others" as const },
      { speaker: "supporter" as const, text: "no label" },
    ] },
    { dialogueId: "b", condition: "none", status: "failed", turns: [{ speaker: "supporter" as const, text: "x?", strategy: "Question" as const }] },
  ];
  const agreement = classifierAgreement(dialogues, stub);
  assert.equal(agreement.n, 3);
  assert.equal(agreement.unlabelled, 1);
  // generator: Q, O, O; classifier: Q, O, Q. p_o = 2/3; p_e = (1/3)(2/3) + (2/3)(1/3) = 4/9; kappa = (2/3 - 4/9) / (5/9) = 0.4
  // (same as sklearn.metrics.cohen_kappa_score(["Q","O","O"], ["Q","O","Q"]) = 0.4).
  assert.ok(Math.abs(agreement.kappa.kappa - 0.4) < 1e-12);
  const question = STRATEGY_LABELS.indexOf("Question");
  const others = STRATEGY_LABELS.indexOf("Others");
  assert.equal(agreement.confusion[question][question], 1);
  assert.equal(agreement.confusion[others][question], 1);
  assert.equal(agreement.confusion[others][others], 1);
  assert.deepEqual(agreement.byCondition.map((row) => row.condition), ["both"]);
});

test("compareRq3 sets each condition's shares beside the paper's Table 5 and Table 8", () => {
  const turns = [
    { dialogueId: "d1", condition: "both", turnIndex: 0, speaker: "supporter", text: "a?", strategy: "Question" },
    { dialogueId: "d1", condition: "both", turnIndex: 1, speaker: "supporter", text: "b", strategy: "Others" },
    { dialogueId: "d2", condition: "none", turnIndex: 0, speaker: "supporter", text: "c", strategy: "Others" },
  ];
  const table = compareRq3(rq3Strategies(turns, { resamples: 10 }), true);
  const row = table.rows.find((entry) => entry.strategy === "Question")!;
  assert.equal(row["run:both"], 0.5);
  assert.equal(row["paper:both"], PAPER_STRATEGY_SHARES.both.Question);
  assert.equal(row["run:none"], 0);
  assert.equal(row["paper:none"], 0.1645);
  assert.equal(table.simulated, true);
});
