import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cellModule, checkNotebookCells } from "../../lib/notebook/cell-check";
import { buildNotebook, serializeNotebook } from "../../lib/notebook/notebook-file";
import { projectRoot } from "../../lib/paths";

// The notebooks are their own source (edited in Jupyter); `npm run typecheck` type-checks their code cells against
// `pt` (lib/notebook/cell-check.ts). These tests show that a cell misusing `pt` fails, named by notebook and cell.

const LOAD = 'const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();';

test("cellModule: code cells in order, the load cell typed from the library's source, each line traced to its cell", () => {
  const notebook = buildNotebook("fixture", [{ md: "# title" }, { code: LOAD }, { code: "const run = pt.session({ n: 3 });\nconsole.log(run.summary());" }]);
  const module = cellModule(notebook, join(projectRoot(), "notebooks", "99-fixture.ipynb"), join(projectRoot(), ".jupyter", "cells"));
  assert.match(module.text, /const pt: typeof import\("\.\.\/\.\.\/lib\/notebook\/notebook-api"\) = require\("\.\/persona-talks\.cjs"\)\.load\(\);/);
  const lines = module.text.split("\n");
  const at = lines.indexOf("console.log(run.summary());");
  assert.deepEqual(module.origins[at], { cell: 2, line: 2 });
  assert.equal(module.notebook, join("notebooks", "99-fixture.ipynb"));
});

test("a cell that misuses pt fails type checking, named by notebook, cell and line; a correct one passes", { timeout: 300_000 }, () => {
  mkdirSync(join(projectRoot(), ".jupyter"), { recursive: true });
  const work = mkdtempSync(join(projectRoot(), ".jupyter", "cells-test-"));
  try {
    const good = join(work, "01-good.ipynb");
    const bad = join(work, "02-bad.ipynb");
    writeFileSync(good, serializeNotebook(buildNotebook("good", [{ code: LOAD }, { code: 'const run = pt.session({ n: 3 });\nconst cards = await run.extract("esconv");' }, { code: "const verdicts = await run.filter(cards);\nconst scores = pt.score(await run.answer(await run.describeTraits(verdicts)));" }])));
    writeFileSync(bad, serializeNotebook(buildNotebook("bad", [{ code: LOAD }, { code: 'const run = pt.session({ n: 3 });\nconst cards = await run.extract("esconv");' }, { md: "text" }, { code: "// the wrong stage's output\nconst answers = await run.answer(cards);" }, { code: "pt.session({ promptOverride: {} });" }])));
    const result = checkNotebookCells([good, bad], { directory: join(work, "cells") });
    assert.equal(result.ok, false, "the misuse fails");
    const text = result.errors.join("\n");
    assert.match(text, /02-bad\.ipynb cell 3, line 2, col \d+: .*'ExtractedCards'/, text);
    assert.match(text, /02-bad\.ipynb cell 4, line 1, col \d+: .*'promptOverride' does not exist in type 'SessionOptions'/, text);
    assert.ok(!/01-good\.ipynb/.test(text), `the correct notebook passes:\n${text}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
