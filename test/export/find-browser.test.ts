import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { strategyDistribution } from "../../lib/charts/index";
import { CHROMIUM_ENV, createFigureExporter, exportFigureSet, exportHtmlDocument, findChromium } from "../../lib/export/index";

let directory: string;

before(() => {
  directory = mkdtempSync(join(tmpdir(), "persona-talks-find-browser-"));
});

after(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("findChromium", () => {
  it("uses the environment variable when it names an executable", () => {
    const fake = join(directory, "my-chrome");
    writeFileSync(fake, "#!/bin/sh\n");
    chmodSync(fake, 0o755);
    assert.equal(findChromium({ [CHROMIUM_ENV]: fake, PATH: "" }).executablePath, fake);
  });

  it("reports a bad environment variable instead of falling back to the PATH", () => {
    const lookup = findChromium({ [CHROMIUM_ENV]: "/nonexistent/chromium", PATH: "/usr/bin:/bin" });
    assert.equal(lookup.executablePath, undefined);
    assert.match(lookup.reason, /\/nonexistent\/chromium/);
  });

  it("searches the PATH in order and skips non-executable files", () => {
    writeFileSync(join(directory, "chromium"), "not executable");
    chmodSync(join(directory, "chromium"), 0o644);
    const bin = mkdtempSync(join(directory, "bin-"));
    writeFileSync(join(bin, "google-chrome"), "#!/bin/sh\n");
    chmodSync(join(bin, "google-chrome"), 0o755);
    const lookup = findChromium({ PATH: `${directory}:${bin}` });
    assert.equal(lookup.executablePath, join(bin, "google-chrome"));
  });

  it("finds nothing on an empty PATH", () => {
    const lookup = findChromium({ PATH: "" });
    assert.equal(lookup.executablePath, undefined);
    assert.match(lookup.reason, /not set/);
  });
});

describe("export without a browser", () => {
  const spec = strategyDistribution({
    conditions: ["a", "b"],
    strategies: ["Question", "Others"],
    shares: [
      [0.5, 0.5],
      [0.2, 0.8],
    ],
    title: "No browser",
    simulated: true,
  });
  let saved: string | undefined;

  before(() => {
    saved = process.env[CHROMIUM_ENV];
    process.env[CHROMIUM_ENV] = "/nonexistent";
  });

  after(() => {
    if (saved === undefined) delete process.env[CHROMIUM_ENV];
    else process.env[CHROMIUM_ENV] = saved;
  });

  it("still writes the standalone HTML and says how to get PNG/SVG/PDF, once", async () => {
    const messages: string[] = [];
    const exporter = await createFigureExporter({ log: (message) => messages.push(message) });
    assert.equal(exporter.executablePath, undefined);
    const base = join(directory, "figures", "strategies");
    const result = await exporter.export(spec, base, ["html", "png", "svg", "pdf"]);
    const second = await exporter.export(spec, `${base}-again`, ["png"]);
    await exporter.close();

    assert.equal(result.written.html, `${base}.html`);
    assert.ok(readFileSync(`${base}.html`, "utf8").includes("window.Plotly = Plotly;"));
    assert.deepEqual(result.skipped, ["png", "svg", "pdf"]);
    for (const format of ["png", "svg", "pdf"]) assert.ok(!existsSync(`${base}.${format}`));
    assert.match(result.message ?? "", /apt-get install chromium/);
    assert.match(result.message ?? "", /PERSONA_TALKS_CHROMIUM/);
    assert.match(result.message ?? "", /\/nonexistent/);
    assert.deepEqual(second.skipped, ["png"]);
    assert.equal(messages.length, 1, "the message is printed once per exporter, and returned every time");
  });

  it("writes HTML-only for a case-study document too", async () => {
    const base = join(directory, "case");
    const result = await exportHtmlDocument("<p>hello</p>", base, ["html", "png", "pdf"], { log: () => undefined });
    assert.match(readFileSync(`${base}.html`, "utf8"), /<!DOCTYPE html>[\s\S]*<p>hello<\/p>/);
    assert.deepEqual(result.skipped, ["png", "pdf"]);
    assert.match(result.message ?? "", /apt-get install chromium/);
  });

  it("exports a named set of figures into one folder and reports the advice once", async () => {
    const folder = join(directory, "set");
    const progress: string[] = [];
    const logged: string[] = [];
    const result = await exportFigureSet({ first: spec, second: spec }, folder, ["html", "pdf"], {
      log: (message) => logged.push(message),
      onProgress: (done, total, name) => progress.push(`${done}/${total} ${name}`),
    });
    assert.deepEqual(progress, ["1/2 first", "2/2 second"]);
    assert.ok(existsSync(join(folder, "first.html")) && existsSync(join(folder, "second.html")));
    assert.deepEqual(result.results.second.skipped, ["pdf"]);
    assert.match(result.message ?? "", /apt-get install chromium/);
    assert.equal(logged.length, 1);
    await assert.rejects(exportFigureSet({ "../escape": spec }, folder, ["html"]), /not a plain file name/);
  });

  it("rejects an unknown format", async () => {
    const exporter = await createFigureExporter({ log: () => undefined });
    await assert.rejects(exporter.export(spec, join(directory, "x"), ["jpeg" as never]), /unknown export format "jpeg"/);
    await exporter.close();
  });
});
