/**
 * Text stored as a difference from a dictionary text: a list of literal strings and [offset, length] copies
 * from the dictionary, as JSON. Requests of one prompt, or response bodies of one provider, differ from the
 * first one stored in a few short places (ids, item numbers, tokens), so each is a few dozen bytes. Pure
 * JavaScript and a few microseconds per text: zlib with a preset dictionary compresses a little better but
 * costs a hundred times more per short text, because every call sets up a new stream.
 */

/** Copies shorter than this are written as literals (a copy costs about this many bytes). */
const MIN_COPY = 8;

export interface DeltaDictionary {
  text: string;
  /** First position of each MIN_COPY-character substring of the text. */
  index: Map<string, number>;
}

export function deltaDictionary(text: string): DeltaDictionary {
  const index = new Map<string, number>();
  for (let position = 0; position + MIN_COPY <= text.length; position += 1) {
    const gram = text.slice(position, position + MIN_COPY);
    if (!index.has(gram)) index.set(gram, position);
  }
  return { text, index };
}

/** `text` as JSON ops: strings are literals, pairs of numbers are copies (offset, length) from the dictionary. */
export function encodeDelta(dictionary: DeltaDictionary, text: string): string {
  const source = dictionary.text;
  const ops: Array<string | number> = [];
  let literalStart = 0;
  let position = 0;
  // Where the last copy ended in the dictionary: the next copy usually starts just after it.
  let expected = -1;
  while (position + MIN_COPY <= text.length) {
    let from = -1;
    if (expected >= 0 && source.startsWith(text.slice(position, position + MIN_COPY), expected)) from = expected;
    else from = dictionary.index.get(text.slice(position, position + MIN_COPY)) ?? -1;
    if (from < 0) {
      position += 1;
      continue;
    }
    let length = MIN_COPY;
    while (position + length < text.length && from + length < source.length && text.charCodeAt(position + length) === source.charCodeAt(from + length)) length += 1;
    if (position > literalStart) ops.push(text.slice(literalStart, position));
    ops.push(from, length);
    position += length;
    literalStart = position;
    expected = from + length;
  }
  if (text.length > literalStart) ops.push(text.slice(literalStart));
  return JSON.stringify(ops);
}

export function decodeDelta(dictionary: string, encoded: string): string {
  const ops = JSON.parse(encoded) as Array<string | number>;
  if (!Array.isArray(ops)) throw new Error("delta: expected a JSON array");
  let text = "";
  for (let index = 0; index < ops.length; index += 1) {
    const op = ops[index];
    if (typeof op === "string") text += op;
    else {
      const length = ops[index + 1];
      if (typeof op !== "number" || typeof length !== "number" || op < 0 || op + length > dictionary.length) throw new Error("delta: bad copy");
      text += dictionary.slice(op, op + length);
      index += 1;
    }
  }
  return text;
}
