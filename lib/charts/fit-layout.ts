import { checkFigureSpec, SIMULATED_LABEL, type FigureSpec, type PlotlyAnnotation, type PlotlyTrace } from "./figure-spec";

export interface PrintLayoutOptions {
  /** Size in CSS pixels (1/96 in), what Plotly lays out in. */
  width: number;
  height: number;
  /** Font family of every text in the figure. */
  fontFamily: string;
  /** Body text size in pt; default 8 pt up to 10 cm wide (a column), else 9 pt. Titles are 15% larger. */
  fontSizePt?: number;
}

const PX_PER_PT = 96 / 72;
/** The smallest text of a figure laid out for print, in pt. */
export const MINIMUM_TEXT_PT = 7;
/** Average glyph width over font size for Latin text in a Times-like or Helvetica-like font: for wrapping only. */
const GLYPH_WIDTH = 0.45;

/** Breaks text into lines of at most `maxChars` characters at spaces (existing <br> kept), for Plotly labels. */
export function wrapLabel(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/<br\s*\/?>/i)) {
    let line = "";
    // "n = 10" stays on one line; a no-break space (not matched here) keeps words together too.
    for (const word of paragraph.replace(/ = /g, "\u00a0=\u00a0").split(/[ \t\n]+/).filter(Boolean)) {
      const visible = (line + " " + word).replace(/<[^>]*>/g, "").trim();
      if (line && visible.length > maxChars) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The paper's short form of a trait name in narrow tables: its first four letters and a period ("Hone.", "Impr."). */
export function abbreviateLabel(text: string): string {
  const plain = text.replace(/<[^>]*>/g, "").trim();
  return visibleLength(plain) <= 5 ? plain : `${plain.slice(0, 4)}.`;
}

/** Characters a label shows: tags left out, an entity ("&amp;" in "A&amp;R") one character. */
function visibleLength(text: string): number {
  return text.replace(/<[^>]*>/g, "").replace(/&(?:[a-z]+|#\d+);/gi, "x").length;
}

function scaledFont(font: unknown, factor: number, minimumPx: number): Record<string, unknown> | undefined {
  if (!font || typeof font !== "object") return undefined;
  const size = (font as { size?: unknown }).size;
  return typeof size === "number" ? { ...font, size: Math.max(minimumPx, size * factor) } : { ...font };
}

/**
 * Category labels under an x axis for print: level and wrapped at spaces when every word fits its category's
 * width, else turned a full quarter (read bottom to top); never slanted, which takes the most height and puts text
 * across text. Returns the axis settings to add, or nothing for a numeric axis.
 */
function levelCategoryTicks(traces: readonly PlotlyTrace[], axisLayout: Record<string, unknown>, width: number, tickPx: number): Record<string, unknown> {
  if (Array.isArray(axisLayout.ticktext)) return { tickangle: 0 };
  const categories = [...new Set(traces.flatMap((trace) => (trace.orientation === "h" || !Array.isArray(trace.x) ? [] : (trace.x as unknown[]))))];
  if (!categories.length || !categories.every((value) => typeof value === "string")) return {};
  const labels = categories as string[];
  const chars = Math.floor((0.9 * width) / labels.length / (GLYPH_WIDTH * tickPx));
  const longestWord = Math.max(...labels.flatMap((label) => label.replace(/<[^>]*>/g, " ").split(/\s+/)).map((word) => word.length));
  if (longestWord > chars) return { tickangle: -90 };
  return { tickangle: 0, tickvals: labels, ticktext: labels.map((label) => wrapLabel(label, chars).join("<br>")) };
}

/** Breaks a word longer than `maxChars` after its hyphens ("Claude-3.5-Haiku-like" over two lines). */
function breakAtHyphens(word: string, maxChars: number): string[] {
  if (word.length <= maxChars) return [word];
  const parts = word.split(/(?<=-)/);
  const lines: string[] = [];
  let line = "";
  for (const part of parts) {
    if (line && (line + part).length > maxChars) {
      lines.push(line);
      line = part;
    } else line += part;
  }
  return [...lines, line];
}

/**
 * A panel's heading (an annotation centred over one x axis's domain, `xref: "x2 domain"`, anchored at its bottom)
 * wrapped to its panel's printed width, at spaces and, for a long name, after hyphens; else undefined. The plot
 * area is taken as 70% of the figure's width (the rest holds the dimension labels).
 */
function panelHeading(annotation: PlotlyAnnotation, layout: FigureSpec["layout"], width: number, fontPx: number): PlotlyAnnotation | undefined {
  const match = typeof annotation.xref === "string" ? /^x(\d*) domain$/.exec(annotation.xref) : null;
  if (!match || annotation.xanchor !== "center" || annotation.yanchor !== "bottom") return undefined;
  const domain = ((layout[`xaxis${match[1]}`] as { domain?: [number, number] } | undefined)?.domain ?? [0, 1]) as [number, number];
  const chars = Math.max(6, Math.floor((0.7 * width * (domain[1] - domain[0])) / (GLYPH_WIDTH * 1.1 * fontPx)));
  const lines = wrapLabel(annotation.text, chars).flatMap((line) => (/[<\s]/.test(line) ? [line] : breakAtHyphens(line, chars)));
  return { ...annotation, text: lines.join("<br>") };
}

/**
 * The spec laid out for print at a given size: fonts in points (so 8 pt is 8 pt on paper), the title wrapped to the
 * width, the legend in a row above the plot instead of a column beside it, the SIMULATED label above the legend,
 * thin outer margins (axes still grow them for their labels), and in-figure text, markers and colour bars scaled
 * with the font. Pure: returns a new spec. At a single ACL column (7.7 cm) this keeps the plot area at about half the
 * figure's height, where the screen layout left it 77 px.
 */
export function fitLayout(spec: FigureSpec, options: PrintLayoutOptions): FigureSpec {
  const width = Math.round(options.width);
  const height = Math.round(options.height);
  const fontPt = options.fontSizePt ?? (width <= (10 / 2.54) * 96 ? 8 : 9);
  const fontPx = fontPt * PX_PER_PT;
  // Nothing in a printed figure is smaller than 7 pt (the ACL style's smallest readable size).
  const minimumPx = MINIMUM_TEXT_PT * PX_PER_PT;
  const layout = spec.layout;
  const baseFont = (layout.font as { size?: number } | undefined)?.size ?? 13;
  const factor = fontPx / baseFont;

  const titleSize = fontPx * 1.15;
  const titleLines = wrapLabel(layout.title.text, Math.max(12, Math.floor((width - 8) / (GLYPH_WIDTH * titleSize))));
  const legendShown = layout.showlegend === true;

  // The SIMULATED label becomes the title block's last line (red, bold): Plotly then keeps title, label and plot
  // apart by itself (title.automargin), where a floating badge needs room guessed in advance.
  let simulated = false;
  const annotations: PlotlyAnnotation[] = [];
  // A note placed above the plot (a key to the markers) joins the title block as a grey line, so it can never sit
  // on the SIMULATED label or the legend.
  const notesAbove: string[] = [];
  for (const annotation of layout.annotations ?? []) {
    if (annotation.text.includes(SIMULATED_LABEL)) {
      simulated = true;
      continue;
    }
    if (annotation.xref === "paper" && annotation.yref === "paper" && typeof annotation.y === "number" && annotation.y >= 1 && annotation.yanchor === "bottom") {
      notesAbove.push(annotation.text);
      continue;
    }
    annotations.push({ ...annotation, font: scaledFont(annotation.font, factor, minimumPx) ?? { size: Math.max(minimumPx, 12 * factor) } });
  }
  const labelSize = Math.max(minimumPx, fontPx * 0.9);
  // A subtitle (the heatmap's key to * and bold) joins the title block too, in grey: Plotly leaves it out of automargin.
  const subtitleText = [(layout.title as { subtitle?: { text?: string } }).subtitle?.text, ...notesAbove].filter(Boolean).join("<br>") || undefined;
  const subtitleLines = subtitleText
    ? wrapLabel(subtitleText, Math.max(12, Math.floor((width - 8) / (GLYPH_WIDTH * Math.max(minimumPx, fontPx * 0.85))))).map((line) => `<span style="color:#555;font-size:${(Math.ceil(Math.max(minimumPx, fontPx * 0.85) * 10) / 10).toFixed(1)}px">${line}</span>`)
    : [];
  const subtitle = { subtitle: { text: "" } };
  const label = simulated ? [`<span style="color:#b00020;font-size:${(Math.ceil(labelSize * 10) / 10).toFixed(1)}px"><b>${SIMULATED_LABEL}</b></span>`] : [];

  const data: PlotlyTrace[] = spec.data.map((trace) => {
    const next: PlotlyTrace = { ...trace };
    const textfont = scaledFont(trace.textfont, factor, minimumPx);
    if (textfont) next.textfont = textfont;
    const marker = trace.marker as { size?: unknown } | undefined;
    if (marker && typeof marker.size === "number") next.marker = { ...marker, size: Math.max(3, marker.size * Math.max(factor, 0.6)) };
    const colorbar = trace.colorbar as Record<string, unknown> | undefined;
    if (colorbar || trace.type === "heatmap") {
      next.colorbar = { ...(colorbar ?? {}), thickness: Math.max(8, 30 * factor), xpad: 4, ypad: 0, len: 1 };
    }
    return next;
  });

  // Heatmap cells: category labels that do not fit their cell become the paper's abbreviations, and cell texts
  // shrink to fit the cell ("-.44**" at 8 pt overflows a 7.7 cm figure's 6-column matrix).
  const heatmap = spec.data.find((trace) => trace.type === "heatmap");
  const heatmapAxes: Record<string, unknown> = {};
  let cellWidth = Number.POSITIVE_INFINITY;
  let cellHeight = Number.POSITIVE_INFINITY;
  if (heatmap && Array.isArray(heatmap.x) && Array.isArray(heatmap.y)) {
    const columns = (heatmap.x as unknown[]).map(String);
    const rows = (heatmap.y as unknown[]).map(String);
    const longest = (labels: string[]) => Math.max(...labels.map(visibleLength)) * GLYPH_WIDTH * fontPx;
    const rowsShort = longest(rows) > 0.3 * width;
    const rowLabelWidth = rowsShort ? 5 * GLYPH_WIDTH * fontPx : longest(rows);
    cellWidth = (width - rowLabelWidth - 60 * Math.max(factor, 0.5)) / columns.length;
    cellHeight = (height * 0.55) / rows.length;
    if (longest(columns) > cellWidth * 1.1) {
      heatmapAxes.xaxis = { ...(layout.xaxis as object), tickvals: columns, ticktext: columns.map(abbreviateLabel), tickangle: 0 };
    }
    if (rowsShort) heatmapAxes.yaxis = { ...(layout.yaxis as object), tickvals: rows, ticktext: rows.map(abbreviateLabel) };
  }
  const fitted = annotations.map((annotation) => {
    const heading = panelHeading(annotation, layout, width, fontPx);
    if (heading) return heading;
    if (!heatmap || annotation.xref !== "x" || annotation.yref !== "y") return annotation;
    const lines = annotation.text.split(/<br\s*\/?>/i);
    const chars = Math.max(...lines.map(visibleLength));
    const size = (annotation.font as { size?: number } | undefined)?.size ?? fontPx;
    const fits = Math.min(size, cellWidth / (chars * 0.6), cellHeight / (lines.length * 1.15));
    return { ...annotation, font: { ...(annotation.font as object), size: Math.max(minimumPx, fits) } };
  });

  // Marks placed just right of the plot (significance stars) keep their room, scaled with the font.
  const marksAtRight = annotations.some((annotation) => annotation.xref === "paper" && typeof annotation.x === "number" && annotation.x >= 1 && annotation.xanchor === "left");
  const rightMargin = marksAtRight ? Math.max(4, (((layout.margin as { r?: number } | undefined)?.r ?? 40) * factor)) : 4;
  const axes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...layout, ...heatmapAxes })) {
    if (/^[xy]axis\d*$/.test(key) && value && typeof value === "object") {
      const axisLayout = value as { title?: Record<string, unknown> };
      const title = axisLayout.title ?? {};
      // Long axis titles (a test note under the x axis) wrap to the figure instead of running past its edge.
      // An x title is centred on the plot area, which starts after the y labels: wrap short of the full width; a y
      // title is centred on the plot, which is about half the figure's height under the title block and legend.
      const room = key.startsWith("x") ? width * 0.85 : height * 0.45;
      const text = typeof title.text === "string" ? wrapLabel(title.text, Math.max(12, Math.floor((room - 10) / (GLYPH_WIDTH * fontPx)))).join("<br>") : title.text;
      // Category labels with spaces ("Impression Manipulativeness") wrap to about 40% of the width, line by line.
      const ticktext = (axisLayout as { ticktext?: unknown }).ticktext;
      const labelChars = Math.max(10, Math.floor((0.4 * width) / (GLYPH_WIDTH * fontPx)));
      const wrappedTicks = Array.isArray(ticktext)
        ? { tickfont: { size: Math.max(minimumPx, fontPx * 0.9) }, ticktext: ticktext.map((label) => (typeof label === "string" ? label.split(/<br\s*\/?>/i).flatMap((line) => wrapLabel(line, labelChars)).join("<br>") : label)) }
        : {};
      const tickfont = { ...((axisLayout as { tickfont?: object }).tickfont ?? {}), size: Math.max(minimumPx, fontPx * 0.9) };
      const level = key.startsWith("x") && !heatmap ? levelCategoryTicks(spec.data, axisLayout as Record<string, unknown>, width, tickfont.size) : {};
      axes[key] = { ...axisLayout, tickfont, ...level, ...wrappedTicks, automargin: true, title: { ...title, text, font: { size: fontPx }, standoff: Math.max(3, 10 * factor) } };
    }
  }

  // Panel headings get a band of their own over the plots, as high as their wrapped lines, under the title block:
  // the plot area's height is estimated from the figure's less the title block, the legend (up to two rows) and
  // the x-axis labels and title, generously, so the band is rather too high than too low.
  const headings = fitted.filter((annotation, index) => annotation !== annotations[index] && annotation.yref === "paper");
  if (headings.length && axes.yaxis) {
    const headingLines = Math.max(...headings.map((annotation) => annotation.text.split(/<br\s*\/?>/i).length));
    const titleBlock = titleLines.length * titleSize * 1.3 + subtitleLines.length * fontPx * 1.6 + label.length * labelSize * 1.6 + fontPx;
    const plotHeight = Math.max(40, height - titleBlock - (legendShown ? 3.2 * fontPx : 0) - 4.5 * fontPx);
    const top = Math.max(0.5, 1 - (headingLines * 1.25 * fontPx + 6) / plotHeight);
    axes.yaxis = { ...(axes.yaxis as object), domain: [0, top] };
    for (const heading of headings) heading.y = top;
  }

  const next: FigureSpec = {
    ...spec,
    data,
    layout: {
      ...layout,
      ...axes,
      width,
      height,
      font: { ...(layout.font as object), family: options.fontFamily, size: fontPx },
      title: { ...subtitle, text: [...titleLines, ...subtitleLines, ...label].join("<br>"), font: { size: titleSize }, automargin: true, x: 0, xref: "container", xanchor: "left", y: 1, yref: "paper", yanchor: "bottom", pad: { t: 2, l: 2, b: Math.round(fontPx * 0.6) } },
      margin: { l: 4, r: rightMargin, t: 4, b: 4, pad: 0, autoexpand: true },
      annotations: fitted,
      // Beside the plot a legend takes a third of a column's width; in a row under the axis title it takes one line.
      ...(legendShown
        ? { legend: { ...(layout.legend as object), orientation: "h", x: 0, xanchor: "left", xref: "container", y: 0, yanchor: "bottom", yref: "container", font: { size: fontPx * 0.95 }, tracegroupgap: 0, itemwidth: 30 } }
        : {}),
    },
  };
  return checkFigureSpec(next);
}
