import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { UsageError } from "../errors";
import { projectRoot } from "../paths";
import { chartToHtml, type PlotlyInclusion } from "../charts/chart-html";
import { checkFigureSpec, type FigureSpec } from "../charts/figure-spec";
import { bundleKindFor, plotlyBundlePath, type PlotlyBundleKind } from "../charts/plotly-bundle";
import { findChromium, noBrowserMessage } from "./find-browser";
import { setPdfPageSize } from "./pdf-page-size";
import { embedFontFaces, svgWithOutlinedText } from "./svg-outlines";
import { EXPORT_ROOT_ID, htmlDocument, loadDocument, printToPdf } from "./html-page";
import { makeDirectory } from "../files/make-directory";

let playwright: typeof import("playwright-core") | undefined;

/**
 * playwright-core, loaded on first launch: it takes a second to load and a dry run never starts a browser. A
 * require (not import()) keeps the notebook bundle free of dynamic imports, which tsx would otherwise re-compile,
 * losing the bundle's source map.
 */
function loadPlaywright(): typeof import("playwright-core") {
  playwright ??= createRequire(join(projectRoot(), "package.json"))("playwright-core") as typeof import("playwright-core");
  return playwright;
}

export type ExportFormat = "html" | "png" | "svg" | "pdf";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["html", "png", "svg", "pdf"];

export interface ExportResult {
  /** Path written per format. */
  written: Partial<Record<ExportFormat, string>>;
  /** Formats asked for but not written (no browser, or not possible for this input). */
  skipped: ExportFormat[];
  /** Set when something was skipped: says why and how to get it. */
  message?: string;
}

export interface FigureExporterOptions {
  /** Overrides the lookup (PERSONA_TALKS_CHROMIUM, then PATH). */
  executablePath?: string;
  /** PNG pixel ratio; 2 gives print-quality raster (default 2). */
  pngScale?: number;
  /** How the .html files get Plotly: "inline" (default: standalone, offline, ~4.8 MB each) or { src: url }. */
  htmlPlotly?: PlotlyInclusion;
  /** Where the once-only "no browser" message goes (default console.warn); return values carry it too. */
  log?: (message: string) => void;
  /** Per-step browser timeout in ms (default 60000). */
  timeoutMs?: number;
}

