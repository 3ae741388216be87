import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { projectNotebooks } from "../../lib/notebook/notebook-list";
import { buildNotebook, cellErrors, outputBytes, parseNotebook, serializeNotebook, stripOutputs, type Notebook } from "../../lib/notebook/notebook-file";

// The .ipynb files are the notebooks' only source (edited in Jupyter). Committed ones stay reviewable: no outputs at
// all and no execution counts (an executed notebook cannot be committed by accident: run npm run
// clean:notebooks), nbformat 4.5 with a unique id per cell, the tslab kernel, and the layout issue 6 asks for.
const MAX_OUTPUT_BYTES = 0;

for (const path of projectNotebooks()) {
  const name = basename(path);
  test(`${name} is committed without large outputs, with cell ids and the tslab kernel`, () => {
    const notebook = parseNotebook(readFileSync(path, "utf8"), path);
    assert.ok(outputBytes(notebook) <= MAX_OUTPUT_BYTES, `${name} carries ${outputBytes(notebook)} bytes of outputs; run npm run clean:notebooks`);
    const executed = notebook.cells.filter((cell) => cell.cell_type === "code" && (cell.execution_count !== null || (cell.outputs ?? []).length > 0));
    assert.equal(executed.length, 0, `${name} has ${executed.length} executed cells (outputs or execution counts); run npm run clean:notebooks`);
    assert.equal(notebook.nbformat, 4);
    assert.ok(notebook.nbformat_minor >= 5, "nbformat 4.5 (cell ids)");
    const ids = notebook.cells.map((cell) => cell.id);
    assert.ok(ids.every((id) => typeof id === "string" && /^[a-zA-Z0-9-_]{1,64}$/.test(id)), "every cell has a valid id");
    assert.equal(new Set(ids).size, ids.length, "cell ids are unique");
    assert.equal((notebook.metadata.kernelspec as { name?: string }).name, "tslab");
    const source = (index: number) => [notebook.cells[index].source].flat().join("");
    assert.equal(notebook.cells[0].cell_type, "markdown");
    assert.match(source(0), /\*\*Question\.\*\*/);
    assert.match(source(0), /\*\*Prompts\.\*\*/);
    const code = notebook.cells.map((cell, index) => ({ cell, index, text: source(index) })).filter((entry) => entry.cell.cell_type === "code");
    const loadAt = code.findIndex((entry) => /const pt: typeof import\("\.\.\/\.jupyter\/build\/types\/notebook\/notebook-api"\) = require\("\.\/persona-talks\.cjs"\)\.load\(\)/.test(entry.text));
    const configAt = code.findIndex((entry) => /pt\.session\(/.test(entry.text));
    const firstStageAt = code.findIndex((entry) => /await run\.(extract|expand)\(|run\.dialogues\(/.test(entry.text));
    const estimateAt = code.findIndex((entry) => /estimateText\(/.test(entry.text));
    const runAt = code.findIndex((entry) => /await pt\.(analyzeRq\d|analyzePsychometrics|analyzeRobustness|dataOverview)\(/.test(entry.text));
    const exportAt = code.findIndex((entry) => /exportAnalysis\(|writeTables\(/.test(entry.text));
    assert.ok(loadAt >= 0 && loadAt < configAt, "a typed load cell, then the config cell");
    assert.ok(configAt >= 0 && configAt < estimateAt && estimateAt < firstStageAt && firstStageAt < runAt && runAt < exportAt, "config, estimate, the stages one per cell, the analysis, export");
    const stageCells = code.filter((entry) => /await run\.\w+\(/.test(entry.text));
    assert.ok(stageCells.length >= 2 && stageCells.every((entry) => /pt\.show\(/.test(entry.text)), "every stage cell shows its result");
    assert.ok(code.every((entry) => !/\.close\(\)/.test(entry.text)), "no cell closes the session (later cells must still run)");
    assert.ok(notebook.cells.some((cell, index) => cell.cell_type === "markdown" && /Beside the paper/.test(source(index))), "a markdown cell sets results beside the paper");
    assert.ok(code.every((entry) => entry.text.split("\n").length <= 10), "notebook cells stay thin (10 lines at most)");
  });
}

function executedFixture(): Notebook {
  const notebook = buildNotebook("fixture", [{ md: "# title" }, { code: "1 + 1" }]);
  notebook.cells[1] = { ...notebook.cells[1], execution_count: 3, metadata: { execution: { started: "x" }, tags: ["keep"] }, outputs: [{ output_type: "error", ename: "TypeError", evalue: "boom", traceback: [] }] };
  return notebook;
}

test("stripOutputs removes outputs and execution counts but keeps sources, ids and other metadata", () => {
  const executed = executedFixture();
  assert.ok(outputBytes(executed) > 0);
  assert.deepEqual(cellErrors(executed), [{ cell: 1, name: "TypeError", message: "boom" }]);
  const clean = stripOutputs(executed);
  assert.equal(outputBytes(clean), 0);
  assert.equal(clean.cells[1].execution_count, null);
  assert.deepEqual(clean.cells[1].metadata, { tags: ["keep"] });
  assert.deepEqual(clean.cells.map((cell) => cell.id), executed.cells.map((cell) => cell.id));
  assert.deepEqual(clean.cells[1].source, ["1 + 1"]);
  assert.equal(executed.cells[1].execution_count, 3, "the input is not mutated");
  assert.equal(serializeNotebook(stripOutputs(clean)), serializeNotebook(clean), "stripping is idempotent");
});

test("parseNotebook names the file when it is not a notebook", () => {
  assert.throws(() => parseNotebook("{", "broken.ipynb"), /broken\.ipynb: not JSON/);
  assert.throws(() => parseNotebook("{}", "empty.ipynb"), /empty\.ipynb: not a Jupyter notebook/);
});
