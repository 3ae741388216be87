import type { Page } from "playwright-core";
import { escapeHtml } from "../text/escape-html";

/** Id of the element that wraps a fragment; PNG and PDF are cropped to it. */
export const EXPORT_ROOT_ID = "export-root";

/**
 * Wraps a fragment (SVG, a case-study view) in a bare white document, inside a shrink-to-fit element that
 * PNG and PDF are cropped to; a full document is returned as is (and exported whole).
 */
export function htmlDocument(content: string, title: string): string {
  if (/^\s*(<!doctype html|<html[\s>])/i.test(content)) return content;
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    "<style>@page { margin: 0; } html, body { margin: 0; padding: 0; background: white; } svg { display: block; }</style>",
    "</head>",
    "<body>",
    `<div id="${EXPORT_ROOT_ID}" style="display:inline-block;vertical-align:top;">`,
    content,
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * Loads a document (its text, or a file:// URL, which is faster for large pages such as ones with Plotly
 * inline) and waits until every chart drawn by chartFragment/chartToHtml is drawn.
 */
export async function loadDocument(page: Page, source: { html: string } | { url: string }): Promise<void> {
  if ("url" in source) await page.goto(source.url, { waitUntil: "load" });
  else await page.setContent(source.html, { waitUntil: "load" });
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll(".persona-talks-chart")).every((element) => element.getAttribute("data-rendered") === "true"),
  );
}

/**
 * Prints the loaded page as a one-page PDF exactly as large as its content (the export root of a wrapped
 * fragment, else the whole page) or `size`, so a figure lands in the PDF without margins or white space.
 */
export async function printToPdf(page: Page, size?: { width: number; height: number } | { widthInches: number; heightInches: number }): Promise<Buffer> {
  if (size && "widthInches" in size) {
    // A physical size is kept exact (7.7 cm is 218.27 pt), not rounded up to whole pixels.
    return page.pdf({
      width: `${size.widthInches}in`,
      height: `${size.heightInches}in`,
      printBackground: true,
      margin: { top: "0in", right: "0in", bottom: "0in", left: "0in" },
      pageRanges: "1",
    });
  }
  const measured =
    size ??
    (await page.evaluate((rootId) => {
      const root = document.getElementById(rootId);
      if (root) {
        const box = root.getBoundingClientRect();
        return { width: box.right, height: box.bottom };
      }
      return {
        width: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
        height: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
      };
    }, EXPORT_ROOT_ID));
  // One extra pixel keeps rounding from pushing the last line onto a second page.
  const width = Math.ceil(measured.width) + 1;
  const height = Math.ceil(measured.height) + 1;
  return page.pdf({
    width: `${width}px`,
    height: `${height}px`,
    printBackground: true,
    margin: { top: "0px", right: "0px", bottom: "0px", left: "0px" },
    pageRanges: "1",
  });
}
