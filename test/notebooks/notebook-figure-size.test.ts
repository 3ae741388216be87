import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { strategyDistribution } from "../../lib/charts/index";
import { UsageError } from "../../lib/errors";
import { findChromium } from "../../lib/export/index";
import { parseNotebook } from "../../lib/notebook/notebook-file";
import { projectNotebooks } from "../../lib/notebook/notebook-list";
import { applyParameters, cellParameters, configCellIndex, parseSets } from "../../lib/notebook/notebook-parameters";
import { exportAnalysis } from "../../lib/notebook/session";

// Issue 24: the notebooks' config cell has a figureSize (print|column|page|screen|WxH) that their export cells
// pass to pt.exportAnalysis, so `persona-talks notebook run NN --set figureSize=page` writes page-wide figures.

const source = (cell: { source: string | string[] }) => [cell.source].flat().join("");

for (const path of projectNotebooks()) {
  const name = basename(path);
  const notebook = parseNotebook(readFileSync(path, "utf8"), path);
  const exportCells = notebook.cells.filter((cell) => cell.cell_type === "code" && /pt\.exportAnalysis\(/.test(source(cell)));
  if (!exportCells.length) continue;
  test(`${name}: the config cell's figureSize reaches every export cell and --set figureSize=page rewrites it`, () => {
    const config = configCellIndex(notebook, name);
    const configSource = source(notebook.cells[config]);
    assert.ok(cellParameters(configSource).some((parameter) => parameter.name === "figureSize"), `${name}: no figureSize in the config cell`);
    assert.match(configSource, /const figureSize = "print";/);
    for (const cell of exportCells) {
      // Written out: tslab does not resolve a shorthand `{ figureSize }` to an earlier cell's constant (ReferenceError).
      for (const call of source(cell).match(/pt\.exportAnalysis\([^)]*\)/g) ?? []) assert.match(call, /figureSize: figureSize\b/, `${name}: ${call} ignores figureSize`);
    }
    const { notebook: changed } = applyParameters(notebook, parseSets(["figureSize=page"]), name);
    assert.match(source(changed.cells[config]), /const figureSize = "page";/);
    const { notebook: measured } = applyParameters(notebook, parseSets(["figureSize=8x6cm"]), name);
    assert.match(source(measured.cells[config]), /const figureSize = "8x6cm";/);
  });
}

const bars = strategyDistribution({ conditions: ["with", "without"], strategies: ["Question", "Others"], shares: [[0.4, 0.6], [0.5, 0.5]], title: "Strategies", simulated: true });
const output = { question: "rq3", simulated: true, provider: "sim", model: "sim", scores: [], tables: [], figures: [{ name: "bars", spec: bars }], documents: [], summary: {} };

function pdfWidth(path: string): number {
  const info = spawnSync("pdfinfo", [path], { encoding: "utf8" }).stdout;
  const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  assert.ok(match, info);
  return Number(match[1]);
}

test("exportAnalysis: an unknown figureSize is a usage error naming the option, before any browser starts", async () => {
  await assert.rejects(exportAnalysis(output as never, { directory: join(tmpdir(), "never-written"), figureSize: "huge" }), (error: unknown) => error instanceof UsageError && /^figureSize must be column\|page\|screen\|WxH/.test(error.message));
});

const lookup = findChromium();
test("exportAnalysis writes the PDF at the figureSize given: page 453.5 pt, column 218.3 pt, 8x6cm 226.8 pt", { skip: lookup.executablePath ? false : `no Chromium: ${lookup.reason}`, timeout: 180_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-figure-size-"));
  try {
    for (const [figureSize, width] of [["page", 453.54], ["column", 218.27], ["8x6cm", 226.77]] as const) {
      const directory = join(work, figureSize);
      const written = await exportAnalysis(output as never, { directory, figureSize });
      assert.ok(readdirSync(directory).includes("bars.pdf"), written.summary);
      assert.ok(Math.abs(pdfWidth(join(directory, "bars.pdf")) - width) < 0.05, `${figureSize}: ${pdfWidth(join(directory, "bars.pdf"))} pt`);
    }
    // The folder alone still works (the default size: the strategy bars are a page-wide kind).
    await exportAnalysis(output as never, join(work, "default"));
    assert.ok(Math.abs(pdfWidth(join(work, "default", "bars.pdf")) - 453.54) < 0.05);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
