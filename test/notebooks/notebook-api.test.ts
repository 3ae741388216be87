import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { notebookExamples, projectNotebookExamples } from "../../lib/notebook/doc-examples";
import { openTslabSession, type TslabSession } from "../../lib/notebook/tslab-executor";
import { prepareNotebookLibrary } from "../../lib/notebook/jupyter";
import { ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";

// The notebook API as a researcher meets it, in tslab's own compiler and executor (the code behind the kernel):
// `pt` is typed, misuse is a type error in the cell and a clear error at run time, errors name lib/...ts:line,
// cells run again after the session was closed, and every ```ts notebook example of the docs runs verbatim.
const REQUIRED = [ESCONV_TRAIN, ...INVENTORY_FILES];
const sharedData = findDataFolder(REQUIRED) ?? "";
const skip = skipWithoutData(REQUIRED, "the datasets the notebooks need");
const LOAD = `const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();`;

let session: TslabSession | undefined;
let work = "";
const saved: Record<string, string | undefined> = {};

before(() => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), "persona-talks-api-"));
  const environment = { PERSONA_TALKS_PROVIDER: "sim", PERSONA_TALKS_N: "2", PERSONA_TALKS_DATA: sharedData, PERSONA_TALKS_CACHE: join(work, "cache"), PERSONA_TALKS_OUT: join(work, "out"), PERSONA_TALKS_QUIET_LOAD: "1" };
  for (const [key, value] of Object.entries(environment)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  prepareNotebookLibrary();
  session = openTslabSession();
});

after(() => {
  session?.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

async function cell(code: string) {
  return session!.run(code);
}

test("notebookExamples finds the ```ts notebook blocks only", () => {
  const markdown = "text\n```ts notebook\nconst a = 1;\n```\n```ts\nimport x from './lib';\n```\n```ts notebook\nb();\n```\n";
  assert.deepEqual(notebookExamples(markdown, "x.md"), [
    { file: "x.md", line: 2, code: "const a = 1;" },
    { file: "x.md", line: 8, code: "b();" },
  ]);
});

test("pt is typed in tslab; an unknown option key and a wrong type fail type checking", { skip, timeout: 600_000 }, async () => {
  const load = await cell(LOAD);
  assert.ok(load.ok, `the load cell runs: ${load.errors}`);
  const typed = await cell(`const n: number = pt.analysisConfig({ n: 3 }).n;\nconsole.log(n);`);
  assert.ok(typed.ok, typed.errors);
  const unknownKey = await cell(`const s = pt.session({ n: 3, promptOverride: { "answer-statement": "x" } });`);
  assert.equal(unknownKey.ok, false);
  assert.match(unknownKey.errors, /'promptOverride' does not exist in type 'SessionOptions'/);
  const wrongType = await cell(`pt.analysisConfig({ n: "ten" });`);
  assert.equal(wrongType.ok, false);
  assert.match(wrongType.errors, /Type 'string' is not assignable to type 'number'/);
  const badConfig = await cell(`pt.analysisConfig({ nn: 3 });`);
  assert.match(badConfig.errors, /'nn' does not exist/);
});

test("misuse that gets past the types fails at run time with a clear message naming lib/...ts", { skip, timeout: 600_000 }, async () => {
  await cell(LOAD);
  const typo = await cell(`pt.session({ n: 3, promptOverride: {} } as any);`);
  assert.equal(typo.ok, false);
  assert.match(typo.errors, /session: unknown option "promptOverride" \(did you mean "promptOverrides"\?\)/);
  const missing = await cell(`pt.toDataFrame(undefined as any);`);
  assert.match(missing.errors, /toDataFrame: got undefined; pass an array of rows, a stage result/);
  assert.match(missing.errors, /lib\/tables\/data-frame\.ts:\d+/, "the stack names the TypeScript source, not the bundle");
  const context = await cell(`await pt.analyzeRq1({ contxt: {}, n: "ten" } as any);`);
  assert.match(context.errors, /analyzeRq1: unknown option "contxt" \(did you mean "context"\?\)/);
  const analyzeTypo = await cell(`const c = pt.session({ n: 2 }).context;\nawait pt.analyzeRq1({ context: c, n: 2, promptOverride: {} } as any);`);
  assert.match(analyzeTypo.errors, /unknown option "promptOverride"/);
});

test("stage cells run again after the session was closed (cells in any order)", { skip, timeout: 600_000 }, async () => {
  await cell(LOAD);
  const first = await cell(`const run = pt.session({ n: 2, seed: 1 });\nconst cards = await run.extract("esconv");\nrun.close();\nconsole.log(cards.rows.length);`);
  assert.ok(first.ok, first.errors);
  const again = await cell(`const verdicts = await run.filter(cards);\npt.show(verdicts);\nrun.close();\nrun.close();\nconsole.log((await run.extract("esconv")).rows.every((row) => row.cached));`);
  assert.ok(again.ok, again.errors);
  assert.match(again.output, /true/, "after close the cache is opened again and still holds the cards");
  assert.ok(again.displays.some((display) => /filterPersonas: \d+ rows/.test(String(display["text/html"]))), "the stage shows its counts");
  const summary = await cell(`console.log(run.summary());`);
  assert.match(summary.output, /n = 2 \(PERSONA_TALKS_N; the cell says 2\)|provider = sim \(PERSONA_TALKS_PROVIDER; the cell says undefined\)/);
});

test("every ```ts notebook example in README.md and docs/ runs verbatim in tslab", { skip, timeout: 900_000 }, async () => {
  const examples = projectNotebookExamples();
  const files = new Set(examples.map((example) => example.file));
  for (const file of ["docs/pipeline.md", "docs/notebooks.md", "README.md"]) assert.ok(files.has(file), `${file} has a notebook example`);
  await cell(LOAD);
  for (const example of examples) {
    const result = await cell(example.code);
    assert.ok(result.ok, `${example.file}:${example.line} fails in a notebook:\n${result.errors}`);
  }
});
