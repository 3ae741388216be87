import { UsageError } from "../../errors";
import { conditionName, FACTOR_LEVELS, PAPER_CONDITION, type AnswerCondition, type ConditionFactor } from "../../pipeline/answer-condition";

/**
 * The robustness grid's design (docs/robustness.md): which factors of the answer stage vary, at which levels, and
 * which cells are run -- every combination (full factorial) or a regular half fraction of the two-level factors.
 * Pure: parsing and the cell list, no calls.
 */

/** A factor of the grid: one of the answer condition's four, or "repeat" (the sample index at temperature > 0). */
export type GridFactor = ConditionFactor | "repeat";
export type DesignKind = "full" | "half";

export const CONDITION_FACTORS = Object.keys(FACTOR_LEVELS) as ConditionFactor[];
export const DESIGN_KINDS: readonly DesignKind[] = ["full", "half"];

export interface FactorChoice {
  factor: GridFactor;
  /** Levels in order; the first is the reference level shifts are measured from (the paper's level when chosen). */
  levels: string[];
}

/** One cell of the grid: an answer condition and a repeat (sample index). */
export interface GridCell {
  /** conditionName(condition), with "~r<sample>" when repeats are a factor. */
  name: string;
  condition: AnswerCondition;
  /** conditionName(condition). */
  conditionName: string;
  /** 0-based sample index (0 without repeats). */
  sample: number;
  /** The cell's level of every chosen factor. */
  levels: Record<string, string>;
}

export interface HalfFraction {
  /** The two-level factors that are fractioned. */
  factors: string[];
  /** The defining relation, e.g. "I = -itemOrder*optionOrder*labels" (codes: reference level -1, other level +1). */
  definingRelation: string;
  /** Resolution (the length of the defining word). */
  resolution: number;
  /** What each main effect is aliased with ("itemOrder = -optionOrder*labels"). */
  aliases: string[];
}

export interface GridDesign {
  kind: DesignKind;
  factors: FactorChoice[];
  cells: GridCell[];
  /** The distinct conditions of the cells, in cell order (each answered once per persona with every sample). */
  conditions: AnswerCondition[];
  /** Repeats (samples per statement); 1 when repeat is not a factor. */
  repeats: number;
  /** Temperature of the answer stage (> 0 when repeats are a factor). */
  temperature: number;
  /** The reference cell (every factor at its first level): shifts and rank-order stability are measured from it. */
  reference: GridCell;
  half?: HalfFraction;
}

/** What the user chose: `--factor NAME[=LEVEL,LEVEL]` (repeatable), `--design full|half`, `--repeats K`, `--temperature T`. */
export interface GridOptions {
  /** `NAME` (all its levels) or `NAME=a,b`; none: all four condition factors at all their levels. */
  factors?: readonly string[];
  design?: DesignKind;
  /** Repeats K >= 2 make "repeat" a factor (sample indices 0..K-1) and need temperature > 0. */
  repeats?: number;
  temperature?: number;
  /** Refuse a grid planning more calls than this (before anything is sent). */
  maxCalls?: number;
}

const FACTOR_HELP = `${CONDITION_FACTORS.map((factor) => `${factor} (${FACTOR_LEVELS[factor].join(", ")})`).join("; ")}; repeats with --repeats K --temperature T`;

/** Parses `--design`: full (default) or half. */
export function parseDesignKind(text: string | undefined): DesignKind {
  if (text === undefined) return "full";
  if ((DESIGN_KINDS as readonly string[]).includes(text)) return text as DesignKind;
  throw new UsageError(`--design must be full or half, got "${text}"; e.g. --design half`);
}

/** Parses one `--factor NAME[=LEVEL,...]`: a known factor with at least two distinct known levels. */
export function parseFactor(spec: string): FactorChoice {
  const [rawName, rawLevels] = spec.includes("=") ? [spec.slice(0, spec.indexOf("=")), spec.slice(spec.indexOf("=") + 1)] : [spec, undefined];
  const name = rawName.trim();
  if (name === "repeat" || name === "repeats") throw new UsageError(`--factor ${name}: repeats are set with --repeats K (and --temperature T > 0), not --factor`);
  if (!(CONDITION_FACTORS as string[]).includes(name)) throw new UsageError(`unknown factor "${name}" in --factor ${spec}; use one of ${FACTOR_HELP}`);
  const factor = name as ConditionFactor;
  const known = FACTOR_LEVELS[factor] as readonly string[];
  const levels = rawLevels === undefined ? [...known] : rawLevels.split(",").map((level) => level.trim());
  for (const level of levels) {
    if (!known.includes(level)) throw new UsageError(`unknown level "${level}" of factor ${factor} in --factor ${spec}; use ${known.join(", ")}`);
  }
  if (new Set(levels).size !== levels.length) throw new UsageError(`--factor ${spec} names a level twice; give each level once`);
  if (levels.length < 2) throw new UsageError(`factor ${factor} has one level (--factor ${spec}): a factor needs at least two levels; add one (e.g. --factor ${factor}=${known.join(",")}) or leave the factor out`);
  // The paper's level, when chosen, is the reference.
  const paper = PAPER_CONDITION[factor] as string;
  const ordered = levels.includes(paper) ? [paper, ...levels.filter((level) => level !== paper)] : levels;
  return { factor, levels: ordered };
}

