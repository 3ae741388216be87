import { test } from "node:test";
import assert from "node:assert/strict";
import { rq1PsychometricSection } from "../../lib/reports/psychometric-sections";
import type { AnswerRow } from "../../lib/pipeline/stages/answer-inventory";
import { toMarkdown } from "../../lib/tables/markdown";

// Issue 24: rq1-reliability had empty 95% CI columns under a note describing a bootstrap. The CI is now Feldt's
// analytic interval (a bootstrap per domain and dataset made the warm re-run at N = 300 5.4x its floor, over issue
// 13's 3x; analyze psychometrics keeps the bootstrap), and an empty cell is explained.

// 30 personas x 5 items, made by python3 (numpy 1.x/2.x default_rng):
//   rng = np.random.default_rng(7); n, k = 30, 5; t = rng.normal(size=n)
//   X = np.clip(np.rint(3 + 0.9*t[:,None] + rng.normal(size=(n,k))), 1, 5).astype(int)
const X = [
  [1, 3, 2, 2, 4], [2, 3, 4, 3, 3], [3, 3, 2, 3, 4], [1, 3, 2, 2, 4], [3, 1, 3, 3, 2], [3, 2, 3, 4, 1], [3, 3, 3, 2, 2], [4, 5, 5, 3, 3],
  [3, 1, 2, 2, 4], [3, 2, 2, 2, 4], [3, 3, 4, 3, 3], [2, 3, 3, 4, 4], [3, 4, 3, 4, 3], [3, 1, 3, 1, 1], [3, 2, 3, 5, 2], [3, 4, 4, 3, 3],
  [2, 2, 1, 2, 2], [2, 3, 2, 4, 3], [1, 1, 1, 1, 1], [2, 1, 3, 1, 3], [1, 2, 1, 1, 3], [4, 3, 3, 3, 2], [3, 1, 2, 1, 1], [2, 5, 3, 4, 3],
  [2, 3, 3, 3, 3], [3, 1, 2, 4, 2], [1, 1, 2, 1, 1], [2, 1, 3, 2, 3], [2, 3, 2, 3, 2], [2, 4, 3, 3, 3],
];

function answers(matrix: number[][], dataset: string): AnswerRow[] {
  return matrix.flatMap((row, person) =>
    row.map((answer, item) => ({ personaId: `${dataset}:${person}`, inventory: "HEXACO-60", itemId: item + 1, domain: "Extraversion", reversed: false, answer }) as unknown as AnswerRow),
  );
}

test("rq1-reliability fills the 95% CI with Feldt's interval; alpha and the CI match python (scipy)", () => {
  const section = rq1PsychometricSection([{ dataset: "esconv", answers: { rows: answers(X, "esconv") }, scores: [] }], true, 1);
  const table = section.tables.find((entry) => entry.name === "rq1-reliability")!;
  assert.equal(table.rows.length, 1);
  const row = table.rows[0] as { group: string; alpha: number; alphaLow: number; alphaHigh: number; n: number };
  assert.equal(row.group, "ESConv");
  assert.equal(row.n, 30);
  // python3: alpha = k/(k-1) * (1 - X.var(axis=0, ddof=1).sum() / X.sum(axis=1).var(ddof=1)) -> 0.6933975765671213
  assert.ok(Math.abs(row.alpha - 0.6933975765671213) < 1e-12, `alpha ${row.alpha}`);
  // Feldt's interval, scipy 1.17.1 (as pingouin.cronbach_alpha computes it):
  //   from scipy.stats import f; df1 = n - 1; df2 = df1 * (k - 1)
  //   1 - (1 - a) * f.isf(0.025, df1, df2) -> 0.47750156725861537; 1 - (1 - a) * f.isf(0.975, df1, df2) -> 0.8376652805102744
  assert.ok(Math.abs(row.alphaLow - 0.47750156725861537) < 1e-9, `low ${row.alphaLow}`);
  assert.ok(Math.abs(row.alphaHigh - 0.8376652805102744) < 1e-9, `high ${row.alphaHigh}`);
  assert.match(table.title, /Feldt 95% CI/);
  assert.ok(table.notes.some((note) => /^95% CI: Feldt \(1965\)/.test(note)));
  assert.ok(!table.notes.some((note) => /bootstrap over personas/.test(note)));
  assert.ok(!table.notes.some((note) => /No interval/.test(note)));
});

test("a row without an interval is named in the note with the reason, never an empty column under a bootstrap note", () => {
  const section = rq1PsychometricSection(
    [
      { dataset: "esconv", answers: { rows: answers(X, "esconv") }, scores: [] },
      { dataset: "cams", answers: { rows: answers(X.slice(0, 1), "cams") }, scores: [] },
    ],
    true,
    1,
  );
  const table = section.tables.find((entry) => entry.name === "rq1-reliability")!;
  const markdown = toMarkdown(table);
  assert.match(markdown, /\| CAMS \| HEXACO-60 \| Extraversion \| 5 \| 1 \|/);
  assert.ok(table.notes.some((note) => /^No interval for CAMS HEXACO-60 Extraversion: alpha is undefined there/.test(note)), table.notes.join("\n"));
  assert.ok(!table.notes.some((note) => /ESConv HEXACO-60 Extraversion/.test(note) && /No interval/.test(note)));
});
