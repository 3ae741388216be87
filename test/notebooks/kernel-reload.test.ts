import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { findNbconvert, prepareNotebookLibrary, registerTslabKernel } from "../../lib/notebook/jupyter";
import { runKernelSteps } from "../support/kernel-cells";
import { BODY_EDIT, DECLARATION_EDIT, editCell, LOAD_CELL, TIMINGS_CELL } from "../support/reload-cells";
import { scratchProject } from "../support/scratch-project";

// Quick loops (issue 25, item 7): re-running the load cell after a lib/ edit uses the edit in the next cell,
// its body and its types, with the declarations rebuilt by the kernel's warm compiler
// (lib/notebook/tslab/declarations-worker.cjs). Times are printed, not asserted (npm run bench -- --only notebook
// reports them against their goal); the edits are made in a scratch copy of the project.
const nbconvert = findNbconvert();

test("after a body edit and a declaration edit, the re-run load cell gives the next cell the new code and the new types", { skip: nbconvert ? false : "jupyter-nbconvert (and jupyter_client) is not installed", timeout: 400_000 }, async () => {
  registerTslabKernel();
  prepareNotebookLibrary();
  const project = scratchProject("persona-talks-reload-");
  try {
    const steps = [
      LOAD_CELL,
      'console.log("warm " + require("./persona-talks.cjs").typesReady());',
      "console.log(pt.stats.mean([1, 2, 3]));",
      editCell(...BODY_EDIT),
      LOAD_CELL,
      TIMINGS_CELL,
      "console.log(pt.stats.mean([1, 2, 3]));",
      editCell(...DECLARATION_EDIT),
      LOAD_CELL,
      TIMINGS_CELL,
      "const probe: string = pt.stats.reloadProbe(4); console.log(probe);",
    ];
    const { cells } = await runKernelSteps(steps, { cwd: join(project.root, "notebooks"), environment: { PERSONA_TALKS_ROOT: project.root, PERSONA_TALKS_TYPES_WORKER: "on" } });
    cells.forEach((cell, index) => assert.equal(cell.status, "ok", `cell ${index} (${String(steps[index]).slice(0, 60)}): ${cell.text}`));
    assert.match(cells[1].text, /warm true/, "the declarations worker runs in the kernel");
    assert.equal(cells[2].text.trim(), "2");
    assert.equal(cells[6].text.trim(), "1002", "the body edit is used by the next cell");
    assert.equal(cells[10].text.trim(), "probe 4", "the new export type-checks and runs in the next cell");
    for (const index of [5, 9]) {
      const timings = JSON.parse(/timings (\{.*\})/.exec(cells[index].text)![1]) as { loadSeconds: number; typesSeconds: number; bundleSeconds: number };
      console.log(`reload after a ${index === 5 ? "body" : "declaration"} edit: ${timings.loadSeconds.toFixed(2)} s (declarations ${timings.typesSeconds.toFixed(2)} s, bundle ${timings.bundleSeconds.toFixed(2)} s)`);
    }
  } finally {
    project.remove();
  }
});
