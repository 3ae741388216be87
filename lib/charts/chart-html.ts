import { randomBytes } from "node:crypto";
import { DataError } from "../errors";
import { escapeHtml } from "../text/escape-html";
import { checkFigureSpec, type FigureSpec } from "./figure-spec";
import { bundleKindFor, inlinePlotlyScript, type PlotlyBundleKind } from "./plotly-bundle";

/**
 * How a page gets Plotly: "inline" embeds the bundle (offline, standalone; 1.5 MB for this project's charts,
 * 4.8 MB when a trace needs the full bundle), "none" assumes
 * `window.Plotly` is already there, `{ src }` loads it from a URL you serve (small file, needs that URL).
 */
export type PlotlyInclusion = "inline" | "none" | { src: string };

export interface ChartHtmlOptions {
  includePlotly?: PlotlyInclusion;
  /** <title> of the document; defaults to the chart title without markup. */
  documentTitle?: string;
  /** Which bundle "inline" embeds; defaults to the smallest one that draws the spec. */
  bundle?: PlotlyBundleKind;
}

/** JSON that is safe inside an inline <script>: "<" is escaped so no "</script>" can appear. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function plotlyLoader(inclusion: PlotlyInclusion, bundle: PlotlyBundleKind = "full"): string {
  if (inclusion === "inline") return inlinePlotlyScript(bundle);
  if (inclusion === "none") return "";
  if (inclusion && typeof inclusion.src === "string" && inclusion.src !== "") {
    return `<script type="text/javascript" src="${escapeHtml(inclusion.src)}"></script>`;
  }
  throw new DataError('includePlotly must be "inline", "none" or { src: "<url>" }', { field: "includePlotly" });
}

function plainTitle(spec: FigureSpec): string {
  return spec.layout.title.text.replace(/<[^>]*>/g, "");
}

/**
 * A <div> and the script that draws the chart into it. The script waits up to ~15 s for window.Plotly
 * (an earlier output or a <script src> may still be loading) and otherwise says how to load it.
 */
export function chartFragment(spec: FigureSpec, elementId = "pt-figure-" + randomBytes(6).toString("hex")): string {
  checkFigureSpec(spec);
  const width = spec.layout.width ?? 900;
  const height = spec.layout.height ?? 560;
  const id = scriptJson(elementId);
  return [
    `<div id="${escapeHtml(elementId)}" class="persona-talks-chart" style="width:${width}px;height:${height}px;max-width:100%;"></div>`,
    `<script type="text/javascript">`,
    `(function () {`,
    `  var spec = ${scriptJson({ data: spec.data, layout: spec.layout, config: spec.config ?? {} })};`,
    `  var attempts = 0;`,
    `  function draw() {`,
    `    var element = document.getElementById(${id});`,
    `    if (!element) return;`,
    `    if (window.Plotly && window.Plotly.newPlot) {`,
    `      window.Plotly.newPlot(element, spec.data, spec.layout, spec.config).then(function () {`,
    `        element.setAttribute("data-rendered", "true");`,
    `      });`,
    `    } else if (attempts++ < 150) {`,
    `      setTimeout(draw, 100);`,
    `    } else {`,
    `      element.style.height = "auto";`,
    `      element.textContent = "Plotly is not loaded in this page. Open the exported .html file, or show the chart with showChart(spec), which also carries a static image.";`,
    `    }`,
    `  }`,
    `  draw();`,
    `})();`,
    `</script>`,
  ].join("\n");
}

/** A complete HTML document showing one chart; with the default inline bundle it works offline from a file. */
export function chartToHtml(spec: FigureSpec, options: ChartHtmlOptions = {}): string {
  const loader = plotlyLoader(options.includePlotly ?? "inline", options.bundle ?? bundleKindFor(spec));
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeHtml(options.documentTitle ?? plainTitle(spec))}</title>`,
    loader,
    "</head>",
    '<body style="margin:0;background:white;">',
    chartFragment(spec, "figure"),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
