import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { executeNotebook, findNbconvert, registerTslabKernel } from "../../lib/notebook/jupyter";
import { projectNotebooks } from "../../lib/notebook/notebook-list";
import { outputBytes, outputBytesByType, parseNotebook, type Notebook } from "../../lib/notebook/notebook-file";
import { cellParameters, configCellIndex } from "../../lib/notebook/notebook-parameters";
import { ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";
import { projectRoot } from "../../lib/paths";

// Executes every notebook headless in the project-local tslab kernel on the simulator with a small N, and fails on
// any cell error. CI installs Jupyter (Debian packages); without jupyter-nbconvert the test is skipped, saying why.
const nbconvert = findNbconvert();
const REQUIRED = [ESCONV_TRAIN, ...INVENTORY_FILES];
const sharedData = findDataFolder(REQUIRED) ?? "";
const skip = !nbconvert
  ? "jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client)"
  : skipWithoutData(REQUIRED, "the datasets the notebooks need");

const MAX_NOTEBOOK_BYTES = 1_000_000;
/** Notebook 01 executed at its own default N (the config cell's n), as a researcher saves it. */
const MAX_NOTEBOOK_01_BYTES = 600_000;
const DEFAULT_N_NOTEBOOK = "01-rq1-traits.ipynb";

/** The n written in a notebook's config cell. */
function configCellN(path: string): number {
  const notebook = parseNotebook(readFileSync(path, "utf8"), path);
  const source = [notebook.cells[configCellIndex(notebook, path)].source].flat().join("");
  const n = cellParameters(source).find((parameter) => parameter.name === "n");
  assert.ok(n, `${path}: the config cell has an n`);
  return Number(source.slice(n.start, n.end));
}

type Output = { output_type?: string; data?: Record<string, unknown> };

/** Outputs that draw a chart: a Plotly MIME bundle, or HTML that calls Plotly. */
function chartOutputs(notebook: Notebook): { cell: number; output: Output }[] {
  return notebook.cells.flatMap((cell, index) =>
    ((cell.outputs ?? []) as Output[])
      .filter((output) => {
        const data = output.data ?? {};
        return "application/vnd.plotly.v1+json" in data || /Plotly\.(newPlot|react)\(/.test(String(data["text/html"] ?? ""));
      })
      .map((output) => ({ cell: index, output })),
  );
}

test("every notebook executes headless on sim with a small N (01 at its default N) without a cell error", { skip, timeout: 1_200_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-notebooks-"));
  try {
    registerTslabKernel();
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
    assert.deepEqual(notebooks.map((path) => basename(path)), ["00-data.ipynb", "01-rq1-traits.ipynb", "02-rq2-consistency.ipynb", "03-rq3-strategies.ipynb", "04-psychometrics.ipynb", "05-robustness.ipynb"]);
    // Two at a time: the kernels wait on SQLite and on the browser as much as on the CPU.
    const results = [];
    for (let index = 0; index < notebooks.length; index += 2) {
      results.push(
        ...(await Promise.all(
          notebooks.slice(index, index + 2).map((path) =>
            // Notebook 01 at the N its config cell says ("" unsets PERSONA_TALKS_N, also one from the developer's shell).
            executeNotebook(path, { outputDirectory: join(work, "executed"), environment: basename(path) === DEFAULT_N_NOTEBOOK ? { ...environment, PERSONA_TALKS_N: "" } : environment, html: false, nbconvert }),
          ),
        )),
      );
    }
    for (const result of results) {
      assert.equal(result.status, 0, `${result.notebook} failed:\n${result.log.split("\n").slice(-30).join("\n")}`);
      const executed = parseNotebook(readFileSync(result.notebook, "utf8"), result.notebook);
      const code = executed.cells.filter((cell) => cell.cell_type === "code");
      assert.ok(code.every((cell, index) => cell.execution_count === index + 1), `${result.notebook}: every code cell carries its execution count`);
      // The export cell is last, so its "wrote N files" shows every cell ran.
      assert.match(JSON.stringify(code[code.length - 1].outputs ?? []), /wrote \d+ files/, `${result.notebook}: the export cell ran`);
      const text = JSON.stringify(executed.cells.map((cell) => cell.outputs ?? []));
      assert.match(text, /SIMULATED/, `${result.notebook} shows the simulated label`);
      assert.ok(outputBytes(executed) > 0);
      const bytes = statSync(result.notebook).size;
      const byType = outputBytesByType(executed);
      const weight = `${basename(result.notebook)}: ${bytes.toLocaleString("en-US")} bytes; outputs by type: ${byType.map(([type, size]) => `${type} ${size.toLocaleString("en-US")}`).join(", ")}`;
      t.diagnostic(weight);
      assert.ok(bytes <= MAX_NOTEBOOK_BYTES, `${weight}; at most ${MAX_NOTEBOOK_BYTES}`);
      // No progress bar is saved: a finished one was replaced by its one-line summary (text/plain).
      assert.doesNotMatch(text, /<progress/, `${result.notebook}: a progress bar is left in the outputs`);
      if (!/00-data/.test(result.notebook)) assert.match(text, /\[\w+\] \d+\/\d+ done \(\d+ cached\), \d+ failed \| elapsed [^"]*\(finished\)/, `${result.notebook}: a finished stage shows its one-line summary`);
      // Each output is one table or chart: no HTML table repeated as a large plain-text copy.
      for (const cell of executed.cells) {
        for (const output of (cell.outputs ?? []) as Output[]) {
          const plain = [output.data?.["text/plain"] ?? ""].flat().join("");
          if (output.data?.["text/html"] !== undefined) assert.ok(plain.length < 500, `${result.notebook}: an HTML output with ${plain.length} characters of text/plain beside it`);
        }
      }
      if (basename(result.notebook) === DEFAULT_N_NOTEBOOK) {
        const n = configCellN(join(projectRoot(), "notebooks", DEFAULT_N_NOTEBOOK));
        assert.match(JSON.stringify(executed.cells.map((cell) => cell.outputs ?? [])), new RegExp(`n = ${n}, seed`), `${DEFAULT_N_NOTEBOOK} ran at its default n = ${n}`);
        assert.ok(bytes <= MAX_NOTEBOOK_01_BYTES, `${weight}; at most ${MAX_NOTEBOOK_01_BYTES} at its default N`);
      }
      // Each stage cell shows its result as a table with its counts.
      if (!/00-data/.test(result.notebook)) assert.match(text, /(extractPersonas|expandPersonaHub|continueDialogue): \d+ rows, \d+ ok, \d+ failed/, `${result.notebook} shows a stage table`);
      // Charts render everywhere: the Plotly JSON for live front ends and a static image for GitHub, nbconvert
      // HTML and untrusted notebooks.
      for (const { cell, output } of chartOutputs(executed)) {
        const types = Object.keys(output.data ?? {});
        assert.ok(types.includes("application/vnd.plotly.v1+json"), `${result.notebook} cell ${cell}: a chart output without application/vnd.plotly.v1+json (has ${types.join(", ")})`);
        assert.ok(types.includes("image/png") || types.includes("image/svg+xml"), `${result.notebook} cell ${cell}: a chart output without a static image (has ${types.join(", ")})`);
        // The figure only (data, layout, config): never plotly.js (the nbextension serves it) and no second copy of the data.
        const plotly = output.data?.["application/vnd.plotly.v1+json"] as Record<string, unknown>;
        assert.deepEqual(Object.keys(plotly).sort(), ["config", "data", "layout"], `${result.notebook} cell ${cell}: the Plotly output holds the figure only`);
        assert.ok(JSON.stringify(plotly).length < 40_000 && !/plotly\.js v\d|Plotly\.newPlot/.test(JSON.stringify(plotly)), `${result.notebook} cell ${cell}: no plotly.js inside the Plotly output`);
      }
    }
    // The export cells wrote the tables (and figures) into PERSONA_TALKS_OUT.
    for (const question of ["data", "rq1", "rq2", "rq3", "robustness"]) {
      assert.ok(existsSync(join(work, "out", question)), `out/${question} written by the export cell`);
    }
    // Each prompt variant has its own folder: the paper's prompts in out/<question>/paper.
    for (const question of ["rq1", "rq2", "rq3"]) assert.ok(existsSync(join(work, "out", question, "paper", "summary.json")), `${question}/paper/summary.json`);
    // Notebook 01's worked variant: its own folder, its name and the changed prompt hash; the paper folder untouched.
    type Summary = { variant?: { name?: string; prompts?: Record<string, { version?: string; hash?: string }> } };
    const paperPath = join(work, "out", "rq1", "paper", "summary.json");
    const rewordedPath = join(work, "out", "rq1", "reworded", "summary.json");
    assert.ok(existsSync(rewordedPath), "rq1/reworded/summary.json written by the variant's export cell");
    const paper = JSON.parse(readFileSync(paperPath, "utf8")) as Summary;
    const reworded = JSON.parse(readFileSync(rewordedPath, "utf8")) as Summary;
    assert.equal(paper.variant?.name, "paper");
    assert.equal(reworded.variant?.name, "reworded");
    const paperHash = paper.variant?.prompts?.["answer-statement"]?.hash;
    const rewordedHash = reworded.variant?.prompts?.["answer-statement"]?.hash;
    assert.ok(paperHash && rewordedHash && paperHash !== rewordedHash, `the answer-statement hash changes (${paperHash} vs ${rewordedHash})`);
    assert.equal(paper.variant?.prompts?.["describe-traits"]?.hash, reworded.variant?.prompts?.["describe-traits"]?.hash, "prompts not overridden keep their hash");
    assert.ok(statSync(paperPath).mtimeMs < statSync(rewordedPath).mtimeMs, "the paper folder was written first and not rewritten by the variant");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("a notebook cell that misuses the API (an unknown option key) fails type checking in the kernel", { skip: nbconvert ? false : skip, timeout: 300_000 }, async () => {
  const { buildNotebook, serializeNotebook } = await import("../../lib/notebook/notebook-file");
  const { writeFileSync } = await import("node:fs");
  const work = mkdtempSync(join(tmpdir(), "persona-talks-failing-"));
  try {
    registerTslabKernel();
    // Beside the loader, as in notebooks/ (the load cell requires ./persona-talks.cjs and reads ../.jupyter/build/types).
    const directory = join(projectRoot(), "notebooks");
    const path = join(directory, `.misuse-${process.pid}.ipynb`);
    writeFileSync(
      path,
      serializeNotebook(
        buildNotebook("misuse", [
          { code: 'const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();' },
          { code: 'const run = pt.session({ n: 3, promptOverride: { "answer-statement": "x" } });' },
        ]),
      ),
    );
    try {
      // --allow-errors: nbconvert's log does not carry the cell's stderr, the saved notebook does.
      const result = await executeNotebook(path, { outputDirectory: join(work, "executed"), html: false, nbconvert, allowErrors: true, environment: { PERSONA_TALKS_PROVIDER: "sim" } });
      assert.equal(result.status, 0, result.log.slice(-2000));
      const executed = parseNotebook(readFileSync(result.notebook, "utf8"), result.notebook);
      const outputs = JSON.stringify(executed.cells[1].outputs ?? []);
      assert.match(outputs, /'promptOverride' does not exist in type 'SessionOptions'/, "the misuse is a type error in the cell");
      assert.doesNotMatch(JSON.stringify(executed.cells[0].outputs ?? []), /error/i, "the typed load cell itself compiles and runs");
    } finally {
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
