// Reference values computed once with numpy 2.4 (the Python lines are in the comments) and pasted here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { reliableChange } from "../../lib/psychometrics/reliable-change";
import { multitraitMultimethod } from "../../lib/psychometrics/multitrait-multimethod";
import { sampleStability } from "../../lib/psychometrics/sample-stability";
import { itemMatrices, type ItemAnswer } from "../../lib/psychometrics/item-matrix";
import { reliabilityReport, reliabilitySummary } from "../../lib/psychometrics/domain-reliability";
import { CSI_DOMAINS, HEXACO_DOMAINS } from "../../lib/analysis/domains";

const near = (actual: number, expected: number, what: string, tolerance = 1e-12) => assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

test("reliable change index per persona (Jacobson-Truax) and the counts per direction", () => {
  // python: before = [3.0,3.5,2.5,4.0,3.2,2.8]; after = [3.1,4.6,2.4,2.0,3.3,2.9]; a = 0.8
  //   sdiff = sqrt(2) * before.std(ddof=1) * sqrt(1 - a); (after - before) / sdiff; 1.96 * sdiff
  const before = [3.0, 3.5, 2.5, 4.0, 3.2, 2.8].map((value, index) => ({ personaId: `p${index}`, "CSI:Emotionality": value }));
  const after = [3.1, 4.6, 2.4, 2.0, 3.3, 2.9].map((value, index) => ({ personaId: `p${index}`, "CSI:Emotionality": value }));
  const { changes, summary } = reliableChange(before, after, new Map([["CSI:Emotionality", 0.8]]));
  const expected = [0.29739434464430425, 3.2713377910873427, -0.29739434464430425, -5.94788689288608, 0.2973943446443029, 0.29739434464430425];
  changes.forEach((change, index) => near(change.rci, expected[index], `rci ${index}`, 1e-9));
  assert.deepEqual(changes.map((change) => change.direction), ["within error", "increased", "within error", "decreased", "within error", "within error"]);
  near(summary[0].sd, 0.5316640543300504, "sd");
  near(summary[0].threshold, 0.6590575897952066, "threshold", 1e-9);
  assert.deepEqual([summary[0].pairs, summary[0].increased, summary[0].decreased, summary[0].withinError], [6, 1, 1, 4]);
});

test("MTMM: paired cells marked, disattenuated r = r / sqrt(alpha_x alpha_y)", () => {
  // python: h = [3.1,2.0,4.2,3.3,2.7,3.9,1.8]; c = [2.9,2.4,4.0,3.0,3.1,3.6,2.2]
  //   r = np.corrcoef(h, c)[0, 1]; r / np.sqrt(0.81 * 0.64)
  const h = [3.1, 2.0, 4.2, 3.3, 2.7, 3.9, 1.8];
  const c = [2.9, 2.4, 4.0, 3.0, 3.1, 3.6, 2.2];
  const rows = h.map((value, index) => ({ "HEXACO-60:Extraversion": value, "CSI:Expressiveness": c[index], "CSI:Preciseness": c[(index + 3) % 7] }));
  const alpha = new Map([["HEXACO-60:Extraversion", 0.81], ["CSI:Expressiveness", 0.64], ["CSI:Preciseness", 0.7]]);
  const result = multitraitMultimethod(rows, alpha);
  assert.equal(result.cells.length, HEXACO_DOMAINS.length * CSI_DOMAINS.length);
  assert.equal(result.cells.filter((cell) => cell.paired).length, 6);
  const cell = result.cells.find((entry) => entry.hexaco === "Extraversion" && entry.csi === "Expressiveness")!;
  assert.equal(cell.paired, true);
  near(cell.r, 0.9577258273285777, "r");
  near(cell.disattenuated, 1.33017476017858, "disattenuated", 1e-12);
  const unpaired = result.cells.find((entry) => entry.hexaco === "Extraversion" && entry.csi === "Preciseness")!;
  assert.equal(unpaired.paired, false);
  near(result.pairedMeanAbs, Math.abs(cell.r), "paired mean |r| (only one finite paired cell)");
  assert.ok(Number.isNaN(result.cells.find((entry) => entry.hexaco === "Agreeableness")!.disattenuated), "no alpha, no disattenuated r");
});

function answers(personas: number, samples: number, answer: (persona: number, item: number, sample: number) => number | null): ItemAnswer[] {
  const rows: ItemAnswer[] = [];
  for (let sample = 0; sample < samples; sample++) {
    for (let persona = 0; persona < personas; persona++) {
      for (let item = 1; item <= 4; item++) rows.push({ personaId: `p${persona}`, inventory: "T", domain: "D", itemId: item, reversed: item === 4, answer: answer(persona, item, sample), sample });
    }
  }
  return rows;
}

test("sample stability: identical answers share and ICC; reversed items keyed before scoring", () => {
  // Sample 1 differs from sample 0 on item 1 of personas 0 and 1 only: 2 of 4 x 5 = 20 statements differ.
  const rows = answers(5, 2, (persona, item, sample) => {
    const base = item === 4 ? 6 - ((persona % 5) + 1) : (persona % 5) + 1;
    return sample === 1 && item === 1 && persona < 2 ? (base === 5 ? 4 : base + 1) : base;
  });
  const [stability] = sampleStability(rows);
  near(stability.identicalShare, 18 / 20, "identical share");
  assert.equal(stability.statements, 20);
  assert.deepEqual([stability.n, stability.k], [5, 2]);
  assert.ok(stability.single > 0.9 && stability.single < 1);
  const matrix = itemMatrices(rows).get("T")!.get("D")!;
  // Item 4 is reversed and answered 6 - level: keyed back it equals the other items for every persona. The midpoint
  // row (6 - 3 = 3) cannot tell a dropped reversal; the rows of levels 1, 2, 4 and 5 can.
  assert.deepEqual(matrix.values, [[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3], [4, 4, 4, 4], [5, 5, 5, 5]], "item 4 is reversed: 6 - x keyed back");
  assert.deepEqual(itemMatrices(rows, { keyed: false }).get("T")!.get("D")!.values[0], [1, 1, 1, 5], "unkeyed: item 4 as answered");
  assert.deepEqual(matrix.items.map((item) => item.itemId), [1, 2, 3, 4]);
});

test("reliability summary has the shape summary.json promises", () => {
  const rows = answers(12, 1, (persona, item) => {
    const level = (persona % 5) + 1;
    const noisy = Math.min(5, Math.max(1, level + ((persona * item) % 3) - 1));
    return item === 4 ? 6 - noisy : persona === 3 && item === 2 ? null : noisy;
  });
  const report = reliabilityReport(rows, { resamples: 200 });
  const summary = reliabilitySummary(report.domains);
  assert.deepEqual(Object.keys(summary.T.D).sort(), ["alpha", "alphaHigh", "alphaLow", "items", "n", "omega"]);
  assert.equal(summary.T.D.items, 4);
  assert.equal(summary.T.D.n, 12);
  assert.ok(summary.T.D.alphaLow <= summary.T.D.alpha && summary.T.D.alpha <= summary.T.D.alphaHigh);
  // Same seed, same interval.
  assert.deepEqual(reliabilityReport(rows, { resamples: 200 }).domains, report.domains);
});
