/**
 * Records test/fixtures/golden/<question>/ from the current code (run once, before a redesign; the golden-table test
 * then compares every later run with these files byte for byte):
 *   node --import tsx test/questions/record-golden.ts [rq1 rq2 rq3]
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GOLDEN_DIRECTORY, GOLDEN_QUESTIONS, runGolden, type GoldenQuestion } from "./golden-run";

const questions = (process.argv.slice(2).length ? process.argv.slice(2) : GOLDEN_QUESTIONS) as GoldenQuestion[];
for (const question of questions) {
  const run = await runGolden(question);
  if (run.code !== 0) throw new Error(`analyze ${question} exited ${run.code}:\n${run.stderr}`);
  const directory = join(GOLDEN_DIRECTORY, question);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  for (const [name, content] of run.files) writeFileSync(join(directory, name), content);
  console.log(`${question}: ${run.files.size} files in ${directory}`);
}
