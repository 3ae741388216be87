import { test } from "node:test";
import assert from "node:assert/strict";
import {
  accuracy,
  classMetrics,
  classificationReport,
  cohensKappa,
  confusionMatrix,
  macroF1,
  perClassMetrics,
} from "../../lib/classifier/metrics";
import { UsageError } from "../../lib/errors";

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);

test("three classes, every cell worked by hand", () => {
  const labels = ["A", "B", "C"];
  const truth = ["A", "A", "A", "A", "B", "B", "B", "C", "C", "C"];
  const predicted = ["A", "A", "B", "C", "B", "B", "A", "C", "C", "A"];
  // Rows = truth, columns = predicted:
  //        A  B  C
  //   A  [ 2, 1, 1 ]   (A->A twice, A->B once, A->C once)
  //   B  [ 1, 2, 0 ]
  //   C  [ 1, 0, 2 ]
  const confusion = confusionMatrix(truth, predicted, labels);
  assert.deepEqual(confusion, [
    [2, 1, 1],
    [1, 2, 0],
    [1, 0, 2],
  ]);
  // accuracy = diagonal / n = (2 + 2 + 2) / 10
  close(accuracy(confusion), 0.6);
  // A: TP 2, predicted A = column sum 2+1+1 = 4 -> precision 2/4; support 4 -> recall 2/4; F1 0.5
  // B: TP 2, column 1+2+0 = 3 -> precision 2/3; support 3 -> recall 2/3; F1 2/3
  // C: TP 2, column 1+0+2 = 3 -> precision 2/3; support 3 -> recall 2/3; F1 2/3
  const perClass = perClassMetrics(confusion, labels);
  assert.deepEqual(perClass.A, { precision: 0.5, recall: 0.5, f1: 0.5, support: 4 });
  close(perClass.B.precision, 2 / 3);
  close(perClass.B.recall, 2 / 3);
  close(perClass.B.f1, 2 / 3);
  assert.equal(perClass.B.support, 3);
  close(perClass.C.f1, 2 / 3);
  // macro-F1 = (0.5 + 2/3 + 2/3) / 3 = 0.6111...
  close(macroF1(confusion), (0.5 + 2 / 3 + 2 / 3) / 3);
  // kappa: row totals 4,3,3 and column totals 4,3,3; p_e = (4*4 + 3*3 + 3*3) / 10^2 = 0.34;
  // p_o = 0.6; kappa = (0.6 - 0.34) / (1 - 0.34) = 0.26 / 0.66 = 0.393939...
  close(cohensKappa(confusion), 0.26 / 0.66);
  close(cohensKappa(confusion), 0.39393939393939387, 1e-15);
});

test("a class never predicted and a class never true count as F1 0 in macro-F1", () => {
  const labels = ["A", "B", "C"];
  // Rows = truth: A [1, 1, 0], B [0, 2, 0], C [0, 0, 0]
  const confusion = confusionMatrix(["A", "A", "B", "B"], ["A", "B", "B", "B"], labels);
  assert.deepEqual(confusion, [
    [1, 1, 0],
    [0, 2, 0],
    [0, 0, 0],
  ]);
  close(accuracy(confusion), 0.75); // 3 of 4
  // A: precision 1/1, recall 1/2, F1 = 2 * 1 * 0.5 / 1.5 = 2/3
  close(classMetrics(confusion, 0).f1, 2 / 3);
  // B: precision 2/3 (column 1+2), recall 2/2, F1 = 2 * (2/3) * 1 / (5/3) = 0.8
  close(classMetrics(confusion, 1).f1, 0.8);
  // C: no predictions and no support: precision, recall and F1 are all 0 (zero_division = 0)
  assert.deepEqual(classMetrics(confusion, 2), { precision: 0, recall: 0, f1: 0, support: 0 });
  // macro-F1 = (2/3 + 0.8 + 0) / 3 = 0.48888...
  close(macroF1(confusion), (2 / 3 + 0.8) / 3);
  // kappa: row totals 2,2,0; column totals 1,3,0; p_e = (2*1 + 2*3 + 0) / 16 = 0.5; p_o = 0.75;
  // kappa = (0.75 - 0.5) / (1 - 0.5) = 0.5
  close(cohensKappa(confusion), 0.5);
});

test("kappa is 1 for perfect agreement, negative below chance, NaN when both use a single class", () => {
  close(cohensKappa(confusionMatrix(["A", "B", "B"], ["A", "B", "B"], ["A", "B"])), 1);
  // Always disagreeing on a balanced pair: p_o = 0, p_e = (1*1 + 1*1) / 4 = 0.5, kappa = -0.5 / 0.5 = -1
  close(cohensKappa(confusionMatrix(["A", "B"], ["B", "A"], ["A", "B"])), -1);
  assert.ok(Number.isNaN(cohensKappa(confusionMatrix(["A", "A"], ["A", "A"], ["A", "B"]))));
  assert.ok(Number.isNaN(accuracy([[0]])));
});

test("classificationReport bundles the same numbers", () => {
  const report = classificationReport(["A", "A", "B", "B"], ["A", "B", "B", "B"], ["A", "B", "C"]);
  assert.equal(report.n, 4);
  close(report.accuracy, 0.75);
  close(report.kappa, 0.5);
  close(report.macroF1, (2 / 3 + 0.8) / 3);
  assert.deepEqual(Object.keys(report.perClass), ["A", "B", "C"]);
});

test("bad input throws a UsageError naming the problem", () => {
  assert.throws(() => confusionMatrix(["A"], ["A", "B"], ["A", "B"]), UsageError);
  assert.throws(() => confusionMatrix(["A", "Z"], ["A", "B"], ["A", "B"]), /item 1 has label "Z"/);
  assert.throws(() => confusionMatrix(["A"], ["A"], ["A", "A"]), /distinct/);
});
