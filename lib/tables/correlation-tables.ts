import { abbreviate, domainOf } from "../analysis/domains";
import type { AlignmentRow } from "../analysis/rq1-correlations";
import type { CorrelationMatrix } from "../stats/correlation-matrix";
import { formatCorrelation, formatP } from "./format";
import { correctionName } from "../stats/adjust";
import { powerNote } from "../stats/correlation-power";
import type { CellReference, Table, TableColumn } from "./table";
import { builtTable, center, left, right } from "./table";

/** How titles and headers name the row and the column inventory (pairing labels); "HEXACO" and "CSI" by default. */
export interface InventoryLabels {
  rows: string;
  columns: string;
}

const PAPER_LABELS: InventoryLabels = { rows: "HEXACO", columns: "CSI" };
import { finiteOrNull } from "../stats/finite-or-null";

export interface CorrelationTableOptions {
  title?: string;
  labels?: InventoryLabels;
  /** Score column -> short label for the headers (pairingAbbreviations); else `abbreviate` (the catalog's). */
  abbreviations?: Readonly<Record<string, string>>;
  simulated?: boolean;
  /**
   * Which cell of each row is bold: "strongest" |r| (default; what the alignment check tests), the theoretically
   * "paired" cell (the paper's Table 2 bolds the paired cell even where another is stronger; Tables 3 and 4 bold
   * more than the paired cell), or "none".
   */
  emphasis?: "strongest" | "paired" | "none";
  /** Pairs of the paired emphasis, HEXACO column -> CSI column (from alignmentCheck). */
  alignment?: readonly AlignmentRow[];
  name?: string;
}

/** Tables 2-4 / 10-15: HEXACO rows x CSI columns of r (or any row x column inventory pair), as ".54" / "-.21". */
export function correlationTable(matrix: CorrelationMatrix, options: CorrelationTableOptions = {}): Table {
  const { rows: rowLabel, columns: columnLabel } = options.labels ?? PAPER_LABELS;
  const short = (variable: string) => options.abbreviations?.[variable] ?? abbreviate(variable);
  const columns: TableColumn[] = [
    left("domain", ""),
    ...matrix.columnVariables.map((variable) => ({
      key: variable,
      label: short(variable),
      align: "right" as const,
      format: formatCorrelation,
    })),
  ];
  const rows = matrix.rowVariables.map((variable, rowIndex) => {
    const row: Record<string, string | number | null> = { domain: short(variable) };
    matrix.cells[rowIndex].forEach((cell, columnIndex) => {
      row[matrix.columnVariables[columnIndex]] = finiteOrNull(cell.r);
    });
    return row;
  });
  const emphasis: CellReference[] = [];
  const mode = options.emphasis ?? "strongest";
  matrix.cells.forEach((cells, rowIndex) => {
    if (mode === "strongest") {
      const largest = Math.max(...cells.map((cell) => (Number.isFinite(cell.r) ? Math.abs(Number(formatCorrelation(cell.r))) : -1)));
      // Compare at the shown precision so that equal-looking cells are bold together, as in the paper.
      cells.forEach((cell, columnIndex) => {
        if (largest >= 0 && Number.isFinite(cell.r) && Math.abs(Number(formatCorrelation(cell.r))) === largest) {
          emphasis.push({ row: rowIndex, column: matrix.columnVariables[columnIndex] });
        }
      });
    } else if (mode === "paired") {
      const paired = options.alignment?.find((item) => item.hexacoColumn === matrix.rowVariables[rowIndex])?.pairedColumn;
      if (paired) emphasis.push({ row: rowIndex, column: paired });
    }
  });
  const all = matrix.cells.flat();
  const counts = all.map((cell) => cell.n);
  const significant = all.filter((cell) => (cell.adjustedP ?? cell.p) < 0.05).length;
  const notes = [
    `Pearson r between ${rowLabel} (rows) and ${columnLabel} (columns) domain scores; n = ${Math.min(...counts)}${
      Math.min(...counts) === Math.max(...counts) ? "" : `-${Math.max(...counts)}`
    } personas per cell (pairs with a missing score dropped).`,
    `${significant} of ${all.length} correlations have p < .05${matrix.correction === "none" ? " (unadjusted for multiple comparisons)" : ` after ${correctionName(matrix.correction)} correction over the ${all.length} cells`} (two-sided); the heatmap marks the same p.`,
    powerNote(Math.min(...counts)),
    mode === "paired"
      ? `Bold: the ${columnLabel} domain paired with each ${rowLabel} domain by theory.`
      : mode === "strongest"
        ? "Bold: the strongest correlation (by absolute value) in each row."
        : "",
  ].filter((note) => note.length > 0);
  return {
    title: options.title ?? `Correlations between ${rowLabel} and ${columnLabel} domains`,
    columns,
    rows,
    notes,
    simulated: options.simulated,
    emphasis,
    name: options.name ?? "rq1-correlations",
  };
}

