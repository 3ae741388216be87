import { test } from "node:test";
import assert from "node:assert/strict";
import { buildVocabulary, extractFeatureStrings, FeatureEncoder, type FeatureSettings } from "../../lib/classifier/features";
import { dialogueInputs } from "../../lib/classifier/inputs";
import { charWordBoundaryNgrams, normalizeText, wordNgrams, wordTokens } from "../../lib/classifier/tokenize";

const close = (actual: number, expected: number, tolerance = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);

const wordsOnly: FeatureSettings = {
  wordNgramMax: 1,
  charNgramMin: 0,
  charNgramMax: 0,
  contextNgramMax: 0,
  contextWeight: 0,
  previousSupporterNgramMax: 0,
  previousSupporterWeight: 0,
  nextSeekerNgramMax: 0,
  nextSeekerWeight: 0,
  shapeFeatures: false,
  shapeWeight: 0,
  minDocumentFrequency: 1,
};

test("tokenizer keeps apostrophes and sentence punctuation", () => {
  assert.equal(normalizeText("  It\u2019s   \u201cFINE\u201d\u2026 "), "it's \"fine\"...");
  assert.deepEqual(wordTokens(normalizeText("I don't know?! Yes.")), ["i", "don't", "know", "?", "!", "yes"]);
  assert.deepEqual(wordNgrams(["a", "b", "c"], 1, 2), ["a", "b", "c", "a b", "b c"]);
});

test("character n-grams stay inside padded words, like scikit-learn's char_wb", () => {
  // " ab " -> 2-grams " a", "ab", "b "; 3-grams " ab", "ab "; no 4-gram spans the space into the next word.
  assert.deepEqual(charWordBoundaryNgrams("ab", 2, 3), [" a", "ab", "b ", " ab", "ab "]);
  assert.deepEqual(charWordBoundaryNgrams("a b", 2, 2), [" a", "a ", " b", "b "]);
});

test("TF-IDF rows match sublinear tf x smoothed idf, L2-normalized (worked by hand)", () => {
  const inputs = [{ text: "a a b" }, { text: "b c" }];
  const vocabulary = buildVocabulary(inputs, wordsOnly);
  assert.deepEqual(vocabulary.features, ["w|a", "w|b", "w|c"]);
  // idf = ln((1 + n) / (1 + df)) + 1 with n = 2: a and c (df 1) -> ln(3/2) + 1 = 1.4054651; b (df 2) -> 1
  close(vocabulary.idf[0], Math.log(1.5) + 1);
  close(vocabulary.idf[1], 1);
  const rows = new FeatureEncoder(vocabulary, wordsOnly).encode(inputs);
  const row = (r: number) =>
    Object.fromEntries(
      [...rows.indices.subarray(rows.rowStart[r], rows.rowStart[r + 1])].map((column, offset) => [
        column,
        rows.values[rows.rowStart[r] + offset],
      ]),
    );
  // Row 0: a has tf 2 -> (1 + ln 2) * 1.4054651 = 2.3796593; b -> 1; norm sqrt(2.3796593^2 + 1) = 2.5812...
  // -> a 0.9219070, b 0.3874113 (the same as scikit-learn's TfidfVectorizer(sublinear_tf=True)).
  const first = row(0);
  close(first[0], 0.9219069698164416);
  close(first[1], 0.3874113305052739);
  // Row 1: b -> 1, c -> 1.4054651; norm sqrt(1 + 1.4054651^2) -> b 0.5797387, c 0.8148025
  const second = row(1);
  close(second[1], 0.5797386715376657);
  close(second[2], 0.8148024746671689);
});

test("blocks are prefixed and normalized separately; unseen n-grams are ignored", () => {
  const settings: FeatureSettings = { ...wordsOnly, contextNgramMax: 1, contextWeight: 0.5, shapeFeatures: true, shapeWeight: 1 };
  const features = extractFeatureStrings({ text: "Why?", previousSeekerText: "I am sad", supporterTurnIndex: 0 }, settings);
  assert.ok(features.includes("w|why"));
  assert.ok(features.includes("p|sad"));
  assert.ok(features.includes("s|endsWithQuestionMark"));
  assert.ok(features.includes("s|supporterTurn:0"));
  const inputs = [
    { text: "why", previousSeekerText: "sad" },
    { text: "ok", previousSeekerText: "fine" },
  ];
  const encoder = new FeatureEncoder(buildVocabulary(inputs, settings), settings);
  const rows = encoder.encode([{ text: "why never-seen", previousSeekerText: "sad" }]);
  let wordSquares = 0;
  let contextSquares = 0;
  [...rows.indices].forEach((column, position) => {
    const name = encoder.vocabulary.features[column];
    if (name.startsWith("w|")) wordSquares += rows.values[position] ** 2;
    if (name.startsWith("p|")) contextSquares += rows.values[position] ** 2;
  });
  close(wordSquares, 1); // word block has unit norm
  close(contextSquares, 0.25); // context block has norm 0.5 (its weight)
});

test("dialogue inputs join consecutive seeker turns and never read earlier labels", () => {
  const { inputs, turnIndices, labels } = dialogueInputs([
    { speaker: "supporter", text: "Hello", strategy: "Others" },
    { speaker: "seeker", text: "I lost my job." },
    { speaker: "seeker", text: "I feel awful." },
    { speaker: "supporter", text: "That sounds hard.", strategy: "Reflection of feelings" },
    { speaker: "supporter", text: "What happened?", strategy: "Question" },
  ]);
  assert.deepEqual(turnIndices, [0, 3, 4]);
  assert.deepEqual(labels, ["Others", "Reflection of feelings", "Question"]);
  assert.equal(inputs[0].previousSeekerText, undefined);
  assert.equal(inputs[1].previousSeekerText, "I lost my job. I feel awful.");
  assert.equal(inputs[2].previousSeekerText, "I lost my job. I feel awful.");
  assert.deepEqual(
    inputs.map((input) => [input.supporterTurnIndex, input.continuesSupporterTurn]),
    [
      [0, false],
      [1, false],
      [2, true],
    ],
  );
  assert.ok(!JSON.stringify(inputs).includes("Reflection"));
});
