import { gStudy, type GStudy } from "../stats/g-study";
import { pairedShift } from "../stats/paired-shift";
import { pearson } from "../stats/pearson";
import { spearman } from "../stats/spearman";
import { isAligned } from "./aligned";

/**
 * The statistics of the robustness grid (docs/robustness.md), pure functions of one score table: every cell of the
 * grid (a condition and a repeat) x every persona x every domain score column.
 */

/** Domain scores per cell, persona and column: values[cell][persona][column], NaN where missing. */
export interface GridScoreTable {
  cells: readonly { name: string; levels: Readonly<Record<string, string>> }[];
  personas: readonly string[];
  columns: readonly string[];
  values: readonly (readonly (readonly number[])[])[];
}

/** A factor of the table: its name (a key of every cell's `levels`) and levels, the first being the reference. */
export interface TableFactor {
  factor: string;
  levels: readonly string[];
}

export interface FactorShiftRow {
  factor: string;
  level: string;
  reference: string;
  column: string;
  /** Mean over personas of (the persona's mean over the cells at `level`) - (its mean over the cells at `reference`). */
  shift: number;
  low: number;
  high: number;
  sd: number;
  /** Personas with a score in every cell compared. */
  n: number;
  /** Cells averaged on each side. */
  cellsPerLevel: number;
}

/** A persona's mean score over some cells; NaN when any of them is missing. */
function meanOver(table: GridScoreTable, cells: readonly number[], persona: number, column: number): number {
  let total = 0;
  for (const cell of cells) {
    const value = table.values[cell][persona][column];
    if (!Number.isFinite(value)) return Number.NaN;
    total += value;
  }
  return total / cells.length;
}

/**
 * Per factor, non-reference level and column: the mean shift of the persona scores from the reference level
 * (each persona's mean over the cells at the level minus its mean over the cells at the reference level, paired
 * over personas) with a 95% t interval. In a full factorial and in a regular fraction of resolution III or more,
 * both sides average over the same mixture of the other factors' levels.
 */
export function factorShifts(table: GridScoreTable, factors: readonly TableFactor[], confidenceLevel = 0.95): FactorShiftRow[] {
  const rows: FactorShiftRow[] = [];
  for (const { factor, levels } of factors) {
    const cellsAt = (level: string) => table.cells.flatMap((cell, index) => (cell.levels[factor] === level ? [index] : []));
    const reference = levels[0];
    const referenceCells = cellsAt(reference);
    for (const level of levels.slice(1)) {
      const levelCells = cellsAt(level);
      table.columns.forEach((column, c) => {
        const a = table.personas.map((_, p) => meanOver(table, referenceCells, p, c));
        const b = table.personas.map((_, p) => meanOver(table, levelCells, p, c));
        const shift = pairedShift(a, b, confidenceLevel);
        rows.push({ factor, level, reference, column, ...shift, cellsPerLevel: levelCells.length });
      });
    }
  }
  return rows;
}

export interface RankStabilityRow {
  cell: string;
  column: string;
  rho: number;
  low: number;
  high: number;
  n: number;
}

/** Spearman's rho (Fisher-z 95% CI) between the persona scores of the reference cell and of every other cell, per column. */
export function rankStability(table: GridScoreTable, referenceCell = 0, confidenceLevel = 0.95): RankStabilityRow[] {
  const rows: RankStabilityRow[] = [];
  table.cells.forEach((cell, index) => {
    if (index === referenceCell) return;
    table.columns.forEach((column, c) => {
      const x = table.personas.map((_, p) => table.values[referenceCell][p][c]);
      const y = table.personas.map((_, p) => table.values[index][p][c]);
      rows.push({ cell: cell.name, column, ...spearman(x, y, confidenceLevel) });
    });
  });
  return rows;
}

/** A facet of the G study beside persona: its name, size and the level index of each cell. */
export interface GridFacet {
  name: string;
  size: number;
  levelOf: (cell: GridScoreTable["cells"][number]) => number;
}

