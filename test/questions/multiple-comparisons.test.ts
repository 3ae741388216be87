import { test } from "node:test";
import assert from "node:assert/strict";
import { CSI_COLUMNS, HEXACO_COLUMNS } from "../../lib/analysis/domains";
import { rq1Heatmap } from "../../lib/questions/rq1/rq1-analysis";
import { rq1Report } from "../../lib/questions/rq1/rq1-report";
import { parseCorrection } from "../../lib/cli/analysis-run-options";
import { UsageError } from "../../lib/errors";

/** 60 made-up personas: Extraversion drives Expressiveness strongly, a few cells weakly, the rest noise (seeded LCG). */
function scoreRows(): Record<string, unknown>[] {
  let state = 7;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  return Array.from({ length: 60 }, (_, index) => {
    const latent = HEXACO_COLUMNS.map(() => random());
    const row: Record<string, unknown> = { personaId: `p${index}`, dataset: "esconv", model: "m", condition: "measured" };
    HEXACO_COLUMNS.forEach((column, at) => (row[column] = 3 + latent[at]));
    CSI_COLUMNS.forEach((column, at) => (row[column] = 3 + (at === 0 ? latent[2] : at === 1 ? 0.35 * latent[4] : 0) + random()));
    return row;
  });
}

const starred = (spec: ReturnType<typeof rq1Heatmap>["spec"]) => (spec.layout.annotations ?? []).filter((annotation) => annotation.xref === "x" && annotation.text.includes("*")).length;

for (const correction of ["holm", "bh", "none"] as const) {
  test(`RQ1 ${correction}: the heatmap marks exactly the cells the table counts, and both name the correction`, () => {
    const report = rq1Report(scoreRows(), { correction });
    const group = report.groups[0];
    const cells = group.matrix.cells.flat();
    const significant = cells.filter((cell) => (correction === "none" ? cell.p : cell.adjustedP!) < 0.05).length;
    const figure = rq1Heatmap(group, false);
    assert.equal(starred(figure.spec), significant);
    const table = report.tables.find((item) => item.name?.startsWith("rq1-correlations-esconv"))!;
    const subtitle = String((figure.spec.layout.title as { subtitle?: { text?: string } }).subtitle?.text);
    const named = { holm: "Holm", bh: "Benjamini-Hochberg", none: "unadjusted" }[correction];
    assert.ok(table.notes.some((note) => note.startsWith(`${significant} of 36 correlations have p < .05`) && note.includes(named)), table.notes.join("\n"));
    assert.ok(subtitle.includes(named), subtitle);
    // Power is stated beside the figure and the table: n = 60 detects |r| >= .35 with 80% power
    // (python3: np.tanh((norm.ppf(.975)+norm.ppf(.8))/np.sqrt(57)) = 0.354935).
    assert.match(subtitle, /80% power for \|r\| ≥ \.35/);
    assert.ok(table.notes.some((note) => /n = 60, the smallest \|r\| detected with 80% power is \.35/.test(note)));
  });
}

test("a correction makes fewer marks than none on the same data, and --correction is checked", () => {
  const marks = (correction: "holm" | "none") => starred(rq1Heatmap(rq1Report(scoreRows(), { correction }).groups[0], false).spec);
  assert.ok(marks("holm") <= marks("none"));
  assert.equal(parseCorrection(undefined), "holm", "the default is Holm");
  assert.equal(parseCorrection("bh"), "bh");
  assert.throws(() => parseCorrection("bonferroni"), UsageError);
});
