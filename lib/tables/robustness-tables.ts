import { isNegativeEstimate, type AlignmentShareRow, type FactorShiftRow, type GStudyColumn, type RankStabilityRow } from "../analysis/robustness-grid";
import { parseScoreColumn } from "../inventory/score-columns";
import { formatCorrelation, formatFixed } from "./format";
import { builtTable, center, left, right, type BuiltTableOptions, type CellValue, type Table } from "./table";

// The robustness grid's tables (docs/robustness.md): pure, one builder per table.

const fixed = (digits: number) => (value: unknown) => formatFixed(value, digits);
const interval = (low: number, high: number, digits = 2) => (Number.isFinite(low) && Number.isFinite(high) ? `[${low.toFixed(digits)}, ${high.toFixed(digits)}]` : "");
const split = (column: string) => parseScoreColumn(column) ?? { inventoryName: "", domain: column };

/** The cells run: each factor's level, and the answers read, unreadable (kept invalid) and missing. */
export function gridCellTable(
  cells: readonly { name: string; levels: Readonly<Record<string, string>> }[],
  factors: readonly string[],
  counts: readonly { cell: string; answers: number; invalid: number; missing: number }[],
  notes: readonly string[],
  options: BuiltTableOptions,
): Table {
  return builtTable({ title: "Robustness grid: the cells run (condition x repeat) and their answers", name: "robustness-cells" }, options, {
    columns: [left("cell", "Cell"), ...factors.map((factor) => left(factor, factor)), right("answers", "Answers"), right("invalid", "Unreadable"), right("missing", "Missing")],
    rows: cells.map((cell, index) => ({ cell: cell.name, ...cell.levels, answers: counts[index]?.answers ?? 0, invalid: counts[index]?.invalid ?? 0, missing: counts[index]?.missing ?? 0 })),
    notes: [...notes, "Unreadable answers are kept invalid with their text (never imputed); a domain with too few valid answers is missing for that persona and cell."],
  });
}

/** Per factor level and domain: the mean shift from the reference level, paired over personas, with its 95% CI. */
export function factorShiftTable(rows: readonly FactorShiftRow[], notes: readonly string[], options: BuiltTableOptions): Table {
  return builtTable({ title: "Mean shift of domain scores per factor level (level - reference, paired over personas, 95% CI)", name: "robustness-shifts" }, options, {
    columns: [left("factor", "Factor"), left("level", "Level"), left("reference", "Reference"), left("inventory", "Inventory"), left("domain", "Domain"), right("shift", "Shift", fixed(3)), right("ci", "95% CI"), center("excludesZero", "CI excludes 0"), right("n", "n")],
    rows: rows.map((row) => {
      const { inventoryName, domain } = split(row.column);
      return {
        factor: row.factor,
        level: row.level,
        reference: row.reference,
        inventory: inventoryName,
        domain,
        shift: Number.isFinite(row.shift) ? row.shift : null,
        low: Number.isFinite(row.low) ? row.low : null,
        high: Number.isFinite(row.high) ? row.high : null,
        ci: interval(row.low, row.high, 3),
        excludesZero: Number.isFinite(row.low) ? (row.low > 0 || row.high < 0 ? "yes" : "no") : "",
        n: row.n,
      };
    }),
    notes: [
      "Each persona's mean domain score over the cells at the level minus its mean over the cells at the reference level; mean over personas with a t interval (df = n - 1). Both sides average the same mix of the other factors' levels.",
      ...notes,
    ],
  });
}

