import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { executeNotebook, findNbconvert, registerTslabKernel } from "../../lib/notebook/jupyter";
import { projectNotebooks } from "../../lib/notebook/notebook-list";
import { outputBytes, parseNotebook } from "../../lib/notebook/notebook-file";
import { ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";

// Executes every notebook headless in the project-local tslab kernel on the simulator with a small N, and fails on
// any cell error. CI installs Jupyter (Debian packages); without jupyter-nbconvert the test is skipped, saying why.
const nbconvert = findNbconvert();
const REQUIRED = [ESCONV_TRAIN, ...INVENTORY_FILES];
const sharedData = findDataFolder(REQUIRED) ?? "";
const skip = !nbconvert
  ? "jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client)"
  : skipWithoutData(REQUIRED, "the datasets the notebooks need");

test("every notebook executes headless on sim with a small N without a cell error", { skip, timeout: 420_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-notebooks-"));
  try {
    registerTslabKernel(nbconvert!);
    const environment: NodeJS.ProcessEnv = {
      PERSONA_TALKS_PROVIDER: "sim",
      PERSONA_TALKS_N: "3",
      PERSONA_TALKS_SEED: "1",
      PERSONA_TALKS_DATA: sharedData,
      // One cache shared by the four notebooks (they measure some of the same personas), thrown away afterwards.
      PERSONA_TALKS_CACHE: join(work, "cache"),
      PERSONA_TALKS_OUT: join(work, "out"),
      PERSONA_TALKS_CLASSIFIER: "off",
      // Keeps keys in the developer's environment from switching the notebooks to a paid provider.
      OPENAI_API_KEY: "",
      ANTHROPIC_API_KEY: "",
      LOCAL_LLM_BASE_URL: "",
    };
    const notebooks = projectNotebooks();
    assert.deepEqual(notebooks.map((path) => basename(path)), ["00-data.ipynb", "01-rq1-traits.ipynb", "02-rq2-consistency.ipynb", "03-rq3-strategies.ipynb", "04-psychometrics.ipynb"]);
    // Two at a time: the kernels wait on SQLite and on the browser as much as on the CPU.
    const results = [];
    for (let index = 0; index < notebooks.length; index += 2) {
      results.push(...(await Promise.all(notebooks.slice(index, index + 2).map((path) => executeNotebook(path, { outputDirectory: join(work, "executed"), environment, html: false, nbconvert })))));
    }
    for (const result of results) {
      assert.equal(result.status, 0, `${result.notebook} failed:\n${result.log.split("\n").slice(-30).join("\n")}`);
      const executed = parseNotebook(readFileSync(result.notebook, "utf8"), result.notebook);
      const code = executed.cells.filter((cell) => cell.cell_type === "code");
      // tslab reports no execution counts; the export cell is last, so its "wrote N files" shows every cell ran.
      assert.match(JSON.stringify(code[code.length - 1].outputs ?? []), /wrote \d+ files/, `${result.notebook}: the export cell ran`);
      const text = JSON.stringify(executed.cells.map((cell) => cell.outputs ?? []));
      assert.match(text, /SIMULATED/, `${result.notebook} shows the simulated label`);
      assert.ok(outputBytes(executed) > 0);
    }
    // The export cells wrote the tables (and figures) into PERSONA_TALKS_OUT.
    for (const question of ["data", "rq1", "rq2", "rq3"]) {
      assert.ok(existsSync(join(work, "out", question)), `out/${question} written by the export cell`);
    }
    for (const question of ["rq1", "rq2", "rq3"]) assert.ok(existsSync(join(work, "out", question, "summary.json")), `${question}/summary.json`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("a notebook whose cell throws is reported as failed, naming the cell", { skip: nbconvert ? false : skip, timeout: 120_000 }, async () => {
  const { buildNotebook, serializeNotebook } = await import("../../lib/notebook/notebook-file");
  const { writeFileSync } = await import("node:fs");
  const work = mkdtempSync(join(tmpdir(), "persona-talks-failing-"));
  try {
    registerTslabKernel(nbconvert!);
    const path = join(work, "failing.ipynb");
    writeFileSync(path, serializeNotebook(buildNotebook("failing", [{ code: "const answer: number = 42;\nconsole.log(answer);" }, { code: 'throw new Error("cell exploded");' }])));
    const result = await executeNotebook(path, { outputDirectory: join(work, "executed"), html: false, nbconvert });
    assert.notEqual(result.status, 0);
    assert.match(result.log, /cell exploded|CellExecutionError/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
