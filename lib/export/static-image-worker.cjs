// Worker thread behind lib/export/static-image.ts: owns one headless Chromium with Plotly loaded and renders
// chart specs to PNG/SVG on request. Plain CommonJS on purpose: it is started by path from a tsx process and from
// the esbuild bundle a tslab notebook loads, and neither can hand a .ts file to a worker.
// Protocol: the main thread posts { id, type: "render", spec, scale, format, palette, plotlyPath } or { id, type: "close" } on
// `port`, then blocks in Atomics.wait on `flag`; the worker posts the answer on `port` and sets flag[0] = 1.
"use strict";
const { workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");

const { port, flag, executablePath, args, resolveFrom, timeoutMs } = workerData;
const signal = new Int32Array(flag);
const load = createRequire(resolveFrom);
const { chromium } = load("playwright-core");

let browser;
/** One page per Plotly bundle (the cartesian one for this project's charts, the full one for maps and 3D). */
const pages = new Map();
let hostDirectory;

async function plotPage(plotlyPath) {
  const existing = pages.get(plotlyPath);
  if (existing && !existing.isClosed()) return existing;
  if (!browser || !browser.isConnected()) {
    browser = await chromium.launch({ executablePath, args, headless: true, timeout: timeoutMs });
    pages.clear();
  }
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  // Loading the bundle from a file URL is about twice as fast as injecting its text through the protocol.
  hostDirectory = hostDirectory || mkdtempSync(join(tmpdir(), "persona-talks-plotly-"));
  const host = join(hostDirectory, `plotly-${pages.size}.html`);
  writeFileSync(
    host,
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;background:white">' +
      `<div id="figure"></div><script src="${pathToFileURL(plotlyPath).href}"></script></body></html>`,
  );
  await page.goto(pathToFileURL(host).href, { waitUntil: "load" });
  await page.waitForFunction(() => typeof window.Plotly === "object");
  pages.set(plotlyPath, page);
  return page;
}

async function render(request) {
  const target = await plotPage(request.plotlyPath);
  return target.evaluate(
    async ({ figure, scale, format }) => {
      const Plotly = window.Plotly;
      const element = document.getElementById("figure");
      Plotly.purge(element);
      const width = figure.layout.width || 900;
      const height = figure.layout.height || 560;
      element.style.width = `${width}px`;
      element.style.height = `${height}px`;
      await Plotly.newPlot(element, figure.data, figure.layout, Object.assign({}, figure.config || {}, { staticPlot: true }));
      const url = await Plotly.toImage(element, { format, width, height, scale });
      return { url, width, height };
    },
    { figure: request.spec, scale: request.scale, format: request.format },
  );
}

/** sharp, loaded on the first palette PNG; null when it cannot be loaded (the full-colour PNG is kept then). */
let sharp;

/**
 * The same picture as a palette PNG (libimagequant through sharp: at most 256 colours, no dithering, at full quality),
 * about a quarter of the bytes of Chromium's RGBA PNG for a chart: flat fills, text and a colour scale need no more
 * colours than that. Keeps the original when sharp is missing or the palette file would not be smaller.
 */
async function paletted(url) {
  if (sharp === undefined) {
    try {
      sharp = load("sharp");
    } catch {
      sharp = null;
    }
  }
  if (!sharp) return url;
  const comma = url.indexOf(",");
  const original = Buffer.from(url.slice(comma + 1), "base64");
  const smaller = await sharp(original).png({ palette: true, quality: 100, colours: 256, dither: 0, effort: 10, compressionLevel: 9 }).toBuffer();
  return smaller.length < original.length ? `data:image/png;base64,${smaller.toString("base64")}` : url;
}

async function close() {
  const open = browser;
  browser = undefined;
  pages.clear();
  if (open) await open.close().catch(() => undefined);
  if (hostDirectory) rmSync(hostDirectory, { recursive: true, force: true });
  hostDirectory = undefined;
}

function answer(message) {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on("message", async (request) => {
  try {
    if (request.type === "close") {
      await close();
      answer({ id: request.id, closed: true });
      port.close();
      return;
    }
    const image = await render(request);
    if (request.format === "png" && request.palette) image.url = await paletted(image.url);
    answer({ id: request.id, image });
  } catch (error) {
    answer({ id: request.id, error: error && error.message ? error.message : String(error) });
  }
});