/** Every cell of the matrix in long form: r, its 95% interval, p (and adjusted p) and n. */
export function correlationDetailTable(
  matrix: CorrelationMatrix,
  options: { title?: string; simulated?: boolean; name?: string; labels?: InventoryLabels } = {},
): Table {
  const { rows: rowLabel, columns: columnLabel } = options.labels ?? PAPER_LABELS;
  const adjusted = matrix.correction !== "none";
  const interval = (value: unknown) => formatCorrelation(value);
  const columns: TableColumn[] = [
    left("hexaco", rowLabel), left("csi", columnLabel), right("r", "r", formatCorrelation), right("low", "95% CI low", interval),
    right("high", "95% CI high", interval), right("p", "p", formatP),
    ...(adjusted ? [{ key: "adjustedP", label: `p (${matrix.correction})`, align: "right" as const, format: formatP }] : []),
    right("n", "n"),
  ];
  const rows = matrix.cells.flat().map((cell) => ({
    hexaco: cell.rowVariable,
    csi: cell.columnVariable,
    r: finiteOrNull(cell.r),
    low: finiteOrNull(cell.low),
    high: finiteOrNull(cell.high),
    p: finiteOrNull(cell.p),
    ...(adjusted ? { adjustedP: finiteOrNull(cell.adjustedP) } : {}),
    n: cell.n,
  }));
  return builtTable({ title: `${rowLabel} x ${columnLabel} correlations with 95% confidence intervals`, name: "rq1-correlations-detail" }, options, {
    columns,
    rows,
    notes: [
      "95% intervals by Fisher's z transform; p two-sided from the t distribution with n - 2 degrees of freedom." +
        (adjusted ? ` p (${matrix.correction}): ${correctionName(matrix.correction)}-adjusted over the ${rows.length} cells, the p the heatmap marks.` : " p unadjusted for multiple comparisons."),
      powerNote(Math.min(...rows.map((row) => row.n))),
    ],
  });
}

/** The Section 4.1 alignment check as a small table: one row per HEXACO (row inventory) domain. */
export function alignmentTable(
  alignment: readonly AlignmentRow[],
  options: { title?: string; simulated?: boolean; name?: string; labels?: InventoryLabels } = {},
): Table {
  const { rows: rowLabel, columns: columnLabel } = options.labels ?? PAPER_LABELS;
  const columns: TableColumn[] = [
    left("hexaco", `${rowLabel} domain`), left("paired", `Paired ${columnLabel} domain`), right("pairedR", "r (paired)", formatCorrelation),
    left("strongest", `Strongest ${columnLabel} domain`), right("strongestR", "r (strongest)", formatCorrelation),
    center("aligned", "Aligned", (value) => (value ? "yes" : "no")),
  ];
  const rows = alignment.map((row) => ({
    hexaco: row.hexacoDomain,
    paired: row.pairedColumn ? domainOf(row.pairedColumn) : null,
    pairedR: finiteOrNull(row.pairedR),
    strongest: row.strongestColumn ? domainOf(row.strongestColumn) : null,
    strongestR: finiteOrNull(row.strongestR),
    aligned: row.aligned,
  }));
  const aligned = alignment.filter((row) => row.aligned).length;
  return {
    title: options.title ?? `Alignment of the strongest ${rowLabel}-${columnLabel} correlations with theory`,
    columns,
    rows,
    notes: [`${aligned} of ${alignment.length} ${rowLabel} domains correlate most strongly (by |r|) with their paired ${columnLabel} domain.`],
    simulated: options.simulated,
    emphasis: rows.flatMap((row, index) => (row.aligned ? [] : [{ row: index, column: "aligned" }])),
    name: options.name ?? "rq1-alignment",
  };
}
