import { spawnSync } from "node:child_process";
import { UsageError } from "../errors";

/**
 * The default paper font: metric-compatible with Times New Roman (same glyph widths, so text set for Times fits the
 * same), free, and in Debian (fonts-liberation). TeX Gyre Termes (fonts-texgyre) is the other Times clone.
 */
export const DEFAULT_PAPER_FONT = "Liberation Serif";

/** Families that the PDF can carry when the chosen one is missing, named in the error. */
const SUGGESTED = ["Liberation Serif", "TeX Gyre Termes", "Liberation Sans", "DejaVu Serif", "DejaVu Sans"];

let cachedFamilies: Set<string> | undefined;

/** Font families fontconfig knows (what Chromium can draw and embed), lower-cased; undefined without fc-list. */
export function installedFontFamilies(): Set<string> | undefined {
  if (cachedFamilies) return cachedFamilies;
  const listed = spawnSync("fc-list", [":", "family"], { encoding: "utf8" });
  if (listed.status !== 0 || typeof listed.stdout !== "string") return undefined;
  // A line may name several families ("DejaVu Sans,DejaVu Sans Condensed"); fc-list escapes "-" as "\-".
  const families = listed.stdout
    .split("\n")
    .flatMap((line) => line.split(","))
    .map((family) => family.replace(/\\/g, "").trim().toLowerCase())
    .filter(Boolean);
  cachedFamilies = new Set(families);
  return cachedFamilies;
}

/**
 * Fails unless `family` is installed, so a PDF never silently falls back to another font (Chromium would draw and
 * embed DejaVu instead of a missing Times New Roman without a word).
 */
export function requireInstalledFont(family: string): string {
  const name = family.trim().replace(/^["']|["']$/g, "");
  const families = installedFontFamilies();
  if (!families) {
    throw new UsageError(`cannot check that the font "${name}" is installed: fc-list (fontconfig) is not on the PATH; install fontconfig`);
  }
  if (!families.has(name.toLowerCase())) {
    const available = SUGGESTED.filter((candidate) => families.has(candidate.toLowerCase()));
    throw new UsageError(
      `the font "${name}" is not installed, so it cannot be embedded in the figure. ` +
        (name.toLowerCase() === "times new roman" ? `Times New Roman is not free; "${DEFAULT_PAPER_FONT}" has the same metrics. ` : "") +
        (available.length ? `Installed alternatives: ${available.join(", ")}. ` : "") +
        "Install fonts with `sudo apt-get install fonts-liberation fonts-texgyre`, or pass font: \"<an installed family>\" (`fc-list : family` lists them).",
    );
  }
  return name;
}
