import { spawnSync } from "node:child_process";

/** One word of a PDF as `pdftotext -bbox` places it (points, origin top-left). */
export interface TextBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** True for a word turned a quarter (a y-axis title, vertical tick labels): its size is its box's width. */
  vertical: boolean;
  /** The font size in pt from the box's extent across the text. */
  sizePt: number;
}

/**
 * Liberation Serif (the export font, Regular and Bold): ascent .891 + descent .216 of the em. pdftotext's box spans
 * ascent to descent, so a word at s pt is 1.107 s high (measured: a 9.2 pt title gives 10.18 pt boxes).
 */
export const BOX_HEIGHT_PER_PT = 1.107;

function decode(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** The page size and every word of page 1, by `pdftotext -bbox-layout` (poppler-utils; its lines tell level words apart). */
export function pdfTextBoxes(path: string): { width: number; height: number; words: TextBox[] } {
  const run = spawnSync("pdftotext", ["-bbox-layout", "-f", "1", "-l", "1", path, "-"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`pdftotext failed on ${path}: ${run.stderr}`);
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(run.stdout);
  if (!page) throw new Error(`no page in ${path}`);
  const words: TextBox[] = [];
  const lineOf: number[] = [];
  let line = -1;
  for (const match of run.stdout.matchAll(/<line |<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<\/word>/g)) {
    if (match[0] === "<line ") {
      line++;
      continue;
    }
    lineOf.push(line);
    const [xMin, yMin, xMax, yMax] = match.slice(1, 5).map(Number);
    const text = decode(match[5]);
    const width = xMax - xMin;
    const height = yMax - yMin;
    // A turned word's box is as wide as a level one is high: for one or two characters that makes it wider than high,
    // for longer words far higher than wide. (Slanted text would fool this; print layouts turn labels a full quarter.)
    const vertical = [...text].length <= 2 ? width > height : height > 1.3 * width;
    words.push({ text, xMin, yMin, xMax, yMax, vertical, sizePt: (vertical ? width : height) / BOX_HEIGHT_PER_PT });
  }
  // A word that shares its text line's top and bottom with another word of that line is level ("|r|" in "strongest |r| in the row").
  for (const word of words) {
    if (word.vertical && words.some((other, at) => other !== word && lineOf[at] === lineOf[words.indexOf(word)] && Math.abs(other.yMin - word.yMin) < 0.01 && Math.abs(other.yMax - word.yMax) < 0.01)) {
      word.vertical = false;
      word.sizePt = (word.yMax - word.yMin) / BOX_HEIGHT_PER_PT;
    }
  }
  return { width: Number(page[1]), height: Number(page[2]), words };
}

/** Pairs of words whose boxes overlap by more than `slack` pt on both axes (glyph boxes may touch). */
export function overlappingWords(words: readonly TextBox[], slack = 0.4): Array<[TextBox, TextBox]> {
  const pairs: Array<[TextBox, TextBox]> = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i];
      const b = words[j];
      const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (x > slack && y > slack) pairs.push([a, b]);
    }
  }
  return pairs;
}
