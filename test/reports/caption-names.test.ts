import { test } from "node:test";
import assert from "node:assert/strict";
import { figureCaption } from "../../lib/reports/figure-caption";
import { captionModelName, captionWhere } from "../../lib/reports/display-names";
import { rq1Report } from "../../lib/questions/rq1/rq1-report";
import { fixture } from "../analysis/fixtures";

// Issue 24: captions and table titles name datasets and models as the figures do ("ESConv", "Simulated aligned
// (SIMULATED)", "gpt-4o-mini"), never the internal ids (esconv, sim-3-aligned-seed1-truth1e096f79).

test("captionModelName: a simulated model by its display name from any of its ids, a paper model in the paper's spelling", () => {
  assert.equal(captionModelName("sim-3-aligned-seed1-truth1e096f79"), "Simulated aligned (SIMULATED)");
  assert.equal(captionModelName("sim-3-llama-like-seed2-truth0a1b2c3d"), "Simulated LLaMA-like (SIMULATED)");
  assert.equal(captionModelName("sim:haiku-like"), "Simulated Haiku-like (SIMULATED)");
  assert.equal(captionModelName("sim"), "Simulated aligned (SIMULATED)");
  assert.equal(captionModelName("gpt-4o-mini-2024-07-18"), "gpt-4o-mini");
  assert.equal(captionModelName("anthropic/claude-3-5-haiku-20241022"), "Claude-3.5-Haiku");
  // A real model id that happens to equal a simulated model's short id stays itself.
  assert.equal(captionModelName("aligned"), "aligned");
});

test("captionWhere: display names of dataset and model", () => {
  assert.equal(captionWhere({ dataset: "dreaddit", model: "sim-3-aligned-seed1-truth1e096f79" }), " from Dreaddit measured by Simulated aligned (SIMULATED)");
  assert.equal(captionWhere({ dataset: "cams" }), " from CAMS");
  assert.equal(captionWhere({}), "");
});

test("the RQ1 table titles and a figure's caption file carry no internal id", () => {
  const scores = fixture<Record<string, unknown>[]>("scores.json").map((row) => ({ ...row, model: "sim-3-aligned-seed1-truth1e096f79" }));
  const report = rq1Report(scores, { simulated: true });
  for (const table of report.tables) {
    assert.doesNotMatch(table.title, /sim-3-|truth[0-9a-f]{8}|\besconv\b|\bcams\b/, table.title);
    assert.match(table.title, /from (ESConv|CAMS) measured by Simulated aligned \(SIMULATED\)$/);
  }
  // File names keep the ids (they tell files apart); summary.json keeps the model id.
  assert.ok(report.tables.every((table) => /-(esconv|cams)-sim-3-aligned-seed1-truth1e096f79$/.test(table.name!)), report.tables.map((table) => table.name).join(", "));
  assert.ok(JSON.stringify(report.summary).includes("sim-3-aligned-seed1-truth1e096f79"));
  const caption = figureCaption("HEXACO x CSI correlations (ESConv, simulated), n = 20", { simulated: true, provider: "sim", model: "sim-3-aligned-seed1-truth1e096f79" });
  assert.match(caption, /Model: Simulated aligned \(SIMULATED\)\./);
  assert.doesNotMatch(caption, /truth1e096f79/);
});
