import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { MissingDataError } from "../errors";
import { projectRoot } from "../paths";
import type { FigureSpec } from "./figure-spec";

/**
 * "cartesian" (~1.5 MB) draws every chart this project makes and loads ~3x faster than "full" (~4.8 MB),
 * which adds maps, 3D and the rest; a spec with any other trace type gets "full" automatically.
 */
export type PlotlyBundleKind = "cartesian" | "full";

const PACKAGES: Record<PlotlyBundleKind, string[]> = {
  cartesian: ["plotly.js-cartesian-dist-min"],
  full: ["plotly.js-dist-min"],
};

/** Trace types in plotly.js-cartesian-dist-min (from its README). */
export const CARTESIAN_TRACE_TYPES = new Set([
  "bar",
  "box",
  "contour",
  "heatmap",
  "histogram",
  "histogram2d",
  "histogram2dcontour",
  "image",
  "pie",
  "scatter",
  "scatterternary",
  "violin",
]);

const cachedPath = new Map<PlotlyBundleKind, string>();
const cachedSource = new Map<PlotlyBundleKind, string>();

function resolverBases(): string[] {
  const bases: string[] = [];
  try {
    bases.push(join(projectRoot(), "package.json"));
  } catch {
    // Outside a checkout (e.g. a copied notebook): fall back to the working directory.
  }
  bases.push(join(process.cwd(), "package.json"));
  return bases;
}

/** The smallest bundle that can draw every trace of the given specs. */
export function bundleKindFor(specs: FigureSpec | FigureSpec[]): PlotlyBundleKind {
  const list = Array.isArray(specs) ? specs : [specs];
  return list.every((spec) => spec.data.every((trace) => CARTESIAN_TRACE_TYPES.has(trace.type))) ? "cartesian" : "full";
}

/** Path of an installed Plotly browser bundle. */
export function plotlyBundlePath(kind: PlotlyBundleKind = "full"): string {
  const cached = cachedPath.get(kind);
  if (cached) return cached;
  for (const base of resolverBases()) {
    const resolve = createRequire(base).resolve;
    for (const name of PACKAGES[kind]) {
      try {
        const path = resolve(name);
        cachedPath.set(kind, path);
        return path;
      } catch {
        // try the next candidate
      }
    }
  }
  throw new MissingDataError(PACKAGES[kind][0], "this Plotly bundle is not installed; run `npm ci` in the persona-talks folder");
}

/**
 * The bundle's source, safe inside an inline <script> element (a literal "</script" would end it early).
 * Read once per process.
 */
export function plotlyBundleSource(kind: PlotlyBundleKind = "full"): string {
  let source = cachedSource.get(kind);
  if (source === undefined) {
    source = readFileSync(plotlyBundlePath(kind), "utf8").replace(/<\/script/gi, "<\\/script");
    cachedSource.set(kind, source);
  }
  return source;
}

/** A <script> element holding a whole bundle (works offline). */
export function inlinePlotlyScript(kind: PlotlyBundleKind = "full"): string {
  return `<script type="text/javascript">${plotlyBundleSource(kind)}</script>`;
}
