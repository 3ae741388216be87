import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fitLayout, scoreComparisonBoxes, SIMULATED_LABEL, strategyDistribution, wrapLabel } from "../../lib/charts/index";
import { UsageError } from "../../lib/errors";
import { writeAnalysis } from "../../lib/reports/write-analysis";
import { createFigureExporter, exportFigure, findChromium, requireInstalledFont, sizes, toPoints, type FigureExporter } from "../../lib/export/index";

const DIMENSIONS = ["Honesty-Humility", "Emotionality", "Impression Manipulativeness"];
const boxes = scoreComparisonBoxes({
  dimensions: DIMENSIONS,
  original: Object.fromEntries(DIMENSIONS.map((d, i) => [d, [2, 2.5, 3, 3.5, 4].map((v) => v + i * 0.1)])),
  extracted: Object.fromEntries(DIMENSIONS.map((d, i) => [d, [2.5, 3, 3.5, 4, 4.5].map((v) => v - i * 0.1)])),
  tests: Object.fromEntries(DIMENSIONS.map((d) => [d, { n: 5, p: 0.03 }])),
  testNote: "Wilcoxon signed-rank, Holm-adjusted",
  title: "HEXACO-60: original vs re-extracted persona, simulated (Figures 5-7)",
  kind: "box",
  simulated: true,
  yRange: [1, 5],
});
const bars = strategyDistribution({ conditions: ["with", "without"], strategies: ["Question", "Others"], shares: [[0, 1], [0.5, 0.5]], title: "Strategies", simulated: true });

function pdfInfo(path: string): { width: number; height: number } {
  const info = spawnSync("pdfinfo", [path], { encoding: "utf8" }).stdout;
  const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  assert.ok(match, info);
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** Font names pdffonts lists, each with its "emb" column. */
function pdfFonts(path: string): { name: string; embedded: boolean }[] {
  const lines = spawnSync("pdffonts", [path], { encoding: "utf8" }).stdout.split("\n").slice(2).filter(Boolean);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    return { name: columns[0], embedded: columns[columns.length - 5] === "yes" };
  });
}

describe("figure sizes and print layout (no browser)", () => {
  it("converts physical sizes to PDF points", () => {
    assert.equal(toPoints(7.7, "cm").toFixed(2), "218.27");
    assert.equal(toPoints(16, "cm").toFixed(2), "453.54");
    assert.equal(toPoints(3, "in"), 216);
    assert.equal(toPoints(96, "px"), 72);
    assert.deepEqual(sizes.aclColumn, { width: 7.7, height: 7, units: "cm" });
  });

  it("wraps labels at spaces", () => {
    assert.deepEqual(wrapLabel("Impression Manipulativeness", 16), ["Impression", "Manipulativeness"]);
    assert.deepEqual(wrapLabel("a b<br>c", 10), ["a b", "c"]);
  });

  it("lays a chart out in points at a column's width: small margins, legend in a row, the SIMULATED label kept", () => {
    const spec = fitLayout(boxes, { width: 291, height: 265, fontFamily: "Liberation Serif" });
    assert.equal(spec.layout.width, 291);
    assert.equal((spec.layout.font as { family: string; size: number }).family, "Liberation Serif");
    assert.equal(((spec.layout.font as { size: number }).size * 72) / 96, 8, "8 pt body text");
    assert.equal((spec.layout.legend as { orientation: string }).orientation, "h");
    assert.ok(spec.layout.title.text.includes(SIMULATED_LABEL), "the red label moves into the title block");
    assert.ok(spec.layout.title.text.includes("#b00020"));
    assert.ok(spec.layout.title.text.split("<br>").length >= 3, "a long title wraps at 7.7 cm");
    assert.equal((spec.layout.margin as { t: number }).t, 4);
    assert.equal(boxes.layout.width, 900, "the input spec is not changed");
    assert.equal((boxes.layout.font as { family: string }).family.startsWith("Liberation Sans"), true);
  });

  it("refuses a font that is not installed, naming the alternative", () => {
    assert.throws(() => requireInstalledFont("Times New Roman"), (error: unknown) => error instanceof UsageError && /not installed.*Liberation Serif/s.test(error.message));
    assert.equal(requireInstalledFont("Liberation Serif"), "Liberation Serif");
  });

  it("refuses an unknown extension and a missing height", async () => {
    await assert.rejects(exportFigure(bars, "/tmp/x.jpg"), UsageError);
    await assert.rejects(exportFigure(bars, "/tmp/x.pdf", { width: 7.7, units: "cm" }), /width and height/);
  });
});

