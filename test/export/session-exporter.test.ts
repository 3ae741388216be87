import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { correlationHeatmap } from "../../lib/charts/index";
import { exportFigure, findChromium, reusesSessionBrowser, sessionFigureExporter, sizes } from "../../lib/export/index";

// Inside a notebook kernel, exportFigure reuses one browser per session: the first export starts it, later ones
// take well under a second (issue: "exporting a figure after the first takes at most 1 s").
const chromium = findChromium();

test("exportFigure reuses the session's browser inside a tslab kernel, and only there", { skip: chromium.executablePath ? false : `no Chromium (${chromium.reason})`, timeout: 180_000 }, async () => {
  assert.equal(reusesSessionBrowser(), false, "a script or test is no kernel: one browser per call, closed after it");
  const directory = mkdtempSync(join(tmpdir(), "persona-talks-session-export-"));
  const argv = process.argv;
  // What inTslabKernel() looks for: the kernel runs as `node .../tslab/... kernel`.
  process.argv = [...argv, "/usr/lib/node_modules/tslab/bin/tslab"];
  try {
    assert.equal(reusesSessionBrowser(), true);
    const spec = correlationHeatmap({ rows: ["Emotionality", "Openness"], columns: ["Expressiveness", "Preciseness"], values: [[0.1, -0.4], [0.6, 0.2]], title: "Session export", simulated: false });
    const times: number[] = [];
    for (const name of ["a.pdf", "b.pdf", "c.png"]) {
      const started = performance.now();
      await exportFigure(spec, join(directory, name), sizes.aclColumn);
      times.push(performance.now() - started);
      assert.ok(existsSync(join(directory, name)));
    }
    const exporter = await sessionFigureExporter();
    assert.ok(exporter.profileDirectory && existsSync(exporter.profileDirectory), "the session's browser is still open after the exports");
    assert.equal(await sessionFigureExporter(), exporter, "one exporter per process");
    console.log(`exportFigure: first ${times[0].toFixed(0)} ms, then ${times.slice(1).map((time) => time.toFixed(0)).join(" ms, ")} ms`);
    // Generous for a loaded CI machine; the reused browser's exports are measured at ~0.2-0.4 s on an idle one.
    assert.ok(Math.max(...times.slice(1)) < Math.max(2000, times[0] / 2), `later exports reuse the browser: ${times.map((time) => time.toFixed(0)).join(", ")} ms`);
    await exporter.close();
  } finally {
    process.argv = argv;
    rmSync(directory, { recursive: true, force: true });
  }
});
