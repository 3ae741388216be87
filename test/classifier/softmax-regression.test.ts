import { test } from "node:test";
import assert from "node:assert/strict";
import type { SparseRows } from "../../lib/classifier/features";
import {
  objective,
  predictProbabilities,
  rowWeights,
  trainSoftmaxRegression,
  type SoftmaxSettings,
} from "../../lib/classifier/softmax-regression";

// A small deterministic sparse problem (linear congruential generator, no Math.random).
function randomProblem(rowCount: number, columnCount: number, classCount: number, seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rowStart = new Int32Array(rowCount + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const labels = new Int32Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    labels[row] = row % classCount;
    // Column `label` always fires, so the classes are learnable; two noise columns besides.
    const columns = new Set([labels[row], classCount + Math.floor(next() * (columnCount - classCount))]);
    columns.add(classCount + Math.floor(next() * (columnCount - classCount)));
    for (const column of columns) {
      indices.push(column);
      values.push(0.5 + next());
    }
    rowStart[row + 1] = indices.length;
  }
  const rows: SparseRows = { rowCount, columnCount, rowStart, indices: Int32Array.from(indices), values: Float32Array.from(values) };
  return { rows, labels };
}

const settings: SoftmaxSettings = { inverseRegularization: 10, classWeight: "none", maxIterations: 200, tolerance: 1e-10, memory: 7 };

test("the gradient matches central finite differences", () => {
  const classCount = 3;
  const { rows, labels } = randomProblem(30, 8, classCount, 3);
  const size = (rows.columnCount + 1) * classCount;
  const theta = Float64Array.from({ length: size }, (_, index) => Math.sin(index) * 0.3);
  const gradient = new Float64Array(size);
  const weights = rowWeights(labels, classCount, "balanced");
  objective(theta, gradient, rows, labels, weights, classCount, 2);
  const scratch = new Float64Array(size);
  for (const index of [0, 5, 13, size - 1]) {
    const step = 1e-5;
    const plus = Float64Array.from(theta);
    plus[index] += step;
    const minus = Float64Array.from(theta);
    minus[index] -= step;
    const numeric =
      (objective(plus, scratch, rows, labels, weights, classCount, 2) -
        objective(minus, scratch, rows, labels, weights, classCount, 2)) /
      (2 * step);
    assert.ok(Math.abs(numeric - gradient[index]) < 1e-6, `parameter ${index}: ${numeric} vs ${gradient[index]}`);
  }
});

test("the unrolled 8-class pass computes the same objective and gradient as the generic one", () => {
  const { rows, labels } = randomProblem(200, 40, 8, 11);
  const size = (rows.columnCount + 1) * 8;
  const theta = Float64Array.from({ length: size }, (_, index) => Math.cos(index * 0.7) * 0.2);
  const weights = rowWeights(labels, 8, "none");
  const unrolled = new Float64Array(size);
  const generic = new Float64Array(size);
  const lossUnrolled = objective(theta, unrolled, rows, labels, weights, 8, 1, true);
  const lossGeneric = objective(theta, generic, rows, labels, weights, 8, 1, false);
  assert.ok(Math.abs(lossUnrolled - lossGeneric) < 1e-9);
  for (let index = 0; index < size; index++) assert.ok(Math.abs(unrolled[index] - generic[index]) < 1e-9);
});

test("balanced class weights are n / (classes x n_class)", () => {
  // 3 of class 0, 1 of class 1: weights 4 / (2 * 3) and 4 / (2 * 1)
  assert.deepEqual([...rowWeights(Int32Array.from([0, 0, 0, 1]), 2, "balanced")], [4 / 6, 4 / 6, 4 / 6, 2]);
});

test("training learns a learnable problem and is bit-for-bit repeatable", () => {
  const { rows, labels } = randomProblem(240, 60, 8, 5);
  const first = trainSoftmaxRegression(rows, labels, 8, settings);
  const second = trainSoftmaxRegression(rows, labels, 8, settings);
  assert.deepEqual(first.weights, second.weights);
  assert.deepEqual(first.bias, second.bias);
  const predictions = predictProbabilities(first, rows);
  const correct = predictions.filter((probabilities, row) => probabilities.indexOf(Math.max(...probabilities)) === labels[row]).length;
  assert.equal(correct, rows.rowCount);
  for (const probabilities of predictions) {
    assert.ok(Math.abs(probabilities.reduce((sum, p) => sum + p, 0) - 1) < 1e-9);
  }
});

test("progress is reported per iteration with a falling loss", () => {
  const { rows, labels } = randomProblem(80, 20, 8, 9);
  const losses: number[] = [];
  trainSoftmaxRegression(rows, labels, 8, { ...settings, maxIterations: 15 }, (progress) => losses.push(progress.loss));
  assert.ok(losses.length > 3 && losses.length <= 15);
  for (let index = 1; index < losses.length; index++) assert.ok(losses[index] < losses[index - 1]);
});
