import { test } from "node:test";
import assert from "node:assert/strict";
import { toDataFrame } from "../../lib/tables/data-frame";
import { rowsOf } from "../../lib/analysis/rows";
import { rq1Correlations } from "../../lib/analysis/rq1-correlations";
import type { Table } from "../../lib/tables/table";

const table: Table = {
  title: "t",
  columns: [
    { key: "strategy", label: "Strategy" },
    { key: "both", label: "w/ PT", format: () => "ignored in DataFrames" },
  ],
  rows: [
    { strategy: "question", both: 0.27 },
    { strategy: "others", both: null },
  ],
  notes: [],
};

test("toDataFrame keeps column keys and raw values", () => {
  const frame = toDataFrame(table);
  assert.deepEqual(frame.columns, ["strategy", "both"]);
  assert.deepEqual(frame.values, [
    ["question", 0.27],
    ["others", null],
  ]);
  assert.deepEqual(toDataFrame({ ...table, rows: [] }).shape, [0, 2]);
});

test("analyses accept a real danfojs DataFrame through rowsOf", () => {
  const scores = Array.from({ length: 6 }, (_, index) => ({
    personaId: `p${index}`,
    "HEXACO-60:Extraversion": index + 1,
    "CSI:Expressiveness": [2, 1, 4, 3, 6, 5][index],
  }));
  const frame = toDataFrame({
    title: "scores",
    columns: Object.keys(scores[0]).map((key) => ({ key, label: key })),
    rows: scores,
    notes: [],
  });
  assert.equal(rowsOf(frame).length, 6);
  const fromFrame = rq1Correlations(frame, { rowColumns: ["HEXACO-60:Extraversion"], columnColumns: ["CSI:Expressiveness"] });
  const fromRows = rq1Correlations(scores, { rowColumns: ["HEXACO-60:Extraversion"], columnColumns: ["CSI:Expressiveness"] });
  assert.equal(fromFrame.cells[0][0].r, fromRows.cells[0][0].r);
  assert.ok(fromFrame.cells[0][0].r > 0.8);
});
