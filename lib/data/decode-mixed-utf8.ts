// Windows-1252 0x80-0x9F as the WHATWG Encoding Standard defines it (the five bytes Microsoft leaves
// undefined, 0x81 0x8D 0x8F 0x90 0x9D, map to the C1 control of the same number, as browsers do).
// 0xA0-0xFF are the same code points as Latin-1.
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

/** The character Windows-1252 gives a single byte 0x80-0xFF. */
export function cp1252Character(byte: number): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  if (byte <= 0x9f) return String.fromCharCode(CP1252_80_9F[byte - 0x80]);
  return String.fromCharCode(byte);
}

/** Length of the valid UTF-8 sequence starting at `index`, or 0 if the bytes there are not one. */
function utf8SequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index];
  let length: number;
  let minimumSecond = 0x80;
  let maximumSecond = 0xbf;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) minimumSecond = 0xa0; // no overlong forms
    if (lead === 0xed) maximumSecond = 0x9f; // no surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) minimumSecond = 0x90;
    if (lead === 0xf4) maximumSecond = 0x8f;
  } else return 0;
  if (index + length > bytes.length) return 0;
  const second = bytes[index + 1];
  if (second < minimumSecond || second > maximumSecond) return 0;
  for (let offset = 2; offset < length; offset += 1) {
    const continuation = bytes[index + offset];
    if (continuation < 0x80 || continuation > 0xbf) return 0;
  }
  return length;
}

export interface MixedDecodeResult {
  text: string;
  /** Byte offsets that were not valid UTF-8 and were read as Windows-1252. */
  strayBytes: number[];
}

/**
 * Decodes text that is UTF-8 except for some stray single Windows-1252 bytes (CAMS added_CAMS_data.csv):
 * every valid UTF-8 sequence is read as UTF-8, every other byte as Windows-1252. Never yields U+FFFD
 * for a byte (only if the source itself contains the encoded U+FFFD character).
 */
export function decodeMixedUtf8(input: Uint8Array | string): MixedDecodeResult {
  if (typeof input === "string") return { text: input, strayBytes: [] };
  const bytes = input;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parts: string[] = [];
  const strayBytes: number[] = [];
  let runStart = 0;
  let index = 0;
  while (index < bytes.length) {
    // ASCII fast path: most of the file
    if (bytes[index] < 0x80) {
      index += 1;
      continue;
    }
    const length = utf8SequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    if (index > runStart) parts.push(decoder.decode(bytes.subarray(runStart, index)));
    parts.push(cp1252Character(bytes[index]));
    strayBytes.push(index);
    index += 1;
    runStart = index;
  }
  if (index > runStart) parts.push(decoder.decode(bytes.subarray(runStart, index)));
  let text = parts.join("");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, strayBytes };
}
