import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The SVG of a one-page PDF with every glyph drawn as an outline (`pdftocairo -svg`, poppler-utils): a print SVG
 * that looks the same on any machine, font installed or not, where Plotly's SVG only names its font. Undefined when
 * pdftocairo is not installed (then the caller embeds the font instead, see embedFontFaces).
 */
export function svgWithOutlinedText(pdf: Uint8Array): string | undefined {
  const folder = mkdtempSync(join(tmpdir(), "persona-talks-svg-"));
  try {
    writeFileSync(join(folder, "figure.pdf"), pdf);
    const run = spawnSync("pdftocairo", ["-svg", join(folder, "figure.pdf"), join(folder, "figure.svg")], { encoding: "utf8" });
    if (run.error || run.status !== 0) return undefined;
    return readFileSync(join(folder, "figure.svg"), "utf8");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The font file fontconfig picks for a family and style ("Regular", "Bold"), or undefined. */
function fontFile(family: string, style: string): string | undefined {
  const run = spawnSync("fc-match", ["-f", "%{file}", `${family}:style=${style}`], { encoding: "utf8" });
  return run.status === 0 && run.stdout.trim() ? run.stdout.trim() : undefined;
}

/**
 * Plotly's SVG with the font's regular and bold faces embedded (`@font-face` with the font file as a data URL):
 * the fallback of svgWithOutlinedText when pdftocairo is missing. Larger (the whole font), but self-contained.
 */
export function embedFontFaces(svg: string, family: string): string {
  const faces = (["Regular", "Bold"] as const)
    .map((style) => {
      const file = fontFile(family, style);
      if (!file) return "";
      const format = file.endsWith(".otf") ? "opentype" : "truetype";
      return `@font-face{font-family:"${family}";font-weight:${style === "Bold" ? 700 : 400};src:url(data:font/${format === "opentype" ? "otf" : "ttf"};base64,${readFileSync(file).toString("base64")}) format("${format}");}`;
    })
    .join("");
  return faces ? svg.replace(/(<svg[^>]*>)/, `$1<style>${faces}</style>`) : svg;
}