const lookup = findChromium();
describe("exportFigure (Chromium)", { skip: lookup.executablePath ? false : `no Chromium: ${lookup.reason}` }, () => {
  let exporter: FigureExporter;
  const directory = mkdtempSync(join(tmpdir(), "persona-talks-export-figure-"));
  before(async () => {
    exporter = await createFigureExporter();
  });
  after(async () => {
    await exporter.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("writes a single-column PDF exactly 7.7 cm (218.27 pt) wide with Liberation Serif embedded, and nothing else", async () => {
    const path = join(directory, "column", "fig5.pdf");
    const result = await exportFigure(boxes, path, { ...sizes.aclColumn, exporter });
    assert.equal(result.font, "Liberation Serif");
    const page = pdfInfo(path);
    assert.ok(Math.abs(page.width - 218.27) < 0.02, `width ${page.width} pt`);
    assert.ok(Math.abs(page.height - toPoints(7, "cm")) < 0.02, `height ${page.height} pt`);
    const fonts = pdfFonts(path);
    assert.ok(fonts.length > 0 && fonts.every((font) => font.embedded), JSON.stringify(fonts));
    assert.ok(fonts.every((font) => /LiberationSerif/.test(font.name)), `only the chosen font: ${JSON.stringify(fonts)}`);
    assert.deepEqual(readdirSync(join(directory, "column")), ["fig5.pdf"], "one figure, one file");
  });

  it("writes page-width (16 cm) and inch sizes exactly", async () => {
    await exportFigure(bars, join(directory, "page.pdf"), { ...sizes.aclPage, exporter });
    const page = pdfInfo(join(directory, "page.pdf"));
    assert.ok(Math.abs(page.width - 453.54) < 0.02 && Math.abs(page.height - toPoints(7, "cm")) < 0.02, JSON.stringify(page));
    await exportFigure(bars, join(directory, "inches.pdf"), { width: 3.25, height: 2.5, units: "in", font: "TeX Gyre Termes", exporter });
    assert.deepEqual(pdfInfo(join(directory, "inches.pdf")), { width: 234, height: 180 });
    // Chromium embeds OpenType (CFF) fonts such as TeX Gyre Termes as unnamed Type 3 fonts: embedded, but some
    // publishers' checkers flag Type 3, one reason Liberation Serif (TrueType, embedded as CID TrueType) is the default.
    const termes = pdfFonts(join(directory, "inches.pdf"));
    assert.ok(termes.length > 0 && termes.every((font) => font.embedded), JSON.stringify(termes));
  });

  it("draws a print SVG's text as glyph outlines (the same on any machine), and PNGs at 300 dpi", async () => {
    // Issue 24: a print SVG embeds its font or carries text as paths; Plotly's SVG only named the font.
    await exportFigure(boxes, join(directory, "fig.svg"), { ...sizes.aclColumn, exporter });
    const svg = readFileSync(join(directory, "fig.svg"), "utf8");
    assert.ok(!svg.includes("<text"), "no <text> left");
    assert.ok(/<symbol[^>]*id="glyph/.test(svg) || svg.includes("@font-face"), "glyph outlines (or the font embedded)");
    assert.ok(/width="218\.2\d*pt"/.test(svg), "7.7 cm wide");
    await exportFigure(boxes, join(directory, "fig.png"), { ...sizes.aclColumn, exporter });
    const png = readFileSync(join(directory, "fig.png"));
    assert.equal(png.readUInt32BE(16), Math.round(291 * (300 / 96)), "7.7 cm at 300 dpi");
  });

  it("is what the analyze writer uses when given a figure size", async () => {
    const output = { question: "rq3", simulated: true, provider: "sim", model: "sim", scores: [], tables: [], figures: [{ name: "bars", spec: bars }], documents: [], summary: {} };
    const folder = join(directory, "analysis");
    await writeAnalysis(output as never, folder, { exporter, figureSize: sizes.aclColumn, figureFormats: ["pdf"], tableFormats: [] });
    assert.ok(Math.abs(pdfInfo(join(folder, "bars.pdf")).width - 218.27) < 0.02);
  });

  it("fails without writing when the font is missing", async () => {
    await assert.rejects(exportFigure(bars, join(directory, "times.pdf"), { ...sizes.aclColumn, font: "Times New Roman", exporter }), /not installed/);
    assert.ok(!readdirSync(directory).includes("times.pdf"));
  });
});
