import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { MINIMUM_TEXT_PT, PRINT_LAYOUTS, type ChartKind, type PrintWidth } from "../../lib/charts/index";
import { createFigureExporter, exportFigure, figureSizeFor, findChromium, parseFigureSize, toInches, type FigureExporter } from "../../lib/export/index";
import { UsageError } from "../../lib/errors";
import { sampleCaseStudy, sampleDialogueHistory, sampleFigures, samplePersonaCards } from "../support/figure-kinds";
import { overlappingWords, pdfTextBoxes } from "../support/pdf-text-boxes";

const WIDTH_PT: Record<PrintWidth, number> = { column: 218.27, page: 453.54 };

describe("--figure-size", () => {
  it("takes column, page, screen, print and WxH in cm or in", () => {
    assert.equal(parseFigureSize(undefined), "print");
    assert.equal(parseFigureSize("column"), "column");
    assert.equal(parseFigureSize("screen"), "screen");
    assert.deepEqual(parseFigureSize("8x6cm"), { width: 8, height: 6, units: "cm" });
    assert.deepEqual(parseFigureSize("3.25x2.5in"), { width: 3.25, height: 2.5, units: "in" });
    assert.throws(() => parseFigureSize("8x6px"), UsageError);
    assert.throws(() => parseFigureSize("wide"), /--figure-size must be column\|page\|screen/);
  });

  it("gives every chart kind its own print size, and the asked width", () => {
    for (const kind of Object.keys(PRINT_LAYOUTS) as ChartKind[]) {
      const own = figureSizeFor("print", kind)!;
      assert.equal(own.width, PRINT_LAYOUTS[kind].width === "column" ? 7.7 : 16, kind);
      assert.equal(figureSizeFor("page", kind)!.width, 16);
      assert.equal(figureSizeFor("column", kind)!.width, 7.7);
    }
    assert.equal(figureSizeFor("screen", "correlationHeatmap"), undefined);
    assert.equal(figureSizeFor("print", sampleFigures().confusionMatrixHeatmap)!.width, 16, "the kind is read from the spec");
  });
});

const chromium = findChromium();
const hasPoppler = spawnSync("pdftotext", ["-v"]).status === 0;

/**
 * Every figure kind rendered at a column and at the page width, measured from the PDF's text boxes (pdftotext -bbox),
 * not from the spec: each word at least 7 pt, no two words overlapping, every word inside the page, every font
 * embedded, the SIMULATED mark on no other text, and the SVG's text drawn as outlines.
 */
describe("print layout of every figure kind, measured in the PDF", { skip: !chromium.executablePath || !hasPoppler ? "needs Chromium and poppler-utils" : false }, () => {
  let exporter: FigureExporter;
  let directory: string;
  before(async () => {
    exporter = await createFigureExporter({ log: () => undefined });
    directory = mkdtempSync(join(tmpdir(), "pt-print-"));
  });
  after(async () => {
    await exporter?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const check = (path: string, width: PrintWidth, label: string) => {
    const { width: pageWidth, height, words } = pdfTextBoxes(path);
    assert.ok(Math.abs(pageWidth - WIDTH_PT[width]) < 0.05, `${label}: page ${pageWidth} pt wide`);
    assert.ok(words.length > 5, `${label}: has text`);
    const small = words.filter((word) => word.sizePt < MINIMUM_TEXT_PT - 0.05);
    assert.deepEqual(small.map((word) => `${word.text} ${word.sizePt.toFixed(2)} pt`), [], `${label}: text under 7 pt`);
    const outside = words.filter((word) => word.xMin < -0.5 || word.yMin < -0.5 || word.xMax > pageWidth + 0.5 || word.yMax > height + 0.5);
    assert.deepEqual(outside.map((word) => word.text), [], `${label}: text leaving the page`);
    const overlaps = overlappingWords(words);
    assert.deepEqual(overlaps.map(([a, b]) => `"${a.text}" / "${b.text}"`), [], `${label}: overlapping text`);
    assert.ok(words.some((word) => word.text === "SIMULATED"), `${label}: the SIMULATED mark is printed`);
    const fonts = spawnSync("pdffonts", [path], { encoding: "utf8" }).stdout.split("\n").slice(2).filter(Boolean);
    assert.ok(fonts.length > 0 && fonts.every((line) => line.trim().split(/\s+/).at(-5) === "yes"), `${label}: every font embedded\n${fonts.join("\n")}`);
  };

  for (const width of ["column", "page"] as const) {
    for (const [kind, spec] of Object.entries(sampleFigures())) {
      it(`${kind} at ${width} width`, async () => {
        const size = figureSizeFor(width, kind as ChartKind)!;
        const path = join(directory, `${kind}-${width}.pdf`);
        await exportFigure(spec, path, { ...size, exporter });
        check(path, width, `${kind} (${width})`);
        if (width === "column") {
          const svgPath = join(directory, `${kind}-${width}.svg`);
          await exportFigure(spec, svgPath, { ...size, exporter });
          const svg = readFileSync(svgPath, "utf8");
          assert.ok(!/<text[\s>]/.test(svg) || /@font-face/.test(svg), `${kind}: SVG text is outlined or its font embedded`);
        }
      });
    }
    // The HTML figures (case study, persona cards, dialogue history), exported as analyze exports them.
    const textFigures: Array<[string, ChartKind, () => string]> = [
      ["caseStudy", "caseStudy", sampleCaseStudy],
      ["personaCard", "personaCard", () => samplePersonaCards().basic],
      ["personaCard with scores", "personaCard", () => samplePersonaCards().withScores],
      ["dialogueHistory", "dialogueHistory", sampleDialogueHistory],
    ];
    for (const [label, kind, html] of textFigures) {
      it(`${label} at ${width} width`, async () => {
        const size = figureSizeFor(width, kind)!;
        const base = join(directory, `${label.replace(/\W+/g, "-")}-${width}`);
        await exporter.exportHtml(html(), base, ["pdf"], { widthInches: toInches(size.width, size.units) });
        check(`${base}.pdf`, width, `${label} (${width})`);
        if (kind !== "caseStudy") {
          // The SIMULATED line is above the content: every other word starts below it.
          const { words } = pdfTextBoxes(`${base}.pdf`);
          const mark = words.find((word) => word.text === "SIMULATED")!;
          const below = words.filter((word) => word.yMin > mark.yMax - 0.1);
          assert.ok(words.filter((word) => word.yMin >= mark.yMin - 0.1 && word.yMax <= mark.yMax + 0.1).every((word) => /^(SIMULATED|\(sim|provider\)|—|not|model|output)$/.test(word.text)), `${label}: the SIMULATED line holds nothing else`);
          assert.ok(below.length > words.length / 2, `${label}: the content is under the SIMULATED line`);
        }
      });
    }
  }
});
