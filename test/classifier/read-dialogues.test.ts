import { test } from "node:test";
import assert from "node:assert/strict";
import { readDialoguesToLabel } from "../../lib/classifier/read-dialogues";

// strategies predict reads every dialogue shape the project writes, as well as ESConv's.
const TURNS = [
  { speaker: "seeker", text: "I lost my job." },
  { speaker: "supporter", text: "How long did you work there?", strategy: "[Question]" },
  { speaker: "seeker", text: "Ten years." },
  { speaker: "supporter", text: "That is a long time.", strategy: "Humor" },
  { speaker: "supporter", text: "You could talk to a career coach.", strategy: "providing suggestion" },
];
const ROW = { dialogueId: "esconv:train:1/both", condition: "both", status: "ok", turns: TURNS };

test("the JSON printed by run continue --json (pretty-printed, { dialogues: [...] })", () => {
  const text = JSON.stringify({ simulated: true, provider: "sim", traits: "both", count: 1, dialogues: [ROW] }, null, 2);
  const result = readDialoguesToLabel(text, "continue.json");
  assert.equal(result.shape, "run-output");
  assert.equal(result.dialogues.length, 1);
  assert.equal(result.dialogues[0].id, "esconv:train:1/both");
  assert.deepEqual(result.dialogues[0].turns.map((turn) => turn.strategy), [undefined, "Question", undefined, undefined, "Providing Suggestions"]);
  assert.deepEqual(result.unknownStrategies, { Humor: 1 });
  assert.equal(result.dialogues[0].turns[3].givenStrategy, "Humor");
});

test("dialogue rows as JSON lines or an array, turn rows as JSON lines or CSV, ESConv splits", () => {
  const lines = [ROW, { ...ROW, dialogueId: "esconv:train:2/both" }].map((row) => JSON.stringify(row)).join("\n");
  assert.equal(readDialoguesToLabel(lines, "dialogues.jsonl").dialogues.length, 2);
  assert.equal(readDialoguesToLabel(JSON.stringify([ROW]), "dialogues.json").shape, "dialogue-rows");
  const turnRows = TURNS.map((turn, turnIndex) => ({ dialogueId: "d1", condition: "both", turnIndex, ...turn })).reverse();
  const fromJsonl = readDialoguesToLabel(turnRows.map((row) => JSON.stringify(row)).join("\n"), "turns.jsonl");
  assert.equal(fromJsonl.shape, "turn-rows");
  assert.deepEqual(fromJsonl.dialogues[0].turns.map((turn) => turn.text), TURNS.map((turn) => turn.text), "sorted by turnIndex");
  const csv = "dialogueId,turnIndex,speaker,text,strategy\nd1,0,seeker,hi,\nd1,1,supporter,\"Hello, how are you?\",Question\nd2,0,usr,hey,\nd2,1,sys,hi there,Others\n";
  const fromCsv = readDialoguesToLabel(csv, "turns.csv");
  assert.deepEqual(fromCsv.dialogues.map((dialogue) => [dialogue.id, dialogue.turns.length]), [["d1", 2], ["d2", 2]]);
  assert.equal(fromCsv.dialogues[1].turns[1].speaker, "supporter");
  const esconv = JSON.stringify({ dialog: [{ speaker: "usr", text: "hi" }, { speaker: "sys", text: "Hello?", strategy: "Telepathy" }] });
  const fromEsconv = readDialoguesToLabel(esconv, "train.jsonl");
  assert.equal(fromEsconv.shape, "esconv");
  assert.deepEqual(fromEsconv.unknownStrategies, { Telepathy: 1 });
  assert.throws(() => readDialoguesToLabel(JSON.stringify({ turns: [{ speaker: "robot", text: "x" }] }), "bad.jsonl"), /unknown speaker "robot"/);
  assert.throws(() => readDialoguesToLabel(JSON.stringify({ hello: 1 }), "bad.jsonl"), /no dialogues found/);
});
