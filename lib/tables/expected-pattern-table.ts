import type { ExpectedPatternRow } from "../analysis/expected-pattern";
import { formatCorrelation } from "./format";
import type { InventoryLabels } from "./correlation-tables";
import { builtTable, center, left, right, type Table } from "./table";

/** The expected human pattern beside the model's correlations: one row per expectation, with r, its 95% CI and whether it holds. */
export function expectedPatternTable(
  rows: readonly ExpectedPatternRow[],
  options: { title?: string; simulated?: boolean; name?: string; labels: InventoryLabels; citation?: string },
): Table {
  const { rows: rowLabel, columns: columnLabel } = options.labels;
  const held = rows.filter((row) => row.holds === true).length;
  return builtTable({ title: `Expected ${rowLabel} x ${columnLabel} pattern (human samples) beside the model's correlations`, name: "rq1-expected-pattern" }, options, {
    columns: [
      left("row", `${rowLabel} domain`),
      left("column", `${columnLabel} domain`),
      center("sign", "Expected sign"),
      left("strength", "Expected strength"),
      center("largestInRow", "Strongest in row?", (value) => (value ? "yes" : "")),
      right("r", "r", formatCorrelation),
      right("low", "95% CI low", formatCorrelation),
      right("high", "95% CI high", formatCorrelation),
      left("strongest", `Strongest ${columnLabel} domain`),
      center("holds", "Holds", (value) => (value === null ? "n/a" : value ? "yes" : "no")),
      left("reason", "Why not"),
    ],
    rows: rows.map((row) => ({
      row: row.row,
      column: row.column,
      sign: row.sign === "positive" ? "+" : "-",
      strength: row.strength ?? "",
      largestInRow: row.largestInRow,
      r: row.r,
      low: row.low,
      high: row.high,
      strongest: row.strongest ?? "",
      holds: row.holds,
      reason: row.reason,
    })),
    notes: [
      `${held} of ${rows.length} expected convergences hold. An expectation holds when the 95% interval (Fisher's z) lies entirely on the expected side of 0 and, where marked, the domain is the row's strongest correlate; strength words are the source's and are not tested.`,
      ...(options.citation ? [`Expected pattern: ${options.citation}.`] : []),
    ],
  });
}
