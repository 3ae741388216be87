import { abbreviate, domainOf } from "../analysis/domains";
import type { AlignmentRow } from "../analysis/rq1-correlations";
import type { CorrelationMatrix } from "../stats/correlation-matrix";
import { formatCorrelation, formatP } from "./format";
import type { CellReference, Table, TableColumn } from "./table";
import { finiteOrNull } from "../stats/finite-or-null";

export interface CorrelationTableOptions {
  title?: string;
  simulated?: boolean;
  /**
   * Which cell of each row is bold: "strongest" |r| (default; what the alignment check tests), the theoretically
   * "paired" cell (the paper's Tables 2-4 bold the paired cell even where another is stronger), or "none".
   */
  emphasis?: "strongest" | "paired" | "none";
  /** Pairs of the paired emphasis, HEXACO column -> CSI column (from alignmentCheck). */
  alignment?: readonly AlignmentRow[];
  name?: string;
}

/** Tables 2-4 / 10-15: HEXACO rows x CSI columns of r, as ".54" / "-.21". */
export function correlationTable(matrix: CorrelationMatrix, options: CorrelationTableOptions = {}): Table {
  const columns: TableColumn[] = [
    { key: "domain", label: "", align: "left" },
    ...matrix.columnVariables.map((variable) => ({
      key: variable,
      label: abbreviate(variable),
      align: "right" as const,
      format: formatCorrelation,
    })),
  ];
  const rows = matrix.rowVariables.map((variable, rowIndex) => {
    const row: Record<string, string | number | null> = { domain: abbreviate(variable) };
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
    `Pearson r between HEXACO (rows) and CSI (columns) domain scores; n = ${Math.min(...counts)}${
      Math.min(...counts) === Math.max(...counts) ? "" : `-${Math.max(...counts)}`
    } personas per cell (pairs with a missing score dropped).`,
    `${significant} of ${all.length} correlations have p < .05${matrix.correction === "none" ? "" : ` after ${matrix.correction === "holm" ? "Holm" : "Benjamini-Hochberg"} correction`} (two-sided).`,
    mode === "paired"
      ? "Bold: the CSI domain paired with each HEXACO domain by theory."
      : mode === "strongest"
        ? "Bold: the strongest correlation (by absolute value) in each row."
        : "",
  ].filter((note) => note.length > 0);
  return {
    title: options.title ?? "Correlations between HEXACO and CSI domains",
    columns,
    rows,
    notes,
    simulated: options.simulated,
    emphasis,
    name: options.name ?? "rq1-correlations",
  };
}

/** Every cell of the matrix in long form: r, its 95% interval, p (and adjusted p) and n. */
export function correlationDetailTable(matrix: CorrelationMatrix, options: { title?: string; simulated?: boolean; name?: string } = {}): Table {
  const adjusted = matrix.correction !== "none";
  const interval = (value: unknown) => formatCorrelation(value);
  const columns: TableColumn[] = [
    { key: "hexaco", label: "HEXACO", align: "left" },
    { key: "csi", label: "CSI", align: "left" },
    { key: "r", label: "r", align: "right", format: formatCorrelation },
    { key: "low", label: "95% CI low", align: "right", format: interval },
    { key: "high", label: "95% CI high", align: "right", format: interval },
    { key: "p", label: "p", align: "right", format: formatP },
    ...(adjusted ? [{ key: "adjustedP", label: `p (${matrix.correction})`, align: "right" as const, format: formatP }] : []),
    { key: "n", label: "n", align: "right" },
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
  return {
    title: options.title ?? "HEXACO x CSI correlations with 95% confidence intervals",
    columns,
    rows,
    notes: ["95% intervals by Fisher's z transform; p two-sided from the t distribution with n - 2 degrees of freedom."],
    simulated: options.simulated,
    name: options.name ?? "rq1-correlations-detail",
  };
}

/** The Section 4.1 alignment check as a small table: one row per HEXACO domain. */
export function alignmentTable(alignment: readonly AlignmentRow[], options: { title?: string; simulated?: boolean; name?: string } = {}): Table {
  const columns: TableColumn[] = [
    { key: "hexaco", label: "HEXACO domain", align: "left" },
    { key: "paired", label: "Paired CSI domain", align: "left" },
    { key: "pairedR", label: "r (paired)", align: "right", format: formatCorrelation },
    { key: "strongest", label: "Strongest CSI domain", align: "left" },
    { key: "strongestR", label: "r (strongest)", align: "right", format: formatCorrelation },
    { key: "aligned", label: "Aligned", align: "center", format: (value) => (value ? "yes" : "no") },
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
    title: options.title ?? "Alignment of the strongest HEXACO-CSI correlations with theory",
    columns,
    rows,
    notes: [`${aligned} of ${alignment.length} HEXACO domains correlate most strongly (by |r|) with their paired CSI domain.`],
    simulated: options.simulated,
    emphasis: rows.flatMap((row, index) => (row.aligned ? [] : [{ row: index, column: "aligned" }])),
    name: options.name ?? "rq1-alignment",
  };
}
