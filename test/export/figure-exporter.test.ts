import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  caseStudyHtml,
  chartToHtml,
  correlationHeatmap,
  pcaScatter,
  scoreComparisonBoxes,
  SIMULATED_LABEL,
  type FigureSpec,
} from "../../lib/charts/index";
import { createFigureExporter, findChromium, type FigureExporter } from "../../lib/export/index";

// One browser for the whole file: launching Chromium is the slow part.
const lookup = findChromium();
const skip = lookup.executablePath
  ? false
  : `no headless Chromium (${lookup.reason}); install it with \`apt-get install chromium\` or set PERSONA_TALKS_CHROMIUM`;

const DIMENSIONS = ["Emotionality", "Extraversion", "Openness"];
const figures: Record<string, FigureSpec> = {
  heatmap: correlationHeatmap({
    rows: DIMENSIONS,
    columns: ["Expressiveness", "Preciseness"],
    values: [
      [0.1, -0.4],
      [0.6, 0.2],
      [-0.3, 0.5],
    ],
    title: "Correlations (made-up)",
    simulated: true,
  }),
  boxes: scoreComparisonBoxes({
    dimensions: DIMENSIONS,
    original: Object.fromEntries(DIMENSIONS.map((d, i) => [d, [2, 2.5, 3, 3.5, 4].map((v) => v + i * 0.1)])),
    extracted: Object.fromEntries(DIMENSIONS.map((d, i) => [d, [2.5, 3, 3.5, 4, 4.5].map((v) => v - i * 0.1)])),
    title: "Scores (made-up)",
    kind: "box",
    simulated: true,
  }),
  pca: pcaScatter({
    points: Array.from({ length: 40 }, (_, i) => ({ x: Math.cos(i) * (i % 2 ? 2 : 0.5), y: Math.sin(i) * (i % 2 ? 2 : 0.5), condition: i % 2 ? "with persona" : "without persona" })),
    explained: [0.5, 0.25],
    title: "PCA (made-up)",
    simulated: true,
  }),
};

function pngSize(file: Buffer): { width: number; height: number } {
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}

describe("figure export through headless Chromium", { skip }, () => {
  let directory: string;
  let exporter: FigureExporter;

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), "persona-talks-export-"));
    exporter = await createFigureExporter();
  });

  after(async () => {
    await exporter?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("writes HTML, PNG, SVG and PDF for three figures with one browser", async () => {
    for (const [name, spec] of Object.entries(figures)) {
      const base = join(directory, "figures", name);
      const result = await exporter.export(spec, base, ["html", "png", "svg", "pdf"]);
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(Object.keys(result.written).sort(), ["html", "pdf", "png", "svg"]);

      const png = readFileSync(`${base}.png`);
      assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${name}.png is a PNG`);
      assert.ok(png.length > 30_000, `${name}.png has content (${png.length} bytes)`);
      // Exported at scale 2: twice the layout size.
      assert.deepEqual(pngSize(png), { width: 2 * (spec.layout.width ?? 0), height: 2 * (spec.layout.height ?? 0) });

      const svg = readFileSync(`${base}.svg`, "utf8");
      assert.match(svg, /^(<\?xml[^>]*>\s*)?<svg/);
      assert.ok(svg.includes(SIMULATED_LABEL), `${name}.svg carries the simulated label`);
      const xTitle = (spec.layout.xaxis as { title: { text: string } }).title.text;
      assert.ok(svg.includes(xTitle), `${name}.svg carries the x axis title`);

      const pdf = readFileSync(`${base}.pdf`);
      assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
      assert.ok(pdf.length > 5_000);
      assert.ok(statSync(`${base}.html`).size > 1_000_000, "standalone HTML embeds Plotly");
    }
  });

  it("exports the case-study HTML as a cropped PNG and a one-page PDF", async () => {
    const html = caseStudyHtml({
      left: { title: "With persona", turns: [{ speaker: "supporter", text: "How did it go?", strategy: "Question" }] },
      right: { title: "Without persona", turns: [{ speaker: "supporter", text: "You can do it.", strategy: "Affirmation and Reassurance" }] },
      simulated: true,
    });
    const base = join(directory, "case-study");
    const result = await exporter.exportHtml(html, base, ["html", "png", "pdf", "svg"]);
    // The SVG is the PDF page with its glyphs as outlines (pdftocairo, as for the charts): no <text>, no font needed.
    assert.deepEqual(result.skipped, []);
    const svg = readFileSync(`${base}.svg`, "utf8");
    assert.match(svg, /<svg[^>]*width="[\d.]+pt"/);
    assert.ok(!/<text\b/.test(svg) && /<path\b/.test(svg), "text drawn as outlines");
    const png = readFileSync(`${base}.png`);
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const size = pngSize(png);
    assert.ok(size.height < size.width, "cropped to the content, not a full window");
    const pdf = readFileSync(`${base}.pdf`);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    assert.equal((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, "one page");
  });

  it("renders the standalone chart HTML offline (it draws without any network)", async () => {
    const base = join(directory, "standalone");
    const result = await exporter.exportHtml(chartToHtml(figures.boxes), base, ["png"]);
    assert.equal(result.written.png, `${base}.png`);
    // A drawn chart has far more pixels than an empty page.
    assert.ok(statSync(`${base}.png`).size > 30_000);
  });

  it("removes its temporary browser profile on close, and can be closed twice", async () => {
    const profile = exporter.profileDirectory;
    assert.ok(profile && existsSync(profile), "the browser runs with its own fresh profile");
    await exporter.close();
    assert.ok(!existsSync(profile));
    await exporter.close();
    await assert.rejects(exporter.export(figures.pca, join(directory, "late"), ["png"]), /closed/);
  });
});
