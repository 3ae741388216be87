import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { STRATEGY_LABELS } from "../../lib/data/types";

const run = promisify(execFile);
const root = process.cwd();
const fixtures = join(root, "test", "fixtures", "classifier");
const scratch = mkdtempSync(join(tmpdir(), "strategies-cli-"));
const modelPath = join(scratch, "model.json");
after(() => rmSync(scratch, { recursive: true, force: true }));

// The CLI runs on the made-up fixture dialogues (PERSONA_TALKS_DATA), training a small model into a temp file.
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, "bin", "persona-talks.js"), "strategies", ...args], {
      cwd: root,
      env: { ...process.env, PERSONA_TALKS_DATA: fixtures },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

test("eval --json prints exactly the documented keys, with an 8 x 8 confusion matrix in label order", async () => {
  const { code, stdout, stderr } = await cli("eval", "--json", "--model", modelPath);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /training on \d+ labeled supporter turns/); // first use trains, with progress on stderr
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 1);
  const report = JSON.parse(lines[0]);
  assert.deepEqual(Object.keys(report), ["split", "n", "accuracy", "macroF1", "kappa", "perClass", "confusion"]);
  assert.equal(report.split, "test");
  assert.deepEqual(Object.keys(report.perClass), [...STRATEGY_LABELS]);
  for (const label of STRATEGY_LABELS) {
    assert.deepEqual(Object.keys(report.perClass[label]), ["precision", "recall", "f1", "support"]);
  }
  assert.equal(report.confusion.length, 8);
  report.confusion.forEach((row: number[], index: number) => {
    assert.equal(row.length, 8);
    // Rows are true labels: a row's sum is that label's support.
    assert.equal(row.reduce((sum, count) => sum + count, 0), report.perClass[STRATEGY_LABELS[index]].support);
  });
  const diagonal = report.confusion.reduce((sum: number, row: number[], index: number) => sum + row[index], 0);
  assert.equal(report.accuracy, diagonal / report.n);
  for (const key of ["accuracy", "macroF1", "kappa"]) assert.ok(report[key] >= 0 && report[key] <= 1);
});

test("eval without --json prints a readable report from the saved model", async () => {
  const { code, stdout, stderr } = await cli("eval", "--split", "valid", "--model", modelPath);
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /training on/); // the model file from the previous test is reused
  assert.match(stdout, /ESConv valid split, \d+ supporter turns/);
  assert.match(stdout, /accuracy [01]\.\d{4} {3}macro-F1 [01]\.\d{4}/);
  assert.match(stdout, /rows = true, columns = predicted/);
});

test("predict labels every supporter turn of an ESConv.json-shaped file as JSON lines", async () => {
  const { code, stdout, stderr } = await cli("predict", "--file", join(fixtures, "original-shape.json"), "--model", modelPath);
  assert.equal(code, 0, stderr);
  const rows = stdout.trim().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(
    rows.map((row) => [row.dialogueId, row.turnIndex]),
    [
      ["original-shape:0", 1],
      ["original-shape:0", 3],
      ["original-shape:0", 4],
    ],
  );
  assert.equal(rows[0].text, "I'm sorry. How are you coping with it?");
  for (const row of rows) {
    // "given": the file's own label for the turn, beside the prediction.
    assert.deepEqual(Object.keys(row), ["dialogueId", "turnIndex", "text", "label", "probability", ...("given" in row ? ["given"] : [])]);
    assert.ok((STRATEGY_LABELS as readonly string[]).includes(row.label));
    assert.ok(row.probability > 1 / 8 && row.probability <= 1);
  }
});

test("predict reads the output of run continue --json: one line per supporter turn, unknown labels counted on stderr", async () => {
  const file = join(scratch, "continue.json");
  const turns = [
    { speaker: "seeker", text: "I feel so alone since the move." },
    { speaker: "supporter", text: "Have you met anyone in the new city?", strategy: "Question" },
    { speaker: "seeker", text: "Not really." },
    { speaker: "supporter", text: "Maybe try a local club.", strategy: "[Providing Suggestions]" },
    { speaker: "supporter", text: "Ha, cities are weird.", strategy: "Humor" },
  ];
  const dialogues = ["both", "none"].map((condition) => ({ dialogueId: `esconv:train:5/${condition}`, condition, status: "ok", turns }));
  writeFileSync(file, JSON.stringify({ simulated: true, provider: "sim", traits: "both", count: 2, failed: 0, dialogues }, null, 2));
  const { code, stdout, stderr } = await cli("predict", "--file", file, "--model", modelPath);
  assert.equal(code, 0, stderr);
  const rows = stdout.trim().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(rows.map((row) => [row.dialogueId, row.turnIndex]), [
    ["esconv:train:5/both", 1], ["esconv:train:5/both", 3], ["esconv:train:5/both", 4],
    ["esconv:train:5/none", 1], ["esconv:train:5/none", 3], ["esconv:train:5/none", 4],
  ]);
  assert.deepEqual(rows.slice(0, 3).map((row) => row.given), ["Question", "[Providing Suggestions]", "Humor"]);
  assert.match(stderr, /2 dialogues \(run-output\)/);
  assert.match(stderr, /2 supporter turn label\(s\) not one of the 8 strategies.*"Humor" x2/);
});

test("bad options exit 2 with a message", async () => {
  const noFile = await cli("predict");
  assert.equal(noFile.code, 2);
  assert.match(noFile.stderr, /--file/);
  const badSplit = await cli("eval", "--split", "dev", "--model", modelPath);
  assert.equal(badSplit.code, 2);
  assert.match(badSplit.stderr, /--split must be one of/);
  const unknown = await cli("fly");
  assert.equal(unknown.code, 2);
});
