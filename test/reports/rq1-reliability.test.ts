import { test } from "node:test";
import assert from "node:assert/strict";
import { rq1PsychometricSection } from "../../lib/reports/psychometric-sections";
import type { AnswerRow } from "../../lib/pipeline/stages/answer-inventory";
import { toMarkdown } from "../../lib/tables/markdown";

// Issue 24: rq1-reliability had empty 95% CI columns under a note describing a bootstrap. The CI is now the seeded
// percentile bootstrap over personas (lib/stats/bootstrap.ts, 2,000 resamples), and an empty cell is explained.

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

test("rq1-reliability fills the 95% CI with a seeded bootstrap over personas; alpha and the CI match python", () => {
  const section = rq1PsychometricSection([{ dataset: "esconv", answers: { rows: answers(X, "esconv") }, scores: [] }], true, 1);
  const table = section.tables.find((entry) => entry.name === "rq1-reliability")!;
  assert.equal(table.rows.length, 1);
  const row = table.rows[0] as { group: string; alpha: number; alphaLow: number; alphaHigh: number; n: number };
  assert.equal(row.group, "ESConv");
  assert.equal(row.n, 30);
  // python3: alpha = k/(k-1) * (1 - X.var(axis=0, ddof=1).sum() / X.sum(axis=1).var(ddof=1)) -> 0.6933975765671213
  assert.ok(Math.abs(row.alpha - 0.6933975765671213) < 1e-12, `alpha ${row.alpha}`);
  // An independent percentile bootstrap (numpy's own draws, 20 seeds):
  //   for s in range(20): r = np.random.default_rng(100+s); a = [alpha(X[r.integers(0,n,n)]) for _ in range(2000)]
  //     lows.append(np.percentile(a, 2.5)); highs.append(np.percentile(a, 97.5))
  //   low: mean 0.4095, sd 0.0090 (0.397-0.429); high: mean 0.8209, sd 0.0028 (0.816-0.827)
  // Different draws, so the ends agree within Monte Carlo error (4 sd), not exactly.
  assert.ok(Math.abs(row.alphaLow - 0.4095) < 0.036, `low ${row.alphaLow}`);
  assert.ok(Math.abs(row.alphaHigh - 0.8209) < 0.012, `high ${row.alphaHigh}`);
  // The percentile interval of alpha is skewed: longer below than above (as numpy's, 0.28 vs 0.13).
  assert.ok(row.alpha - row.alphaLow > 1.5 * (row.alphaHigh - row.alpha));
  // Seeded: the same run gives the same interval, another seed another.
  const again = rq1PsychometricSection([{ dataset: "esconv", answers: { rows: answers(X, "esconv") }, scores: [] }], true, 1).tables[0].rows[0] as typeof row;
  assert.deepEqual([again.alphaLow, again.alphaHigh], [row.alphaLow, row.alphaHigh]);
  const other = rq1PsychometricSection([{ dataset: "esconv", answers: { rows: answers(X, "esconv") }, scores: [] }], true, 2).tables[0].rows[0] as typeof row;
  assert.notDeepEqual([other.alphaLow, other.alphaHigh], [row.alphaLow, row.alphaHigh]);
  assert.match(table.title, /bootstrap 95% CI/);
  assert.ok(table.notes.some((note) => /percentile bootstrap over personas \(2,000 resamples, seeded\)/.test(note)));
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
