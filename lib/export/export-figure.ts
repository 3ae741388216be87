import { extname } from "node:path";
import { UsageError } from "../errors";
import { checkFigureSpec, type FigureSpec } from "../charts/figure-spec";
import { fitLayout } from "../charts/fit-layout";
import { withFigureExporter, type ExportFormat, type FigureExporter } from "./figure-exporter";
import { toCssPixels, toInches, toPoints, type SizeUnit } from "./figure-size";
import { DEFAULT_PAPER_FONT, requireInstalledFont } from "./fonts";
import { reusesSessionBrowser, sessionFigureExporter } from "./session-exporter";

/** Format, size, fonts and resolution of one exported figure (`exportFigure`). */
export interface ExportFigureOptions {
  /** Printed width and height in `units`; default: the chart's own size in px (900 x 560 for most charts). */
  width?: number;
  height?: number;
  /** "cm", "in" or "px" (CSS pixels, 1/96 in); default "px". */
  units?: SizeUnit;
  /** PNG only: pixels per CSS pixel; default 300 dpi (3.125) for cm/in sizes, 2 for px sizes. */
  scale?: number;
  /** Font family of all text; default "Liberation Serif" (Times New Roman's metrics). Must be installed. */
  font?: string;
  /** Body text size in pt; default 8 pt up to 10 cm wide, else 9 pt. */
  fontSize?: number;
  /** false keeps the chart's screen layout (only the font and size change); default: laid out for print (fitLayout). */
  fit?: boolean;
  /**
   * An open exporter to reuse its browser (many figures); default: inside a notebook kernel the session's browser
   * (started once, reused, closed with the kernel: see sessionFigureExporter), elsewhere one started and closed for
   * this call.
   */
  exporter?: FigureExporter;
}

/** What `exportFigure` wrote: the file, its format and its printed size. */
export interface ExportedFigure {
  path: string;
  format: ExportFormat;
  /** The page (PDF) or drawing size in PDF points. */
  widthPt: number;
  heightPt: number;
  /** The layout size in CSS pixels (what Plotly drew). */
  widthPx: number;
  heightPx: number;
  font: string;
}

const FORMATS: Record<string, ExportFormat> = { ".pdf": "pdf", ".svg": "svg", ".png": "png", ".html": "html" };

/**
 * Writes ONE figure to ONE file, the format taken from the extension (.pdf, .svg, .png, .html), at a physical size:
 * `exportFigure(spec, "out/fig5.pdf", sizes.aclColumn)` gives a 7.7 cm (218.3 pt) wide PDF page with the font
 * embedded. The layout adapts to the size (fitLayout). Fails, writing nothing, when the font is not installed or no
 * Chromium is found (HTML needs neither). Accepts a spec or a named figure of an analysis (`rq2.figures[0]`).
 */
export async function exportFigure(figure: FigureSpec | { spec: FigureSpec }, path: string, options: ExportFigureOptions = {}): Promise<ExportedFigure> {
  const spec = checkFigureSpec("spec" in figure && !("data" in figure) ? figure.spec : (figure as FigureSpec), "exportFigure");
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) throw new UsageError(`exportFigure writes .pdf, .svg, .png or .html; "${path}" has none of these extensions`);
  const units = options.units ?? "px";
  const width = options.width ?? (units === "px" ? spec.layout.width ?? 900 : undefined);
  const height = options.height ?? (units === "px" ? spec.layout.height ?? 560 : undefined);
  if (width === undefined || height === undefined) throw new UsageError(`exportFigure needs both width and height in ${units} (e.g. sizes.aclColumn)`);
  const widthPx = toCssPixels(width, units);
  const heightPx = toCssPixels(height, units);
  const font = format === "html" ? options.font ?? DEFAULT_PAPER_FONT : requireInstalledFont(options.font ?? DEFAULT_PAPER_FONT);

  const sized: FigureSpec =
    options.fit === false
      ? { ...spec, layout: { ...spec.layout, width: Math.round(widthPx), height: Math.round(heightPx), font: { ...(spec.layout.font as object), family: font } } }
      : fitLayout(spec, { width: widthPx, height: heightPx, fontFamily: font, fontSizePt: options.fontSize });
  const scale = options.scale ?? (units === "px" ? 2 : 300 / 96);
  if (!(scale > 0)) throw new UsageError(`scale must be a positive number, got ${String(options.scale)}`);

  const given = options.exporter ?? (reusesSessionBrowser() ? await sessionFigureExporter() : undefined);
  return withFigureExporter({ exporter: given, log: () => undefined }, async (exporter) => {
    const written = await exporter.exportFile(sized, path, format, {
      pageInches: { width: toInches(width, units), height: toInches(height, units) },
      pngScale: scale,
    });
    return { path: written, format, widthPt: toPoints(width, units), heightPt: toPoints(height, units), widthPx: sized.layout.width!, heightPx: sized.layout.height!, font };
  });
}
