import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findChromium } from "../../lib/export/find-browser";
import { findJupyterNotebook } from "../../lib/notebook/jupyter";
import { anyFreePort } from "../../lib/notebook/jupyter-port";
import { projectRoot } from "../../lib/paths";
import { startJupyter, until } from "../support/jupyter-server";

// `npm run jupyter` installs a Plotly renderer into the classic Notebook (lib/notebook/nbextension): a chart cell run
// in a browser is drawn by plotly.js served from the local server (no other host is asked), hovering a cell of the
// heatmap shows its value, and the output still carries the PNG fallback.
const chromium = findChromium();
const skip = !findJupyterNotebook() ? "jupyter-notebook is not installed" : !chromium.executablePath ? `no headless Chromium (${chromium.reason})` : false;

const CELL = `const pt = require(${JSON.stringify(join(projectRoot(), "notebooks", "persona-talks.cjs"))}).load();
pt.show(pt.charts.correlationHeatmap({ rows: ["Emotionality", "Openness"], columns: ["Expressiveness", "Preciseness"], values: [[0.12, -0.43], [0.61, 0.27]], title: "Live chart test", simulated: false }));`;

test("a chart cell run in the Notebook that npm run jupyter starts is an interactive Plotly plot", { skip, timeout: 420_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), "persona-talks-live-chart-"));
  writeFileSync(
    join(folder, "live-chart.ipynb"),
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: [{ cell_type: "code", id: "chart", metadata: {}, execution_count: null, outputs: [], source: CELL }],
    }),
  );
  const port = await anyFreePort();
    const jupyter = startJupyter(["--port", String(port), `--notebook-dir=${folder}`]);
  const { chromium: browserType } = createRequire(join(projectRoot(), "package.json"))("playwright-core") as typeof import("playwright-core");
  const browser = await browserType.launch({ executablePath: chromium.executablePath!, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await until(() => jupyter.url() !== undefined || jupyter.npm.exitCode !== null, 150_000);
    assert.ok(jupyter.url(), `Jupyter did not start:\n${jupyter.log().slice(-2000)}`);
    const token = jupyter.url()!.searchParams.get("token")!;
    const page = await browser.newPage();
    const hosts = new Set<string>();
    page.on("request", (request) => hosts.add(new URL(request.url()).host));
    const plotlyServed: string[] = [];
    page.on("response", (response) => {
      if (/nbextensions\/persona-talks-plotly\/plotly\.min\.js/.test(response.url())) plotlyServed.push(`${response.status()}`);
    });
    await page.goto(`http://127.0.0.1:${port}/notebooks/live-chart.ipynb?token=${token}`);
    await page.waitForFunction(() => (window as any).Jupyter?.notebook?.kernel?.is_connected?.(), undefined, { timeout: 120_000 });
    await page.evaluate(() => (window as any).Jupyter.notebook.execute_all_cells());
    const plot = page.locator(".persona-talks-plotly .main-svg").first();
    // A cell that fails (an error output) ends the wait at once instead of after the timeout.
    const failed = page
      .waitForFunction(() => ((window as any).Jupyter.notebook.get_cell(0).output_area.outputs as Array<{ output_type: string; name?: string }>).some((output) => output.output_type === "error" || output.name === "stderr"), undefined, { timeout: 240_000, polling: 500 })
      .then(
        () => true,
        () => false, // timed out, or the page closed after the plot was found: not a failure of the cell
      );
    const cellFailed = failed.then((yes) => (yes ? Promise.reject(new Error("the chart cell failed")) : new Promise<never>(() => undefined)));
    await Promise.race([plot.waitFor({ timeout: 240_000 }), cellFailed]).catch(async (error: Error) => {
      const outputs = await page.evaluate(() => JSON.stringify((window as any).Jupyter.notebook.get_cell(0).output_area.outputs).slice(0, 2000));
      throw new Error(`${error.message}\noutputs: ${outputs}\n${jupyter.log().slice(-2000)}`);
    });
    assert.deepEqual(plotlyServed, ["200"], "plotly.js comes from the local nbextension");
    assert.deepEqual([...hosts], [`127.0.0.1:${port}`], "no other host (no CDN) is asked for anything");

    // Hover the lower-left cell (Emotionality x Expressiveness, drawn at the bottom): Plotly's tooltip shows its value.
    const box = (await page.locator(".persona-talks-plotly .nsewdrag").first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
    await page.mouse.move(box.x + box.width * 0.25 + 2, box.y + box.height * 0.25 + 2);
    const tooltip = page.locator(".persona-talks-plotly .hoverlayer .hovertext");
    await tooltip.first().waitFor({ timeout: 10_000 });
    assert.match(await tooltip.first().textContent() ?? "", /0\.61|0\.12|-0\.43|0\.27|−0\.43/);

    const output = await page.evaluate(() => (window as any).Jupyter.notebook.get_cell(0).output_area.outputs.find((o: any) => o.data?.["application/vnd.plotly.v1+json"]));
    assert.ok(output?.data?.["image/png"], "the output keeps its PNG fallback");
    assert.equal(JSON.stringify(output).includes("uid"), false, "plotly's own trace fields do not leak into the saved output");

    // Saved and opened again: the chart is drawn live from the saved output, not left as its PNG.
    await page.evaluate(() => (window as any).Jupyter.notebook.save_notebook());
    await page.waitForFunction(() => !(window as any).Jupyter.notebook.dirty, undefined, { timeout: 30_000 });
    await page.reload();
    await page.locator(".persona-talks-plotly .main-svg").first().waitFor({ timeout: 60_000 });
  } finally {
    await browser.close();
    await jupyter.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