/** Rank-order stability: Spearman's rho of the persona scores between the reference cell and every other cell. */
export function rankStabilityTable(rows: readonly RankStabilityRow[], reference: string, options: BuiltTableOptions): Table {
  return builtTable({ title: `Rank-order stability of persona scores: Spearman's rho with the reference cell (${reference}), 95% CI`, name: "robustness-rank-stability" }, options, {
    columns: [left("cell", "Cell"), left("inventory", "Inventory"), left("domain", "Domain"), right("rho", "rho", formatCorrelation), right("ci", "95% CI"), right("n", "n")],
    rows: rows.map((row) => {
      const { inventoryName, domain } = split(row.column);
      return { cell: row.cell, inventory: inventoryName, domain, rho: Number.isFinite(row.rho) ? row.rho : null, low: Number.isFinite(row.low) ? row.low : null, high: Number.isFinite(row.high) ? row.high : null, ci: interval(row.low, row.high), n: row.n };
    }),
    notes: ["CI by Fisher's z with the Fieller-Hartley-Pearson variance 1.06 / (n - 3). A rho near 1 means the condition leaves the personas' order unchanged even if it shifts their mean."],
  });
}

/** The G study per domain: variance components (negative estimates set to 0 and marked) and their shares. */
export function gStudyTable(columns: readonly GStudyColumn[], options: BuiltTableOptions): Table {
  const rows = columns.flatMap((entry): Record<string, CellValue>[] => {
    const { inventoryName, domain } = split(entry.column);
    if (!entry.study) return [{ inventory: inventoryName, domain, effect: "(too few complete personas)", df: null, meanSquare: null, variance: null, unconstrained: null, share: null, setToZero: "", personas: entry.personas }];
    return entry.study.effects.map((effect) => ({
      inventory: inventoryName,
      domain,
      effect: effect.name,
      df: effect.df,
      meanSquare: effect.meanSquare,
      variance: effect.variance,
      unconstrained: effect.unconstrained,
      share: effect.share,
      setToZero: isNegativeEstimate(effect, entry.study!) ? "yes" : "",
      personas: entry.personas,
    }));
  });
  const negatives = columns.flatMap((entry) => entry.study?.effects.filter((effect) => isNegativeEstimate(effect, entry.study!)).map((effect) => `${split(entry.column).domain}: ${effect.name}`) ?? []);
  const dropped = columns.filter((entry) => entry.dropped > 0).map((entry) => `${split(entry.column).domain} (${entry.dropped})`);
  return builtTable({ title: "G study per domain: variance components of persona x the grid's factors", name: "robustness-g-study" }, options, {
    columns: [left("inventory", "Inventory"), left("domain", "Domain"), left("effect", "Effect"), right("df", "df"), right("meanSquare", "MS", fixed(4)), right("variance", "Variance", fixed(4)), right("share", "Share", fixed(3)), center("setToZero", "Negative, set to 0"), right("personas", "Personas")],
    rows,
    notes: [
      "Random-effects ANOVA of a balanced, fully crossed design (Brennan 2001, ch. 3); the highest-order interaction is confounded with the residual. Shares are of the sum of the components after negative estimates are set to 0.",
      negatives.length ? `Negative estimates set to 0 (ANOVA value kept in the CSV column 'unconstrained'): ${negatives.join("; ")}.` : "No negative estimate.",
      ...(dropped.length ? [`Personas left out for a missing score in some cell: ${dropped.join(", ")}.`] : []),
    ],
  });
}

/** RQ1's conclusion across the grid: per expected pair, the share of cells in which it is aligned. */
export function alignmentShareTable(rows: readonly AlignmentShareRow[], labels: { rows: string; columns: string }, options: BuiltTableOptions): Table {
  return builtTable({ title: `Alignment of the expected ${labels.rows} x ${labels.columns} pairs across the grid's cells`, name: "robustness-alignment" }, options, {
    columns: [left("row", labels.rows), left("column", labels.columns), right("aligned", "Aligned cells"), right("cells", "Cells"), right("share", "Share", fixed(2)), center("inReference", "Aligned in reference")],
    rows: rows.map((row) => ({ row: split(row.row).domain, column: split(row.column).domain, aligned: row.aligned, cells: row.cells, share: row.share, inReference: row.alignedInReference ? "yes" : "no" })),
    notes: ["Aligned (RQ1, lib/analysis/aligned.ts): in that cell the paired domain has the largest |r| in the row's correlations over personas."],
  });
}
