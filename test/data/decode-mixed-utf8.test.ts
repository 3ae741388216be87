import { test } from "node:test";
import assert from "node:assert/strict";
import { cp1252Character, decodeMixedUtf8 } from "../../lib/data/decode-mixed-utf8";

test("valid UTF-8 is read as UTF-8, stray bytes as Windows-1252", () => {
  const bytes = Buffer.concat([
    Buffer.from("don", "utf8"),
    Buffer.from([0x92]),
    Buffer.from("t \u2014 caf\u00e9 \u{1F622} ", "utf8"),
    Buffer.from([0x93, 0x61, 0x94, 0x20, 0xe9, 0x20, 0x80, 0x9d]),
  ]);
  const { text, strayBytes } = decodeMixedUtf8(bytes);
  assert.equal(text, "don\u2019t \u2014 caf\u00e9 \u{1F622} \u201ca\u201d \u00e9 \u20ac\u009d");
  assert.equal(strayBytes.length, 6);
  assert.equal(strayBytes[0], 3);
  assert.ok(!text.includes("\uFFFD"));
});

test("truncated and overlong sequences are not taken for UTF-8", () => {
  // E2 80 at the end (truncated "’"), C0 AF (overlong "/"), ED A0 80 (a surrogate): all single bytes
  assert.equal(decodeMixedUtf8(Buffer.from([0x41, 0xe2, 0x80])).text, "A\u00e2\u20ac");
  assert.equal(decodeMixedUtf8(Buffer.from([0xc0, 0xaf])).text, "\u00c0\u00af");
  assert.equal(decodeMixedUtf8(Buffer.from([0xed, 0xa0, 0x80])).text, "\u00ed\u00a0\u20ac");
  assert.equal(decodeMixedUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x41])).text, "A", "a BOM is dropped");
});

test("the Windows-1252 table", () => {
  // spot checks against the WHATWG windows-1252 index
  assert.equal(cp1252Character(0x80), "\u20ac");
  assert.equal(cp1252Character(0x85), "\u2026");
  assert.equal(cp1252Character(0x92), "\u2019");
  assert.equal(cp1252Character(0x98), "\u02dc");
  assert.equal(cp1252Character(0x9f), "\u0178");
  assert.equal(cp1252Character(0x81), "\u0081");
  assert.equal(cp1252Character(0xa0), "\u00a0");
  assert.equal(cp1252Character(0xff), "\u00ff");
});
