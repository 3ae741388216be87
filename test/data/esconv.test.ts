import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  emptyEsconvReport,
  loadEsconv,
  parseEsconv,
  parseEsconvJsonl,
  parseEsconvOriginal,
  parseEsconvStrategyList,
} from "../../lib/data/esconv";
import { DataError, MissingDataError } from "../../lib/errors";
import { STRATEGY_LABELS } from "../../lib/data/types";
import { ESCONV_README_STRATEGY_COUNTS, fixture, SHARED_DATA, skipWithoutSharedData } from "./helpers";

test("JSON-lines split: speakers, strategies, metadata and numeric survey scores", () => {
  const file = fixture("esconv", "train.jsonl");
  const dialogues = parseEsconvJsonl(readFileSync(file, "utf8"), file);
  assert.equal(dialogues.length, 2);
  const [first, second] = dialogues;
  assert.equal(first.id, "train:0");
  assert.equal(first.split, "train");
  assert.equal(first.emotionType, "sadness");
  assert.equal(first.problemType, "job crisis");
  assert.equal(first.experienceType, "Current Experience");
  assert.equal(first.situation, "My bakery closed and I feel lost.");
  assert.deepEqual(first.survey, {
    "seeker.initial_emotion_intensity": 4,
    "seeker.empathy": 5,
    "seeker.relevance": 4,
    "seeker.final_emotion_intensity": 2,
    "supporter.relevance": 5,
  });
  assert.deepEqual(
    first.turns.map((turn) => [turn.speaker, turn.strategy]),
    [
      ["seeker", undefined],
      ["supporter", "Question"],
      ["seeker", undefined],
      ["supporter", "Reflection of feelings"],
      ["supporter", "Restatement or Paraphrasing"],
    ],
  );
  assert.equal(first.turns[2].text, "My bakery had to close last month.");
  assert.equal(first.questionnaire.seeker_question1, "Kind and patient.");
  // the blank line between records is skipped, ids stay consecutive
  assert.equal(second.id, "train:1");
  assert.deepEqual(second.survey, { "seeker.initial_emotion_intensity": 5 });
  assert.deepEqual(second.questionnaire, {});
});

test("original ESConv.json: seeker/supporter, annotation.strategy variants, feedback, unknown label kept", () => {
  const file = fixture("esconv", "ESConv.json");
  const report = emptyEsconvReport();
  const dialogues = parseEsconvOriginal(readFileSync(file, "utf8"), file, report);
  assert.equal(dialogues.length, 2);
  const [first] = dialogues;
  assert.equal(first.id, "ESConv:0");
  assert.equal(first.split, undefined);
  assert.equal(first.turns.length, 7, "no turn is dropped");
  assert.deepEqual(
    first.turns.map((turn) => turn.strategy),
    ["Question", undefined, "Affirmation and Reassurance", undefined, "Others", undefined, "Information"],
  );
  assert.equal(first.turns[0].text, "Hi, how are you feeling?", "content is trimmed");
  assert.equal(first.turns[3].feedback, 4);
  assert.equal(first.turns[5].speaker, "supporter");
  assert.equal(first.turns[5].rawStrategy, "Humor");
  assert.deepEqual(report.unknownStrategies, [{ dialogueId: "ESConv:0", turn: 5, raw: "Humor" }]);
  assert.equal(first.survey["seeker.final_emotion_intensity"], 3);
  assert.equal(dialogues[1].turns[2].feedback, 5);
});

test("parseEsconv tells the two shapes apart", () => {
  const original = fixture("esconv", "ESConv.json");
  const lines = fixture("esconv", "train.jsonl");
  assert.equal(parseEsconv(readFileSync(original, "utf8"), original)[0].id, "ESConv:0");
  assert.equal(parseEsconv(readFileSync(lines, "utf8"), lines)[1].id, "train:1");
  assert.equal(parseEsconv(readFileSync(original), original).length, 2, "bytes work as well as text");
  assert.deepEqual(parseEsconv("  \n", "empty.jsonl"), []);
  assert.throws(() => parseEsconv("hello", "x.txt"), DataError);
});