export interface GStudyColumn {
  column: string;
  /** Personas with a score in every cell (the design must be balanced). */
  personas: number;
  /** Personas left out for a missing score in some cell. */
  dropped: number;
  /** Undefined when fewer than 2 personas are complete. */
  study?: GStudy;
}

/**
 * Per column, the G study of persona x the facets (lib/stats/g-study.ts): personas complete in every cell, each
 * combination of facet levels exactly one cell (else an Error: the design is not fully crossed).
 */
export function gStudyByColumn(table: GridScoreTable, facets: readonly GridFacet[]): GStudyColumn[] {
  const sizes = facets.map((facet) => facet.size);
  const perPersona = sizes.reduce((product, size) => product * size, 1);
  const slot = new Array<number>(perPersona).fill(-1);
  table.cells.forEach((cell, index) => {
    const at = facets.reduce((position, facet) => position * facet.size + facet.levelOf(cell), 0);
    if (slot[at] !== -1) throw new Error(`gStudyByColumn: cells "${table.cells[slot[at]].name}" and "${cell.name}" have the same facet levels`);
    slot[at] = index;
  });
  if (slot.includes(-1)) throw new Error("gStudyByColumn: the cells do not cross the facets fully (a balanced design is needed)");
  return table.columns.map((column, c) => {
    const complete = table.personas.flatMap((_, p) => (slot.every((cell) => Number.isFinite(table.values[cell][p][c])) ? [p] : []));
    const dropped = table.personas.length - complete.length;
    if (complete.length < 2) return { column, personas: complete.length, dropped };
    const values: number[] = [];
    for (const p of complete) for (const cell of slot) values.push(table.values[cell][p][c]);
    return { column, personas: complete.length, dropped, study: gStudy(["persona", ...facets.map((facet) => facet.name)], [complete.length, ...sizes], values) };
  });
}

/**
 * A negative variance estimate worth saying: below 0 by more than rounding (1e-9 of the largest mean square). A grid
 * whose cells give identical scores yields components of +-1e-17 that are zero, not negative estimates.
 */
export function isNegativeEstimate(effect: GStudy["effects"][number], study: GStudy): boolean {
  const scale = Math.max(1e-300, ...study.effects.map((entry) => Math.abs(entry.meanSquare)));
  return effect.negative && effect.unconstrained < -1e-9 * scale;
}

export interface AlignmentShareRow {
  row: string;
  column: string;
  /** Cells in which the pair is aligned (the paired column has the largest |r| in the row's correlations). */
  aligned: number;
  cells: number;
  share: number;
  /** Aligned in the reference cell. */
  alignedInReference: boolean;
}

/**
 * For each expected pair (a row column and its paired column), the share of cells in which it is aligned: per cell,
 * Pearson's r of the row column with every one of `columnColumns` over personas, isAligned (lib/analysis/aligned.ts).
 */
export function alignmentShares(
  table: GridScoreTable,
  pairs: readonly { row: string; column: string }[],
  columnColumns: readonly string[],
  referenceCell = 0,
): AlignmentShareRow[] {
  const at = (column: string) => {
    const index = table.columns.indexOf(column);
    if (index < 0) throw new Error(`alignmentShares: no score column "${column}"`);
    return index;
  };
  return pairs.map((pair) => {
    const rowIndex = at(pair.row);
    const paired = columnColumns.indexOf(pair.column);
    const alignedIn = table.cells.map((_, cell) => {
      const x = table.personas.map((__, p) => table.values[cell][p][rowIndex]);
      const correlations = columnColumns.map((column) => pearson(x, table.personas.map((__, p) => table.values[cell][p][at(column)])).r);
      return isAligned(correlations, paired);
    });
    const aligned = alignedIn.filter(Boolean).length;
    return { row: pair.row, column: pair.column, aligned, cells: table.cells.length, share: table.cells.length ? aligned / table.cells.length : Number.NaN, alignedInReference: alignedIn[referenceCell] ?? false };
  });
}
