import { UsageError } from "../errors";

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
