import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { strategyDistribution } from "../../lib/charts/index";
import { chartDisplayBundle } from "../../lib/notebook/show-chart";
import { notebookToHtml, staticFirstPriorityArgument, STATIC_FIRST_PRIORITY } from "../../lib/notebook/notebook-html";
import { findNbconvert } from "../../lib/notebook/jupyter";

const nbconvert = findNbconvert();
const directory = mkdtempSync(join(tmpdir(), "persona-talks-nbhtml-"));
after(() => rmSync(directory, { recursive: true, force: true }));

// A 1x1 PNG: what the renderer would put beside the Plotly JSON.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

function output(data: Record<string, unknown>, metadata: Record<string, unknown> = {}) {
  return { output_type: "display_data", data, metadata };
}

describe("notebook HTML with static images first", () => {
  it("lists the static types before text/html", () => {
    assert.ok(STATIC_FIRST_PRIORITY.indexOf("image/png") < STATIC_FIRST_PRIORITY.indexOf("text/html"));
    assert.equal(staticFirstPriorityArgument(), "--NbConvertBase.display_data_priority=['image/svg+xml','image/png','image/jpeg','text/html','text/markdown','text/latex','application/pdf','text/plain']");
  });

  it("shows an <img> for every chart, also for an older output that carries HTML with a script", { skip: nbconvert ? false : "jupyter-nbconvert not found" }, async () => {
    const spec = strategyDistribution({ conditions: ["a"], strategies: ["Question", "Others"], shares: [[0.5, 0.5]], title: "Shares", simulated: true });
    const bundle = chartDisplayBundle(spec, { mimeType: "image/png", data: PNG, width: 980, height: 580 });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: [
        { cell_type: "code", id: "a", execution_count: 1, metadata: {}, source: "pt.showChart(spec);", outputs: [output(bundle.data, bundle.metadata)] },
        // The shape nbconvert puts text/html first for by default: HTML that needs JavaScript beside a PNG.
        { cell_type: "code", id: "b", execution_count: 2, metadata: {}, source: "x", outputs: [output({ "text/html": "<div id='needs-js'></div><script>1</script>", "image/png": PNG })] },
        { cell_type: "code", id: "c", execution_count: 3, metadata: {}, source: "table", outputs: [output({ "text/html": "<table><tr><td>only html</td></tr></table>" })] },
      ],
    };
    const path = join(directory, "executed.ipynb");
    writeFileSync(path, JSON.stringify(notebook));
    const html = readFileSync(await notebookToHtml(path, { nbconvert: nbconvert!, outputDirectory: directory }), "utf8");
    const images = html.match(/<img src="data:image\/png;base64,[^"]+"[^>]*>/g) ?? [];
    assert.equal(images.length, 2, "one <img> per chart");
    assert.match(images[0], /width="?980/);
    assert.ok(!html.includes("needs-js"), "the HTML alternative was not chosen");
    assert.ok(html.includes("only html"), "HTML-only outputs still show");
  });
});