/** The grid of the user's choice: factors (default all four at all levels), design, repeats. Throws a UsageError naming the fix. */
export function gridDesign(options: GridOptions = {}): GridDesign {
  const kind = options.design ?? "full";
  const chosen = (options.factors?.length ? options.factors : CONDITION_FACTORS).map(parseFactor);
  const seen = new Set<string>();
  for (const choice of chosen) {
    if (seen.has(choice.factor)) throw new UsageError(`--factor ${choice.factor} is given twice; give each factor once (levels as --factor ${choice.factor}=a,b)`);
    seen.add(choice.factor);
  }
  // Canonical order: the contract's factor order, then repeat.
  const factors = CONDITION_FACTORS.flatMap((factor) => chosen.filter((choice) => choice.factor === factor));
  const repeats = options.repeats ?? 1;
  const temperature = options.temperature ?? 0;
  if (!Number.isInteger(repeats) || repeats < 1) throw new UsageError(`--repeats must be a whole number >= 2, got ${repeats}`);
  if (repeats === 1 && options.repeats !== undefined) throw new UsageError("--repeats 1 is one level: a factor needs at least two levels; use --repeats 2 or more, or leave it out");
  if (repeats > 1 && !(temperature > 0)) throw new UsageError(`--repeats ${repeats} needs --temperature T > 0 (at temperature 0 the repeats are the same answer); e.g. --temperature 0.7`);
  if (repeats > 1) factors.push({ factor: "repeat", levels: Array.from({ length: repeats }, (_, index) => String(index)) });

  let half: HalfFraction | undefined;
  const twoLevel = factors.filter((choice) => choice.factor !== "repeat" && choice.levels.length === 2).map((choice) => choice.factor);
  if (kind === "half") {
    if (twoLevel.length < 3) {
      throw new UsageError(
        `--design half needs at least three two-level factors (got ${twoLevel.length}: ${twoLevel.join(", ") || "none"}); with fewer, a half fraction aliases main effects with each other. Use --design full, or add two-level factors (itemOrder, optionOrder, labels)`,
      );
    }
    // Keep the runs whose number of non-reference levels is even: the reference cell (all -1) is always in the
    // fraction, so I = (-1)^k x product of the k codes.
    const sign = twoLevel.length % 2 === 0 ? "" : "-";
    const word = twoLevel.join("*");
    half = {
      factors: twoLevel,
      definingRelation: `I = ${sign}${word}`,
      resolution: twoLevel.length,
      aliases: twoLevel.map((factor) => `${factor} = ${sign}${twoLevel.filter((other) => other !== factor).join("*")}`),
    };
  }

  // Every combination, last factor fastest; a half fraction keeps the runs with an even count of non-reference two-level levels.
  const cells: GridCell[] = [];
  const sizes = factors.map((choice) => choice.levels.length);
  const total = sizes.reduce((product, size) => product * size, 1);
  for (let index = 0; index < total; index++) {
    let rest = index;
    const picks = new Array<number>(factors.length);
    for (let f = factors.length - 1; f >= 0; f--) {
      picks[f] = rest % sizes[f];
      rest = Math.floor(rest / sizes[f]);
    }
    if (half && half.factors.filter((factor) => picks[factors.findIndex((choice) => choice.factor === factor)] !== 0).length % 2 !== 0) continue;
    const levels: Record<string, string> = {};
    const condition = { ...PAPER_CONDITION } as Record<string, string>;
    let sample = 0;
    factors.forEach((choice, f) => {
      const level = choice.levels[picks[f]];
      levels[choice.factor] = level;
      if (choice.factor === "repeat") sample = Number(level);
      else condition[choice.factor] = level;
    });
    const named = conditionName(condition as unknown as AnswerCondition);
    cells.push({ name: repeats > 1 ? `${named}~r${sample}` : named, condition: condition as unknown as AnswerCondition, conditionName: named, sample, levels });
  }
  const conditions = [...new Map(cells.map((cell) => [cell.conditionName, cell.condition])).values()];
  return { kind, factors, cells, conditions, repeats, temperature, reference: cells[0], ...(half ? { half } : {}) };
}

/**
 * Item order as the paper asks: one statement per prompt, so a shuffled order sends the same requests in another
 * order. Through the cache its cells repeat the paper-order cells' answers; said wherever the factor is chosen.
 */
export const ITEM_ORDER_NOTE =
  "itemOrder: every statement is asked in its own prompt (the paper's design), so a shuffled order sends the same requests in another order; they come from the cache (paid once), and the factor can show an effect only where a provider's answers depend on the order of calls";

/** "2 x 2 x 2 x 3 = 24 cells (full factorial)" or the half fraction with its resolution. */
export function describeDesign(design: GridDesign): string {
  const sizes = design.factors.map((choice) => `${choice.factor} ${choice.levels.length}`).join(" x ");
  const what = design.half ? `half fraction (${design.half.definingRelation}, resolution ${romanNumeral(design.half.resolution)})` : "full factorial";
  return `${sizes}: ${design.cells.length} cells, ${design.conditions.length} condition${design.conditions.length === 1 ? "" : "s"} (${what})`;
}

function romanNumeral(value: number): string {
  return ["0", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"][value] ?? String(value);
}
