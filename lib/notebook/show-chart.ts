import { createRequire } from "node:module";
import { join } from "node:path";
import { projectRoot } from "../paths";
import { sessionImageRenderer, type StaticImage, type StaticImageRenderer } from "../export/static-image";
import { checkFigureSpec, type FigureSpec } from "../charts/figure-spec";

/** The MIME type JupyterLab, Notebook 7, VS Code and nteract draw as an interactive Plotly chart. */
export const PLOTLY_MIME_TYPE = "application/vnd.plotly.v1+json";

/** One Jupyter display_data message's content: every representation of one output, the front end picks one. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}

/** Where a bundle goes; the default is the tslab kernel's current cell. */
export type DisplaySink = (bundle: DisplayBundle) => void;

/** The part of tslab's `display` that is used for HTML outputs; pass your own to render elsewhere (or in tests). */
export interface HtmlDisplay {
  html(html: string): void;
}

export interface ShowChartOptions {
  /** Where the bundle goes (tests, other kernels); default: the current tslab cell. */
  sink?: DisplaySink;
  /**
   * Draws the static image; default: one headless Chromium per kernel session. `null` sends the Plotly JSON only
   * (interactive front ends still draw it; GitHub and nbconvert HTML then show the text line).
   */
  renderer?: Pick<StaticImageRenderer, "render" | "problem"> | null;
}

function plainTitle(spec: FigureSpec): string {
  return spec.layout.title.text.replace(/<[^>]*>/g, "").trim();
}

/**
 * The display bundle of one chart: the Plotly JSON (interactive where a Plotly renderer exists) plus a static
 * image for every other viewer (classic Notebook 6, GitHub, nbconvert HTML, an untrusted notebook), and a text line.
 * No text/html and no plotly.js inside: each output stands alone, so a re-run cell or a saved notebook still shows it,
 * and the classic Notebook, which knows no Plotly MIME type, falls through to the image.
 */
export function chartDisplayBundle(spec: FigureSpec, image?: StaticImage): DisplayBundle {
  checkFigureSpec(spec);
  const data: Record<string, unknown> = {
    [PLOTLY_MIME_TYPE]: { data: spec.data, layout: spec.layout, config: spec.config ?? {} },
    "text/plain": `Plotly chart: ${plainTitle(spec)}`,
  };
  const metadata: Record<string, unknown> = {};
  if (image) {
    data[image.mimeType] = image.data;
    // Shown at its CSS size (the PNG is drawn at 1x, the figure's own width and height).
    metadata[image.mimeType] = { width: image.width, height: image.height };
  }
  return { data, metadata, transient: {} };
}

declare const require: (((id: string) => unknown) & { cache?: Record<string, { exports?: unknown } | undefined> }) | undefined;

type TslabJupyter = { lastWriteDisplayData: ((content: DisplayBundle, update: boolean) => void) | null };

/**
 * The running tslab kernel's `jupyter` module. tslab's public `display.raw` sends one MIME type per output, so a bundle
 * goes through `lastWriteDisplayData` (the writer of the cell being executed), an internal of tslab; package.json
 * pins tslab's exact version and test/charts/show-chart.test.ts checks the route. The loaded copy holding a live
 * writer is preferred, in case the kernel runs from another tslab install than the library resolves.
 */
function tslabJupyter(): TslabJupyter {
  const load = typeof require === "function" ? require : createRequire(join(projectRoot(), "package.json"));
  const cache = (load as { cache?: Record<string, { exports?: unknown } | undefined> }).cache ?? {};
  for (const [path, module] of Object.entries(cache)) {
    const exports = module?.exports as TslabJupyter | undefined;
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(path) && typeof exports?.lastWriteDisplayData === "function") return exports;
  }
  return load("tslab/dist/jupyter") as TslabJupyter;
}

/** Sends a bundle to the cell being executed in a tslab kernel. */
export function sendToTslab(bundle: DisplayBundle): void {
  const write = tslabJupyter().lastWriteDisplayData;
  if (typeof write !== "function") {
    throw new Error("showChart works inside a tslab notebook kernel; in a script, write the figure with exportFigure(spec, \"out/figure.pdf\")");
  }
  write(bundle, false);
}

const WARNED_KEY = Symbol.for("persona-talks.static-image-warned");

/**
 * Draws a chart in a tslab notebook cell as one display bundle (Plotly JSON + static PNG). Synchronous: a cell needs
 * no `await`. The first chart of a kernel session starts a headless Chromium (a few seconds), later ones take about
 * a second. Without Chromium it says so once and sends the Plotly JSON only.
 */
export function showChart(spec: FigureSpec, options: ShowChartOptions = {}): void {
  const renderer = options.renderer === undefined ? sessionImageRenderer() : options.renderer;
  const image = renderer?.render(spec) ?? undefined;
  if (renderer && !image && renderer.problem) {
    const holder = globalThis as unknown as Record<symbol, string | undefined>;
    if (holder[WARNED_KEY] !== renderer.problem) {
      holder[WARNED_KEY] = renderer.problem;
      console.warn(`${renderer.problem}\nCharts are sent as Plotly JSON only: JupyterLab, Notebook 7 and VS Code draw them; the classic Notebook, GitHub and nbconvert HTML show no image.`);
    }
  }
  (options.sink ?? sendToTslab)(chartDisplayBundle(spec, image));
}

/**
 * tslab's display for HTML outputs. Inside a tslab kernel the library is compiled to CommonJS; loading lazily also
 * keeps the CLI and tests from paying for tslab's TypeScript compiler.
 */
function tslabDisplay(): HtmlDisplay {
  const load = typeof require === "function" ? require : createRequire(join(projectRoot(), "package.json"));
  const tslab = load("tslab") as { display: HtmlDisplay };
  return tslab.display;
}

/** Shows an HTML fragment (e.g. caseStudyHtml) inline in a tslab notebook. */
export function showHtml(html: string, options: { display?: HtmlDisplay } = {}): void {
  (options.display ?? tslabDisplay()).html(html);
}
