import { createRequire } from "node:module";
import { join } from "node:path";
import { projectRoot } from "../paths";
import { chartFragment, plotlyLoader, type PlotlyInclusion } from "./chart-html";
import { bundleKindFor, type PlotlyBundleKind } from "./plotly-bundle";
import type { FigureSpec } from "./figure-spec";

/** The part of tslab's `display` that is used here; pass your own to render elsewhere (or in tests). */
export interface HtmlDisplay {
  html(html: string): void;
}

export interface ShowChartOptions {
  /**
   * "auto" (default): the first chart shown in this kernel session carries the inline Plotly bundle
   * (~1.5 MB in that one output; 4.8 MB if a chart needs traces beyond the cartesian bundle), later ones
   * reuse window.Plotly. "inline" forces the bundle (e.g. after
   * reloading the page), "none" never includes it, `{ src }` loads it from a URL the notebook server serves.
   */
  plotly?: "auto" | PlotlyInclusion;
  display?: HtmlDisplay;
}

let includedBundle: PlotlyBundleKind | undefined;

declare const require: ((id: string) => unknown) | undefined;

/**
 * tslab's display. Inside a tslab kernel the library is compiled to CommonJS and tslab hooks `require("tslab")`
 * to hand out the kernel's own instance (the only one wired to the notebook); loading lazily also keeps the
 * CLI and tests from paying for tslab's TypeScript compiler.
 */
function tslabDisplay(): HtmlDisplay {
  const load = typeof require === "function" ? require : createRequire(join(projectRoot(), "package.json"));
  const tslab = load("tslab") as { display: HtmlDisplay };
  return tslab.display;
}

/** Forget that the bundle was sent, so the next "auto" chart includes it again (e.g. after a page reload). */
export function resetPlotlyInclusion(): void {
  includedBundle = undefined;
}

/** The HTML that showChart sends for this spec, advancing the once-per-session bundle state. */
export function notebookChartHtml(spec: FigureSpec, plotly: "auto" | PlotlyInclusion = "auto"): string {
  const needed = bundleKindFor(spec);
  let inclusion: PlotlyInclusion;
  if (plotly === "auto") {
    inclusion = includedBundle === "full" || includedBundle === needed ? "none" : "inline";
  } else {
    inclusion = plotly;
  }
  const html = plotlyLoader(inclusion, needed) + chartFragment(spec);
  // A { src } URL is assumed to serve the full bundle.
  if (inclusion === "inline") includedBundle = includedBundle === "full" ? "full" : needed;
  else if (inclusion !== "none") includedBundle = "full";
  return html;
}

/** Draws a chart spec inline in a tslab notebook (Jupyter Notebook or JupyterLab; the notebook must be trusted). */
export function showChart(spec: FigureSpec, options: ShowChartOptions = {}): void {
  const html = notebookChartHtml(spec, options.plotly ?? "auto");
  (options.display ?? tslabDisplay()).html(html);
}

/** Shows an HTML fragment (e.g. caseStudyHtml) inline in a tslab notebook. */
export function showHtml(html: string, options: { display?: HtmlDisplay } = {}): void {
  (options.display ?? tslabDisplay()).html(html);
}
