import { test } from "node:test";
import assert from "node:assert/strict";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";
import { dataOverview } from "../../lib/questions/data/data-overview";
import { analyzeRq1 } from "../../lib/questions/rq1/rq1-analysis";
import { toCsv } from "../../lib/tables/csv";
import { temporaryCache, useRealData } from "../pipeline/helpers";
import { ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";

// Table 1 has one definition (lib/pipeline/select-personas.ts): the personas measured, with the filter's rejections
// counted. The data notebook's path (dataOverview) and `analyze rq1` (analyzeRq1) must give the same table at the
// same N and seed, and N must be the number of personas measured.
const REQUIRED = [ESCONV_TRAIN, ...INVENTORY_FILES];

test("Table 1: the data notebook's path and analyze rq1 agree at the same N and seed, N = personas measured", { skip: skipWithoutData(REQUIRED), timeout: 120_000 }, async () => {
  assert.ok(findDataFolder(REQUIRED));
  useRealData();
  const cache = temporaryCache();
  const context = createPipelineContext({ model: { provider: "sim" }, cachePath: cache.path });
  try {
    const n = 4;
    const seed = 3;
    const overview = await dataOverview({ context, n, seed, progress: false });
    const rq1 = await analyzeRq1({ context, n, seed, progress: false });
    assert.deepEqual(overview.statistics, rq1.summary.table1);
    assert.equal(overview.statistics.length, 3);
    for (const row of overview.statistics) assert.equal(row.personas, n, `${row.dataset}: ${n} personas measured`);
    for (const run of rq1.runs) assert.equal(run.scores.length, n, `${run.dataset}: one score row per persona measured`);
    // The same table, rendered: every table the two places both show is equal cell for cell.
    for (const name of ["table1-persona-cards", "paper-table1"]) {
      const fromOverview = overview.tables.find((table) => table.name === name);
      const fromRq1 = rq1.tables.find((table) => table.name === name);
      assert.ok(fromOverview && fromRq1, name);
      assert.equal(toCsv(fromOverview), toCsv(fromRq1), name);
    }
  } finally {
    context.close();
    cache.remove();
  }
});