test("malformed ESConv names file, record and field", () => {
  assert.throws(
    () => parseEsconvJsonl('{"dialog": []}\n{"dialog": [oops]}\n', "bad.jsonl", "train"),
    (error: unknown) =>
      error instanceof DataError && error.location.file === "bad.jsonl" && error.location.record === 2 &&
      /not valid JSON/.test(error.message),
  );
  assert.throws(
    () => parseEsconvJsonl('{"dialog": [{"speaker": "usr", "text": 5}]}', "bad.jsonl", "train"),
    (error: unknown) =>
      error instanceof DataError && error.location.record === 1 && error.location.field === "dialog.0.text" &&
      /bad\.jsonl, record 1, field "dialog\.0\.text"/.test(error.message),
  );
  assert.throws(
    () => parseEsconvJsonl('{"situation": "x"}', "missing.jsonl"),
    (error: unknown) => error instanceof DataError && error.location.field === "dialog",
  );
  assert.throws(
    () =>
      parseEsconvJsonl('{"dialog": [], "survey_score": {"seeker": {"empathy": "five"}}}', "score.jsonl"),
    (error: unknown) => error instanceof DataError && error.location.field === "survey_score.seeker.empathy",
  );
  assert.throws(
    () => parseEsconvOriginal('[{"dialog": [{"speaker": "robot", "content": "hi"}]}]', "ESConv.json"),
    (error: unknown) =>
      error instanceof DataError && error.location.record === 0 && error.location.field === "dialog.0.speaker",
  );
  assert.throws(() => parseEsconvOriginal('{"dialog": []}', "ESConv.json"), /expected a JSON array/);
});

test("loadEsconv reads splits from a data folder, and reports a missing file clearly", () => {
  assert.equal(loadEsconv({ directory: fixture(), split: "train" }).length, 2);
  const all = loadEsconv({ directory: fixture() });
  assert.deepEqual(all.map((dialogue) => dialogue.id), ["train:0", "train:1", "valid:0", "test:0"]);
  assert.deepEqual(loadEsconv({ directory: fixture(), split: ["test", "valid"] }).map((dialogue) => dialogue.id), ["test:0", "valid:0"]);
  assert.throws(
    () => loadEsconv({ directory: fixture("cams"), split: "valid" }),
    (error: unknown) =>
      error instanceof MissingDataError && /valid\.jsonl/.test(error.message) && /npm run data/.test(error.message),
  );
  assert.equal(loadEsconv({ path: fixture("esconv", "ESConv.json") }).length, 2);
});

test("real ESConv: 1300 dialogues, 18376 supporter turns, strategy counts of the reference README", { skip: skipWithoutSharedData() }, () => {
  const report = emptyEsconvReport();
  const dialogues = loadEsconv({ directory: SHARED_DATA, report });
  assert.equal(dialogues.length, 1300);
  assert.deepEqual(
    [ "train", "valid", "test" ].map((split) => dialogues.filter((dialogue) => dialogue.split === split).length),
    [910, 195, 195],
  );
  const counts: Record<string, number> = {};
  let supporterTurns = 0;
  for (const dialogue of dialogues) {
    for (const turn of dialogue.turns) {
      if (turn.speaker !== "supporter") continue;
      supporterTurns += 1;
      if (turn.strategy) counts[turn.strategy] = (counts[turn.strategy] ?? 0) + 1;
    }
  }
  assert.equal(supporterTurns, 18376);
  assert.deepEqual(counts, ESCONV_README_STRATEGY_COUNTS);
  assert.equal(report.unknownStrategies.length, 0);
  assert.equal(report.supporterTurnsWithoutStrategy, 0);
  for (const dialogue of dialogues) {
    for (const value of Object.values(dialogue.survey)) assert.equal(typeof value, "number");
  }
  const strategyFile = `${SHARED_DATA}/esconv/strategy.json`;
  assert.deepEqual(parseEsconvStrategyList(readFileSync(strategyFile, "utf8"), strategyFile), [...STRATEGY_LABELS]);
});
