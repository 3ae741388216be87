import { charWordBoundaryNgrams, normalizeText, wordNgrams, wordTokens } from "./tokenize";

/** One supporter turn to classify, with what is known of its place in the dialogue. */
export interface ClassifierInput {
  text: string;
  /** The seeker's words just before this turn (consecutive seeker turns joined); absent at a dialogue's start. */
  previousSeekerText?: string;
  /** 0-based position of this turn among its dialogue's supporter turns, when known. */
  supporterTurnIndex?: number;
  /** True when the turn right before this one was also the supporter's (a continued reply). */
  continuesSupporterTurn?: boolean;
  /** The supporter's previous turn (its text, never its label), when there is one. */
  previousSupporterText?: string;
  /** The seeker's words right after this turn, known when a whole dialogue is annotated after the fact. */
  nextSeekerText?: string;
}

/** Which features are extracted; part of the model's settings hash. */
export interface FeatureSettings {
  /** Word n-grams of the turn: 1..wordNgramMax. */
  wordNgramMax: number;
  /** Character n-grams inside word boundaries of the turn: charNgramMin..charNgramMax (0 = none). */
  charNgramMin: number;
  charNgramMax: number;
  /** Word n-grams of the previous seeker text, kept apart by a prefix: 1..contextNgramMax (0 = none). */
  contextNgramMax: number;
  /** Weight of the context block relative to the turn's own word and character blocks (each weight 1). */
  contextWeight: number;
  /** Word n-grams of the supporter's previous turn: 1..previousSupporterNgramMax (0 = none). */
  previousSupporterNgramMax: number;
  previousSupporterWeight: number;
  /** Word n-grams of the seeker's reply after the turn: 1..nextSeekerNgramMax (0 = none). */
  nextSeekerNgramMax: number;
  nextSeekerWeight: number;
  /** Add hand-made features (ends with "?", length, position among supporter turns, continuation). */
  shapeFeatures: boolean;
  shapeWeight: number;
  /** Drop n-grams seen in fewer training turns than this. */
  minDocumentFrequency: number;
}

/** Feature blocks: each is TF-IDF weighted and L2-normalized on its own, as in a scikit-learn FeatureUnion. */
export const BLOCKS = ["word", "char", "context", "previousSupporter", "nextSeeker", "shape"] as const;
export type Block = (typeof BLOCKS)[number];
const BLOCK_PREFIX: Record<Block, string> = {
  word: "w|",
  char: "c|",
  context: "p|",
  previousSupporter: "r|",
  nextSeeker: "n|",
  shape: "s|",
};

function bucket(value: number, edges: number[]): number {
  let index = 0;
  while (index < edges.length && value > edges[index]) index++;
  return index;
}

/**
 * Calls `emit` once per raw feature occurrence of one input (repeats are term counts). Feature names are
 * unprefixed within their block; the vocabulary stores them as "<prefix><name>".
 */
export function forEachFeature(
  input: ClassifierInput,
  settings: FeatureSettings,
  emit: (block: Block, feature: string) => void,
  emitCharChunk?: (chunk: string) => void,
): void {
  const normalized = normalizeText(input.text);
  const tokens = wordTokens(normalized);
  for (const gram of wordNgrams(tokens, 1, settings.wordNgramMax)) emit("word", gram);
  if (settings.charNgramMax > 0) {
    if (emitCharChunk) {
      // The caller expands each white-space chunk into its character n-grams itself (and caches them).
      for (const chunk of normalized.split(" ")) if (chunk) emitCharChunk(chunk);
    } else {
      for (const gram of charWordBoundaryNgrams(normalized, settings.charNgramMin, settings.charNgramMax)) emit("char", gram);
    }
  }
  const contextBlock = (block: Block, text: string | undefined, ngramMax: number) => {
    if (ngramMax <= 0) return;
    const contextTokens = text ? wordTokens(normalizeText(text)) : [];
    if (contextTokens.length === 0) emit(block, "<none>");
    for (const gram of wordNgrams(contextTokens, 1, ngramMax)) emit(block, gram);
  };
  contextBlock("context", input.previousSeekerText, settings.contextNgramMax);
  contextBlock("previousSupporter", input.previousSupporterText, settings.previousSupporterNgramMax);
  contextBlock("nextSeeker", input.nextSeekerText, settings.nextSeekerNgramMax);
  if (settings.shapeFeatures) {
    const trimmed = normalized.replace(/[\s.!)]+$/, "");
    if (trimmed.endsWith("?")) emit("shape", "endsWithQuestionMark");
    if (normalized.includes("?")) emit("shape", "hasQuestionMark");
    if (normalized.includes("!")) emit("shape", "hasExclamationMark");
    emit("shape", "words:" + bucket(tokens.length, [2, 4, 7, 11, 16, 24, 35]));
    if (input.supporterTurnIndex !== undefined) {
      emit("shape", "supporterTurn:" + bucket(input.supporterTurnIndex, [0, 1, 2, 4, 7, 11, 16, 24]));
    }
    if (input.continuesSupporterTurn) emit("shape", "continues");
    if (!input.previousSeekerText) emit("shape", "noSeekerContext");
  }
}

/** The raw features of one input as prefixed names, for inspection and tests. */
export function extractFeatureStrings(input: ClassifierInput, settings: FeatureSettings): string[] {
  const features: string[] = [];
  forEachFeature(input, settings, (block, feature) => features.push(BLOCK_PREFIX[block] + feature));
  return features;
}

