// Characters that render as nothing (zero-width space and joiners, soft hyphen, BOM, bidi marks, variation
// selectors) and control characters: "Alice", "alice" and "Al\u200Bice" are one annotator.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}]/gu;

/**
 * An annotator's name as stored and seeded: Unicode NFKC, case-folded (upper then lower case, so "ß" and "SS"
 * meet), invisible and control characters removed, trimmed, inner whitespace collapsed.
 */
export function normalizeAnnotatorName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .toUpperCase()
    .toLowerCase()
    .normalize("NFKC")
    .trim()
    .replace(/\s+/g, " ");
}

export const MAX_ANNOTATOR_NAME = 80;
