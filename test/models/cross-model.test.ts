import assert from "node:assert/strict";
import { test } from "node:test";
import { crossModelSummary } from "../../lib/questions/rq1/cross-model";
import { CSI_COLUMNS, HEXACO_COLUMNS } from "../../lib/analysis/domains";
import { crossModelAlignmentTable, modelDifferenceTable } from "../../lib/questions/rq1/cross-model-tables";

const COLUMNS = [...HEXACO_COLUMNS, ...CSI_COLUMNS];

// Made-up scores: value(persona, column, model), rounded to 4 decimals, the same formula as the numpy reference below.
function value(persona: number, column: number, model: number): number {
  return Math.round((3 + Math.sin(persona * 1.3 + column * 0.7 + model * 0.9) * 1.2 + 0.3 * Math.cos(persona * column + model)) * 1e4) / 1e4;
}

function rows(models: readonly string[], personas = 12) {
  return models.flatMap((model, modelIndex) =>
    Array.from({ length: personas }, (_, persona) => ({
      personaId: `p${persona}`,
      dataset: "esconv",
      model,
      ...Object.fromEntries(COLUMNS.map((column, index) => [column, value(persona, index, modelIndex)])),
    })),
  );
}

test("the differences of the paired correlations between two models equal numpy's", () => {
  // numpy reference (HEXACO and CSI columns in the paper's order, so the paired cells are the diagonal):
  //   val = lambda p,k,m: round(3+math.sin(p*1.3+k*0.7+m*0.9)*1.2 + 0.3*math.cos(p*k+m), 4)
  //   A, B = [[[val(p,k,m) for k in range(12)] for p in range(12)] for m in (0, 1)]
  //   np.corrcoef(A[:,i], A[:,6+i])[0,1] - np.corrcoef(B[:,i], B[:,6+i])[0,1]  for i in range(6)
  const expected = [0.0535215714, 0.0038331271, -0.0085320265, -0.0120280664, 0.0191921473, 0.5871359749];
  const summary = crossModelSummary(rows(["model-a", "model-b"]), { resamples: 400, seed: 3 });
  const paired = summary.differences.filter((item) => item.paired);
  assert.equal(summary.differences.length, 36);
  assert.equal(paired.length, 6);
  paired.forEach((item, index) => {
    assert.ok(Math.abs(item.difference - expected[index]) < 1e-9, `${item.hexacoDomain}: ${item.difference} vs ${expected[index]}`);
    assert.equal(item.personas, 12);
    assert.ok(item.low <= item.difference + 1e-12 && item.difference - 1e-12 <= item.high || !Number.isFinite(item.low), `${item.hexacoDomain} CI`);
  });
  // One (dataset, model) alignment line per HEXACO domain and model.
  assert.equal(summary.alignment.length, 12);
  assert.deepEqual(summary.alignedCounts.map((count) => count.model), ["model-a", "model-b"]);
});

test("a model against itself differs by exactly 0 with a zero-width CI; a shifted model is told apart", () => {
  const same = rows(["a", "b"]).map((row) => ({ ...row, ...(row.model === "b" ? Object.fromEntries(COLUMNS.map((column, index) => [column, value(Number(row.personaId.slice(1)), index, 0)])) : {}) }));
  for (const item of crossModelSummary(same, { resamples: 200 }).differences.filter((entry) => entry.paired)) {
    assert.equal(item.difference, 0);
    assert.equal(item.low, 0);
    assert.equal(item.high, 0);
  }
  // Model b's Expressiveness is unrelated noise for 60 personas, while model a's follows Extraversion closely.
  const personas = 60;
  const designed = ["a", "b"].flatMap((model) =>
    Array.from({ length: personas }, (_, persona) => {
      const extraversion = 1 + (persona % 5);
      const noise = Math.sin(persona * 12.9898) * 2;
      const row: Record<string, unknown> = { personaId: `p${persona}`, dataset: "esconv", model };
      COLUMNS.forEach((column, index) => (row[column] = value(persona, index, 0)));
      row[HEXACO_COLUMNS[0]] = extraversion;
      row[CSI_COLUMNS[0]] = model === "a" ? extraversion + 0.1 * noise : 3 + noise;
      return row;
    }),
  );
  const extraversion = crossModelSummary(designed, { resamples: 500 }).differences.find((item) => item.paired && item.hexacoDomain === "Extraversion")!;
  assert.ok(extraversion.low > 0.3, `the CI of a designed difference excludes 0: [${extraversion.low}, ${extraversion.high}]`);
  const table = modelDifferenceTable(crossModelSummary(designed, { resamples: 200 }).differences);
  assert.equal(table.rows.find((row) => row.hexaco === "Extraversion")?.differs, true);
});

test("the alignment table marks each model's aligned rows and sets the paper's r beside real models only", () => {
  const summary = crossModelSummary(rows(["openai:gpt-4o-mini", "sim:aligned"]), { resamples: 50 });
  const table = crossModelAlignmentTable(summary, {
    paperPairedR: (dataset, model, domain) => (model === "openai:gpt-4o-mini" && domain === "Extraversion" ? 0.54 : undefined),
  });
  assert.equal(table.rows.length, 12);
  assert.equal(table.rows.find((row) => row.model === "openai:gpt-4o-mini" && row.hexaco === "Extraversion")?.paperR, 0.54);
  assert.equal(table.rows.find((row) => row.model === "sim:aligned" && row.hexaco === "Extraversion")?.paperR, null);
  assert.ok(table.notes.some((note) => /openai:gpt-4o-mini: \d of 6 aligned/.test(note)));
});
