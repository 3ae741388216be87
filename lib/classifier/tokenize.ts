// Text normalization shared by training and prediction, so that a turn is split the same way in both.

const QUOTE_MAP: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": "...",
};

/** Lower-cases, unifies typographic quotes and dashes, and collapses white space. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2026]/g, (character) => QUOTE_MAP[character] ?? character)
    .replace(/\s+/g, " ")
    .trim();
}

// Words keep inner apostrophes ("don't", "i'm"); sentence punctuation is kept as its own token because
// "?" and "!" carry much of the signal for Question and Affirmation.
const WORD_PATTERN = /[a-z0-9]+(?:'[a-z]+)*|[?!]/g;

/** Word tokens of an already normalized text. */
export function wordTokens(normalized: string): string[] {
  return normalized.match(WORD_PATTERN) ?? [];
}

/** Word n-grams for n in [minN, maxN], joined by a space. */
export function wordNgrams(tokens: string[], minN: number, maxN: number): string[] {
  const grams: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let start = 0; start + n <= tokens.length; start++) {
      grams.push(n === 1 ? tokens[start] : tokens.slice(start, start + n).join(" "));
    }
  }
  return grams;
}

/**
 * Character n-grams inside word boundaries, like scikit-learn's analyzer="char_wb": every
 * white-space-separated chunk is padded with one space on each side and cut into n-grams, so
 * n-grams never span two words but do see where a word starts and ends.
 */
export function charWordBoundaryNgrams(normalized: string, minN: number, maxN: number): string[] {
  const grams: string[] = [];
  for (const chunk of normalized.split(" ")) {
    if (!chunk) continue;
    const padded = ` ${chunk} `;
    for (let n = minN; n <= maxN; n++) {
      for (let start = 0; start + n <= padded.length; start++) grams.push(padded.slice(start, start + n));
      if (n >= padded.length) break;
    }
  }
  return grams;
}
