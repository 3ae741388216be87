import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../../lib/errors";
import { findNbconvert } from "../../lib/notebook/jupyter";
import { buildNotebook, parseNotebook } from "../../lib/notebook/notebook-file";
import { applyParameters, cellParameters, configCellIndex, parseSets, valueSource } from "../../lib/notebook/notebook-parameters";
import { projectRoot } from "../../lib/paths";
import { cli } from "../support/cli-child";
import { ESCONV_TRAIN, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";

// `persona-talks notebook run NAME --set key=value --out DIR` (issue 25, item 10): parameters written into the
// config cell, the executed notebook and an HTML copy, a failing cell named, an unknown --set name a usage error.

const CONFIG = `// Configuration. A comment.
const run = pt.session({ provider: undefined, model: undefined, n: 20, seed: 1, cacheMode: "read-write" });
const classifier = "auto";
console.log(run.summary());`;

test("the config cell: its parameters are pt.session's properties and its top-level constants; --set rewrites their values", () => {
  const notebook = buildNotebook("fixture", [{ md: "# t" }, { code: "const pt = load();" }, { code: CONFIG }, { code: "const n = 3;" }]);
  assert.equal(configCellIndex(notebook, "fixture.ipynb"), 2);
  assert.deepEqual(cellParameters(CONFIG).map((parameter) => parameter.name), ["provider", "model", "n", "seed", "cacheMode", "classifier"]);
  const { notebook: changed, cell } = applyParameters(notebook, parseSets(["n=100", "provider=openai", "classifier=off", "model=gpt-4o-mini"]), "fixture.ipynb");
  assert.equal(cell, 2);
  const text = [changed.cells[2].source].flat().join("");
  assert.match(text, /pt\.session\(\{ provider: "openai", model: "gpt-4o-mini", n: 100, seed: 1, cacheMode: "read-write" \}\)/);
  assert.match(text, /const classifier = "off";/);
  assert.equal([notebook.cells[2].source].flat().join(""), CONFIG, "the input is not changed");
  assert.deepEqual([changed.cells[3].source].flat(), ["const n = 3;"], "other cells are not touched");
  assert.deepEqual(["100", "1.5", "true", "undefined", "openai", '["a","b"]', "{x"].map(valueSource), ["100", "1.5", "true", "undefined", '"openai"', '["a","b"]', '"{x"']);
  assert.throws(() => applyParameters(notebook, [["temperature", "1"]], "fixture.ipynb"), (error: unknown) => error instanceof UsageError && error.message === '--set temperature: the config cell of fixture.ipynb has no parameter "temperature" (it has provider, model, n, seed, cacheMode, classifier)');
  assert.throws(() => parseSets(["n"]), /--set n: write --set name=value/);
  assert.throws(() => configCellIndex(buildNotebook("x", [{ code: "const a = 1;" }]), "x.ipynb"), /x\.ipynb: no config cell/);
  const tagged = buildNotebook("t", [{ code: "const n = 1;" }]);
  tagged.cells[0].metadata.tags = ["parameters"];
  assert.equal(configCellIndex(tagged, "t.ipynb"), 0);
});

test("notebook run: a --set name the config cell does not have exits 2 naming it; an unknown notebook exits 2", async () => {
  const unknown = await cli(["notebook", "run", "02", "--set", "temprature=0.5"]);
  assert.equal(unknown.code, 2, unknown.stderr);
  assert.match(unknown.stderr, /--set temprature: the config cell of notebooks\/02-rq2-consistency\.ipynb has no parameter "temprature"/);
  const missing = await cli(["notebook", "run", "99"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no notebook matches "99"; use one of 00-data, 01-rq1-traits/);
});

const nbconvert = findNbconvert();

test("notebook run: a cell that throws makes it exit 1 naming the cell and its error; the notebook is saved up to it", { skip: nbconvert ? false : "jupyter-nbconvert is not installed", timeout: 300_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), "persona-talks-nbrun-"));
  try {
    const result = await cli(["notebook", "run", join(projectRoot(), "test", "fixtures", "notebooks", "cell-throws.ipynb"), "--set", "n=5", "--out", out], {}, 240_000);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /cell-throws\.ipynb: cell 3 \("throw new Error\(`fixture failure at n = \$\{n\}`\);"\) failed: Error: fixture failure at n = 5/);
    const executed = parseNotebook(readFileSync(join(out, "cell-throws.ipynb"), "utf8"), "executed");
    assert.match(JSON.stringify(executed.cells[2].outputs), /n = 5, label = fixture/, "the config cell ran with --set n=5");
    assert.deepEqual(executed.cells[4].outputs, [], "nothing ran after the failing cell");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("notebook run 02 --set n=10 --out DIR exits 0 and writes the executed notebook and its HTML copy", { skip: nbconvert ? skipWithoutData([ESCONV_TRAIN, ...INVENTORY_FILES], "the datasets notebook 02 needs") : "jupyter-nbconvert is not installed", timeout: 600_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-nbrun-"));
  try {
    const out = join(work, "nb");
    // PERSONA_TALKS_N says 3: the --set value wins (the config cell's output says n = 10).
    // --set figureSize=page (issue 24): the export cell writes every figure at the ACL page width.
    const result = await cli(["notebook", "run", "02", "--set", "n=10", "--set", "provider=sim", "--set", "figureSize=page", "--out", out], { PERSONA_TALKS_N: "3", PERSONA_TALKS_CACHE: join(work, "cache"), PERSONA_TALKS_OUT: join(work, "out"), PERSONA_TALKS_CLASSIFIER: "off" }, 540_000);
    assert.equal(result.code, 0, result.stderr);
    const notebook = join(out, "02-rq2-consistency.ipynb");
    assert.ok(existsSync(notebook) && existsSync(join(out, "02-rq2-consistency.html")));
    const executed = parseNotebook(readFileSync(notebook, "utf8"), notebook);
    const config = executed.cells[configCellIndex(executed, notebook)];
    assert.match([config.source].flat().join(""), /n: 10,/);
    assert.match(JSON.stringify(config.outputs), /n = 10, seed 1/);
    assert.doesNotMatch(JSON.stringify(config.outputs), /overridden by the environment/);
    assert.match([config.source].flat().join(""), /const figureSize = "page";/);
    const exported = join(work, "out", "rq2", "paper");
    const pdfs = readdirSync(exported).filter((file) => file.endsWith(".pdf"));
    assert.ok(pdfs.length > 0, `no PDF in ${exported}`);
    for (const pdf of pdfs) {
      const info = spawnSync("pdfinfo", [join(exported, pdf)], { encoding: "utf8" }).stdout;
      assert.match(info, /Page size:\s+453\.5\d* x/, `${pdf} is not page wide:\n${info}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
