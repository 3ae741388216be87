import { UsageError } from "../errors";
import { PRINT_WIDTH_CM, chartKindOf, printSizeCm, type ChartKind, type PrintWidth } from "../charts/print-layout";
import type { FigureSpec } from "../charts/figure-spec";

export type SizeUnit = "in" | "cm" | "px";

/** A figure's printed size. Physical units are exact in PDF (1 in = 72 pt); "px" is a CSS pixel, 1/96 in. */
export interface FigureSize {
  width: number;
  height: number;
  units: SizeUnit;
}

/**
 * Common paper sizes. ACL/EMNLP (the ACL style's two-column A4 layout): a column is 7.7 cm wide, the text block
 * (a figure* across both columns) 16 cm. Heights are a readable default; override them freely.
 */
export const sizes = {
  /** ACL/EMNLP single column: 7.7 cm x 7 cm. */
  aclColumn: { width: 7.7, height: 7, units: "cm" },
  /** ACL/EMNLP full text width (figure*): 16 cm x 7 cm. */
  aclPage: { width: 16, height: 7, units: "cm" },
  /** Screen size the charts are designed at (900 x 560 CSS px). */
  screen: { width: 900, height: 560, units: "px" },
} as const satisfies Record<string, FigureSize>;

const PER_INCH: Record<SizeUnit, number> = { in: 1, cm: 2.54, px: 96 };

/** A length in inches. */
export function toInches(value: number, units: SizeUnit): number {
  const per = PER_INCH[units];
  if (per === undefined) throw new UsageError(`units must be "in", "cm" or "px", got "${String(units)}"`);
  if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`a figure's width and height must be positive numbers, got ${String(value)}`);
  return value / per;
}

/** A length in CSS pixels (96 per inch): the unit Plotly lays out in. */
export function toCssPixels(value: number, units: SizeUnit): number {
  return toInches(value, units) * 96;
}

/** A length in PDF points (72 per inch). */
export function toPoints(value: number, units: SizeUnit): number {
  return toInches(value, units) * 72;
}

/**
 * Which size the figures of an analysis are written at: "print" (the default: each kind its own ACL layout, a
 * column or the page, see PRINT_LAYOUTS), "column" or "page" (every figure at that width, each kind's height),
 * "screen" (the 900 px screen layout) or an explicit size.
 */
export type FigureSizeChoice = "print" | "screen" | PrintWidth | FigureSize;

/** The one place that says what `--figure-size` takes. */
export const FIGURE_SIZE_HELP = "column|page|screen|WxH(cm|in), e.g. 8x6cm; default: each figure kind at its print size (ACL column 7.7 cm or page 16 cm)";

/** Parses `--figure-size`: column, page, screen, print, or WxH with cm or in ("8x6cm", "3.25x2.5in"). */
export function parseFigureSize(text: string | undefined, flag = "--figure-size"): FigureSizeChoice {
  if (text === undefined) return "print";
  const value = text.trim().toLowerCase();
  if (value === "print" || value === "screen" || value === "column" || value === "page") return value;
  const match = /^(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*(cm|in)$/.exec(value);
  if (!match || !(Number(match[1]) > 0 && Number(match[2]) > 0)) throw new UsageError(`${flag} must be ${FIGURE_SIZE_HELP}; got "${text}"`);
  return { width: Number(match[1]), height: Number(match[2]), units: match[3] as "cm" | "in" };
}

/** The size one figure is written at under a choice; undefined for "screen" (the screen layout, unchanged). */
export function figureSizeFor(choice: FigureSizeChoice, figure: FigureSpec | ChartKind | undefined): FigureSize | undefined {
  if (choice === "screen") return undefined;
  if (typeof choice === "object") return choice;
  const kind = typeof figure === "object" ? chartKindOf(figure) : figure;
  return printSizeCm(kind, choice === "print" ? undefined : choice);
}

/** Readable name of a size: "7.7 x 7.4 cm (ACL column)". */
export function describeFigureSize(size: FigureSize): string {
  const name = size.units === "cm" && size.width === PRINT_WIDTH_CM.column ? " (ACL column)" : size.units === "cm" && size.width === PRINT_WIDTH_CM.page ? " (ACL page width)" : "";
  return `${size.width} x ${size.height} ${size.units}${name}`;
}