export interface FigureExporter {
  /** The Chromium used, or undefined when none is available (then only HTML is written). */
  readonly executablePath: string | undefined;
  /** The browser's throwaway profile while it runs (removed by close). */
  readonly profileDirectory: string | undefined;
  /** Writes `${basePath}.html` always, plus each requested format (extension added). */
  export(spec: FigureSpec, basePath: string, formats?: readonly ExportFormat[]): Promise<ExportResult>;
  /**
   * Writes ONE file in one format (nothing else), for exportFigure: a PDF page of exactly `pageInches` (the SVG
   * scaled onto it) and a PNG at `pngScale` pixels per CSS pixel. Throws when no browser is usable.
   */
  exportFile(spec: FigureSpec, path: string, format: ExportFormat, options?: { pageInches?: { width: number; height: number }; pngScale?: number }): Promise<string>;
  /**
   * Writes an HTML fragment or document as `.html`, and `.png` (screenshot) / `.pdf` when asked. With
   * `widthInches` the fragment is laid out at that printed width (CSS px are 1/96 in, so 13px text prints at 9.75 pt)
   * and the PDF page is exactly that wide and as tall as the content.
   */
  exportHtml(html: string, basePath: string, formats?: readonly ExportFormat[], options?: { widthInches?: number }): Promise<ExportResult>;
  /** Closes the browser and removes its temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

/** Flags for a quiet, offline headless Chromium; the fresh temporary profile is passed as its user data dir. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const SVG_NEEDS_PDFTOCAIRO = "the SVG of an HTML document is its PDF with the text as outlines, which needs pdftocairo (sudo apt-get install poppler-utils); its .png and .pdf are written";

function checkFormats(formats: readonly ExportFormat[]): void {
  for (const format of formats) {
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`unknown export format "${format}" (use ${EXPORT_FORMATS.join(", ")})`);
  }
}

function decodeDataUrl(url: string): Buffer {
  const comma = url.indexOf(",");
  const header = url.slice(0, comma);
  const payload = url.slice(comma + 1);
  return header.endsWith(";base64") ? Buffer.from(payload, "base64") : Buffer.from(decodeURIComponent(payload), "utf8");
}

interface RenderedFigure {
  png?: string;
  svg?: string;
  width: number;
  height: number;
}

/**
 * One headless Chromium, launched on the first export that needs it and reused for every later figure;
 * Plotly is loaded into its page once. Without a browser the exporter still writes standalone HTML.
 */
export async function createFigureExporter(options: FigureExporterOptions = {}): Promise<FigureExporter> {
  const lookup = options.executablePath ? { executablePath: options.executablePath, reason: "given" } : findChromium();
  const executablePath = lookup.executablePath;
  const log = options.log ?? ((message: string) => console.warn(message));
  const timeout = options.timeoutMs ?? 60_000;
  const pngScale = options.pngScale ?? 2;
  let warned = false;
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  const plotPages = new Map<PlotlyBundleKind, Page>();
  let printPage: Page | undefined;
  let closed = false;
  // Exports share one page, so they run one at a time even if the caller starts several at once.
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  // A script that exits without close() must not leave its profile behind in the temp folder.
  const removeProfile = () => {
    if (profile) rmSync(profile, { recursive: true, force: true });
    profile = undefined;
  };
  process.once("exit", removeProfile);

  async function browser(): Promise<BrowserContext> {
    if (closed) throw new UsageError("the figure exporter is closed");
    if (context) return context;
    profile = mkdtempSync(join(tmpdir(), "persona-talks-chromium-"));
    try {
      const { chromium } = loadPlaywright();
      context = await chromium.launchPersistentContext(profile, {
        executablePath: executablePath!,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout,
        viewport: { width: 1200, height: 900 },
        deviceScaleFactor: pngScale,
        offline: true,
      });
    } catch (error) {
      removeProfile();
      throw new Error(`could not start Chromium at ${executablePath}: ${(error as Error).message}`);
    }
    // If the browser dies, forget it: the next export starts a new one instead of failing forever.
    const started = context;
    started.on("close", () => {
      if (context !== started) return;
      context = undefined;
      plotPages.clear();
      printPage = undefined;
      removeProfile();
    });
    return context;
  }

  async function pageForPrinting(): Promise<Page> {
    if (!printPage) {
      printPage = await (await browser()).newPage();
      printPage.setDefaultTimeout(timeout);
    }
    return printPage;
  }

  async function pageWithPlotly(kind: PlotlyBundleKind): Promise<Page> {
    const existing = plotPages.get(kind);
    if (existing) return existing;
    const page = await (await browser()).newPage();
    page.setDefaultTimeout(timeout);
    // Loading the bundle from a file URL is about twice as fast as injecting its text through the protocol.
    const host = join(profile!, `plotly-${kind}.html`);
    writeFileSync(
      host,
      '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;background:white">' +
        `<div id="figure"></div><script src="${pathToFileURL(plotlyBundlePath(kind)).href}"></script></body></html>`,
    );
    await page.goto(pathToFileURL(host).href, { waitUntil: "load" });
    await page.waitForFunction(() => typeof (window as unknown as { Plotly?: unknown }).Plotly === "object");
    plotPages.set(kind, page);
    return page;
  }

  async function render(spec: FigureSpec, wantPng: boolean, wantSvg: boolean, scale = pngScale): Promise<RenderedFigure> {
    const page = await pageWithPlotly(bundleKindFor(spec));
    return page.evaluate(
      async ({ figure, wantPng, wantSvg, pngScale }) => {
        // Runs in the browser: Plotly is the bundle loaded above.
        const Plotly = (window as unknown as { Plotly: any }).Plotly;
        const element = document.getElementById("figure")!;
        Plotly.purge(element);
        const width = figure.layout.width ?? 900;
        const height = figure.layout.height ?? 560;
        element.style.width = `${width}px`;
        element.style.height = `${height}px`;
        await Plotly.newPlot(element, figure.data, figure.layout, { ...(figure.config ?? {}), staticPlot: true });
        const result: { png?: string; svg?: string; width: number; height: number } = { width, height };
        if (wantPng) result.png = await Plotly.toImage(element, { format: "png", width, height, scale: pngScale });
        if (wantSvg) result.svg = await Plotly.toImage(element, { format: "svg", width, height });
        return result;
      },
      { figure: spec as { data: unknown[]; layout: { width?: number; height?: number }; config?: Record<string, unknown> }, wantPng, wantSvg, pngScale: scale },
    );
  }

  function skippedResult(written: ExportResult["written"], skipped: ExportFormat[]): ExportResult {
    if (!skipped.length) return { written, skipped };
    const message = noBrowserMessage(lookup.reason);
    if (!warned) {
      warned = true;
      log(message);
    }
    return { written, skipped, message };
  }

  function writeOut(basePath: string, format: ExportFormat, content: string | Buffer): string {
    const path = `${basePath}.${format}`;
    makeDirectory(dirname(path));
    writeFileSync(path, content);
    return path;
  }

  async function exportFigure(spec: FigureSpec, basePath: string, formats: readonly ExportFormat[]): Promise<ExportResult> {
    checkFormats(formats);
    checkFigureSpec(spec);
    const written: ExportResult["written"] = {};
    written.html = writeOut(basePath, "html", chartToHtml(spec, { includePlotly: options.htmlPlotly ?? "inline" }));
    const wanted = formats.filter((format) => format !== "html");
    if (!wanted.length) return { written, skipped: [] };
    if (!executablePath) return skippedResult(written, [...new Set(wanted)]);

    const rendered = await render(spec, wanted.includes("png"), wanted.includes("svg") || wanted.includes("pdf"));
    if (rendered.png) written.png = writeOut(basePath, "png", decodeDataUrl(rendered.png));
    const svg = rendered.svg ? decodeDataUrl(rendered.svg).toString("utf8") : undefined;
    if (svg && wanted.includes("svg")) written.svg = writeOut(basePath, "svg", svg);
    if (svg && wanted.includes("pdf")) {
      // The PDF is printed from the SVG, so it stays vector and matches the SVG exactly.
      const page = await pageForPrinting();
      await loadDocument(page, { html: htmlDocument(svg, "figure") });
      const pdf = await printToPdf(page, { width: rendered.width, height: rendered.height });
      written.pdf = writeOut(basePath, "pdf", pdf);
    }
    return { written, skipped: [] };
  }

  async function exportFile(spec: FigureSpec, path: string, format: ExportFormat, fileOptions: { pageInches?: { width: number; height: number }; pngScale?: number } = {}): Promise<string> {
    checkFormats([format]);
    checkFigureSpec(spec);
    const write = (content: string | Buffer) => {
      makeDirectory(dirname(path));
      writeFileSync(path, content);
      return path;
    };
    if (format === "html") return write(chartToHtml(spec, { includePlotly: options.htmlPlotly ?? "inline" }));
    if (!executablePath) throw new UsageError(noBrowserMessage(lookup.reason).replace("The figures were written as standalone HTML only. ", ""));
    const rendered = await render(spec, format === "png", format !== "png", fileOptions.pngScale ?? pngScale);
    if (format === "png") return write(decodeDataUrl(rendered.png!));
    const svg = decodeDataUrl(rendered.svg!).toString("utf8");
    const page = await pageForPrinting();
    const inches = fileOptions.pageInches;
    if (!inches) {
      if (format === "svg") return write(svg);
      await loadDocument(page, { html: htmlDocument(svg, "figure") });
      return write(await printToPdf(page, { width: rendered.width, height: rendered.height }));
    }
    // The vector SVG is stretched by CSS onto the exact physical page (its viewBox keeps the layout).
    const sized = svg.replace(/^<svg /, `<svg preserveAspectRatio="none" style="width:${inches.width}in;height:${inches.height}in" `);
    await loadDocument(page, { html: htmlDocument(sized, "figure") });
    const printed = await printToPdf(page, { widthInches: inches.width, heightInches: inches.height });
    const pdf = await setPdfPageSize(printed, inches.width * 72, inches.height * 72);
    if (format === "pdf") return write(pdf);
    // A print SVG carries its text as glyph outlines (drawn from the PDF), else with its font embedded.
    const family = /font-family:\s*['"]?([^;'",]+)/.exec(svg)?.[1]?.trim();
    return write(svgWithOutlinedText(pdf) ?? (family ? embedFontFaces(svg, family) : svg));
  }

  async function exportHtml(html: string, basePath: string, formats: readonly ExportFormat[], htmlOptions: { widthInches?: number } = {}): Promise<ExportResult> {
    checkFormats(formats);
    const widthInches = htmlOptions.widthInches;
    const fullHtml = htmlDocument(widthInches ? `<div style="width:${widthInches}in">${html}</div>` : html, "figure");
    const written: ExportResult["written"] = {};
    written.html = writeOut(basePath, "html", fullHtml);
    const wanted = formats.filter((format) => format !== "html");
    if (!wanted.length) return { written, skipped: [] };
    if (!executablePath) return skippedResult(written, [...new Set(wanted)]);
    const page = await pageForPrinting();
    // Render the file just written: relative links resolve as they will for the reader, and a large page loads faster.
    await loadDocument(page, { url: pathToFileURL(written.html).href });
    if (wanted.includes("png")) {
      const root = page.locator(`#${EXPORT_ROOT_ID}`);
      const png = (await root.count()) > 0 ? await root.screenshot({ type: "png" }) : await page.screenshot({ fullPage: true, type: "png" });
      written.png = writeOut(basePath, "png", png);
    }
    // The SVG of a document is its PDF page with the glyphs as outlines (as for the charts), so it needs the PDF.
    let pdf: Buffer | undefined;
    if ((wanted.includes("pdf") || wanted.includes("svg")) && widthInches) {
      const heightPx = await page.evaluate((rootId) => (document.getElementById(rootId) ?? document.body).getBoundingClientRect().height, EXPORT_ROOT_ID);
      const heightInches = Math.ceil(heightPx) / 96;
      const printed = await printToPdf(page, { widthInches, heightInches });
      pdf = await setPdfPageSize(printed, widthInches * 72, heightInches * 72);
    } else if (wanted.includes("pdf") || wanted.includes("svg")) pdf = await printToPdf(page);
    if (pdf && wanted.includes("pdf")) written.pdf = writeOut(basePath, "pdf", pdf);
    const svg = pdf && wanted.includes("svg") ? svgWithOutlinedText(pdf) : undefined;
    if (svg) written.svg = writeOut(basePath, "svg", svg);
    return wanted.includes("svg") && !svg ? { written, skipped: ["svg"], message: SVG_NEEDS_PDFTOCAIRO } : { written, skipped: [] };
  }

  return {
    executablePath,
    get profileDirectory() {
      return profile;
    },
    export: (spec, basePath, formats = EXPORT_FORMATS) => serialize(() => exportFigure(spec, basePath, formats)),
    exportFile: (spec, path, format, fileOptions) => serialize(() => exportFile(spec, path, format, fileOptions)),
    exportHtml: (html, basePath, formats = ["html", "png", "pdf"], htmlOptions) => serialize(() => exportHtml(html, basePath, formats, htmlOptions)),
    close: () =>
      serialize(async () => {
        closed = true;
        const open = context;
        context = undefined;
        plotPages.clear();
        printPage = undefined;
        if (open) await open.close().catch(() => undefined);
        removeProfile();
        process.removeListener("exit", removeProfile);
      }),
  };
}

/**
 * Runs `work` with a figure exporter: the one given (`exporter`, left open for its owner), or one started for this
 * work and closed afterwards, also when the work fails. The one place the export lifecycle (browser open, render,
 * close) is written.
 */
export async function withFigureExporter<T>(options: FigureExporterOptions & { exporter?: FigureExporter }, work: (exporter: FigureExporter) => Promise<T>): Promise<T> {
  if (options.exporter) return work(options.exporter);
  const exporter = await createFigureExporter(options);
  try {
    return await work(exporter);
  } finally {
    await exporter.close();
  }
}