/** A sparse matrix in compressed-row form: row r holds indices[rowStart[r] .. rowStart[r+1]). */
export interface SparseRows {
  rowCount: number;
  columnCount: number;
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Feature name -> column, with inverse document frequencies learned from training inputs. */
export interface Vocabulary {
  features: string[];
  /** Per column; 1 for shape features (they are binary, not TF-IDF weighted). */
  idf: Float32Array;
}

/** Smoothed IDF as scikit-learn's TfidfVectorizer(smooth_idf=True): ln((1 + n) / (1 + df)) + 1. */
export function buildVocabulary(inputs: readonly ClassifierInput[], settings: FeatureSettings): Vocabulary {
  const documentFrequency = new Map<string, number>();
  // Which input last counted a feature, so that a feature counts once per input without a Set per input.
  const lastInput = new Map<string, number>();
  inputs.forEach((input, inputIndex) => {
    forEachFeature(input, settings, (block, feature) => {
      const name = BLOCK_PREFIX[block] + feature;
      if (lastInput.get(name) === inputIndex) return;
      lastInput.set(name, inputIndex);
      documentFrequency.set(name, (documentFrequency.get(name) ?? 0) + 1);
    });
  });
  // Sorted so that the column order, and hence the trained weights, do not depend on Map insertion order.
  const features = [...documentFrequency.entries()]
    .filter(([feature, count]) => count >= settings.minDocumentFrequency || feature.startsWith(BLOCK_PREFIX.shape))
    .map(([feature]) => feature)
    .sort();
  const idf = new Float32Array(features.length);
  features.forEach((feature, column) => {
    idf[column] = feature.startsWith(BLOCK_PREFIX.shape)
      ? 1
      : Math.log((1 + inputs.length) / (1 + (documentFrequency.get(feature) ?? 0))) + 1;
  });
  return { features, idf };
}

/** Turns inputs into TF-IDF rows: sublinear tf (1 + ln tf), times idf, L2-normalized per block, times block weight. */
export class FeatureEncoder {
  private readonly columnOf: Record<Block, Map<string, number>>;
  private readonly blockWeights: Record<Block, number>;

  constructor(
    readonly vocabulary: Vocabulary,
    readonly settings: FeatureSettings,
  ) {
    this.columnOf = {
      word: new Map(),
      char: new Map(),
      context: new Map(),
      previousSupporter: new Map(),
      nextSeeker: new Map(),
      shape: new Map(),
    };
    const blockOfPrefix = new Map(BLOCKS.map((block) => [BLOCK_PREFIX[block], block]));
    vocabulary.features.forEach((name, column) => {
      const block = blockOfPrefix.get(name.slice(0, 2));
      if (block) this.columnOf[block].set(name.slice(2), column);
    });
    this.blockWeights = {
      word: 1,
      char: 1,
      context: settings.contextWeight,
      previousSupporter: settings.previousSupporterWeight,
      nextSeeker: settings.nextSeekerWeight,
      shape: settings.shapeWeight,
    };
  }

  get columnCount(): number {
    return this.vocabulary.features.length;
  }

  // Words recur, so the known character n-gram columns of each white-space chunk are cached: this makes
  // encoding several times faster than looking up every n-gram string (profiled: the lookups dominated).
  private readonly chunkCache = new Map<string, Int32Array>();

  private charColumns(chunk: string): Int32Array {
    let columns = this.chunkCache.get(chunk);
    if (!columns) {
      const found: number[] = [];
      for (const gram of charWordBoundaryNgrams(chunk, this.settings.charNgramMin, this.settings.charNgramMax)) {
        const column = this.columnOf.char.get(gram);
        if (column !== undefined) found.push(column);
      }
      columns = Int32Array.from(found);
      if (this.chunkCache.size >= 200_000) this.chunkCache.clear();
      this.chunkCache.set(chunk, columns);
    }
    return columns;
  }

  encode(inputs: readonly ClassifierInput[]): SparseRows {
    const rowStart = new Int32Array(inputs.length + 1);
    let indices = new Int32Array(Math.max(1024, inputs.length * 64));
    let values = new Float32Array(indices.length);
    let used = 0;
    // Term counts per column for the current input, reset through the list of touched columns.
    const counts = new Float64Array(this.columnCount);
    const touched = Object.fromEntries(BLOCKS.map((block) => [block, [] as number[]])) as Record<Block, number[]>;
    const idf = this.vocabulary.idf;
    const add = (block: Block, column: number) => {
      if (counts[column] === 0) touched[block].push(column);
      counts[column]++;
    };
    inputs.forEach((input, row) => {
      forEachFeature(
        input,
        this.settings,
        (block, feature) => {
          const column = this.columnOf[block].get(feature);
          if (column !== undefined) add(block, column);
        },
        (chunk) => {
          for (const column of this.charColumns(chunk)) add("char", column);
        },
      );
      for (const block of BLOCKS) {
        const columns = touched[block];
        if (columns.length === 0) continue;
        if (used + columns.length > indices.length) {
          const grown = Math.max(indices.length * 2, used + columns.length);
          const newIndices = new Int32Array(grown);
          newIndices.set(indices);
          indices = newIndices;
          const newValues = new Float32Array(grown);
          newValues.set(values);
          values = newValues;
        }
        let squares = 0;
        const start = used;
        for (const column of columns) {
          const weight = block === "shape" ? 1 : (1 + Math.log(counts[column])) * idf[column];
          indices[used] = column;
          values[used] = weight;
          squares += weight * weight;
          counts[column] = 0;
          used++;
        }
        const scale = this.blockWeights[block] / (block === "shape" ? 1 : Math.sqrt(squares) || 1);
        for (let position = start; position < used; position++) values[position] *= scale;
        columns.length = 0;
      }
      rowStart[row + 1] = used;
    });
    return {
      rowCount: inputs.length,
      columnCount: this.columnCount,
      rowStart,
      indices: indices.slice(0, used),
      values: values.slice(0, used),
    };
  }
}
