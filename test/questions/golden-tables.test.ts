/**
 * What must not change (issue 22): against a deterministic loopback server speaking the OpenAI format,
 * `analyze rq1|rq2|rq3` write the same tables, byte for byte, as test/fixtures/golden/<question>/ (recorded with
 * test/questions/record-golden.ts on the code before the questions moved into lib/questions).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { GOLDEN_DIRECTORY, GOLDEN_QUESTIONS, isGoldenFile, runGolden } from "./golden-run";

for (const question of GOLDEN_QUESTIONS) {
  test(`analyze ${question} writes the recorded tables byte for byte`, async () => {
    const expectedDirectory = join(GOLDEN_DIRECTORY, question);
    const expected = readdirSync(expectedDirectory).filter(isGoldenFile).sort();
    assert.ok(expected.length > 5, `${expectedDirectory} holds the recorded tables`);
    const run = await runGolden(question);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual([...run.files.keys()], expected, "the same table files");
    for (const name of expected) {
      assert.equal(run.files.get(name), readFileSync(join(expectedDirectory, name), "utf8"), `${question}/${name} differs from the recorded table`);
    }
  });
}
