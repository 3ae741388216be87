import { test } from "node:test";
import assert from "node:assert/strict";
import { show } from "../../lib/notebook/show";
import { showTables, TABLE_ROWS_SHOWN } from "../../lib/notebook/display";
import type { Table } from "../../lib/tables/table";

// A long table in a notebook cell: its first rows and a line counting the rest with the call that shows them all,
// so a saved notebook stays light (the export still writes every row).
const table: Table = {
  title: "pairs",
  name: "rq1-pairs",
  columns: [
    { key: "pair", label: "pair", align: "left" },
    { key: "r", label: "r", align: "right" },
  ],
  rows: Array.from({ length: 36 }, (_, index) => ({ pair: `pair ${index}`, r: index / 100 })),
  notes: [],
};

function capture(run: (display: { html(html: string): void }) => void): string[] {
  const shown: string[] = [];
  run({ html: (html) => shown.push(html) });
  return shown;
}

const bodyRows = (html: string) => (html.split("<tbody>")[1].split("</tbody>")[0].match(/<tr>/g) ?? []).length;

test("pt.show and pt.showTables show a long table's first 20 rows and say how to show every row", () => {
  assert.equal(TABLE_ROWS_SHOWN, 20);
  const [shown] = capture((display) => show(table, { display }));
  assert.equal(bodyRows(shown), 20);
  assert.match(shown, /… 16 more rows not shown \(36 in all\): pt\.show\(table, \{ limit: Infinity \}\) shows every row \(table &quot;rq1-pairs&quot;; the export writes them all\)/);
  const [all] = capture((display) => show(table, { display, limit: Infinity }));
  assert.equal(bodyRows(all), 36);
  assert.doesNotMatch(all, /more rows/);
  const listed = capture((display) => showTables([table, { ...table, rows: table.rows.slice(0, 5) }], { display }));
  assert.deepEqual(listed.map(bodyRows), [20, 5]);
  assert.match(listed[0], /pt\.showTables\(tables, \{ limit: Infinity \}\) shows every row/);
  assert.deepEqual(capture((display) => showTables(table, { display, limit: 3 })).map(bodyRows), [3]);
});
