import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DataError } from "../../lib/errors";
import { STRATEGY_LABELS } from "../../lib/data/types";
import {
  checkFigureSpec,
  confusionMatrixHeatmap,
  correlationHeatmap,
  formatCorrelation,
  pcaScatter,
  scoreComparisonBoxes,
  scoreComparisonPanels,
  significanceMark,
  SIMULATED_LABEL,
  strategyDistribution,
  type FigureSpec,
} from "../../lib/charts/index";

// Made-up labels and numbers: no inventory text, no real data.
const ROWS = ["Honesty-Humility", "Emotionality", "Extraversion"];
const COLUMNS = ["Expressiveness", "Preciseness"];

function axisTitle(spec: FigureSpec, axis: "xaxis" | "yaxis"): string {
  return (spec.layout[axis] as { title: { text: string } }).title.text;
}

function annotationTexts(spec: FigureSpec): string[] {
  return (spec.layout.annotations ?? []).map((annotation) => annotation.text);
}

function hasSimulatedLabel(spec: FigureSpec): boolean {
  return annotationTexts(spec).some((text) => text.includes(SIMULATED_LABEL));
}

describe("correlationHeatmap", () => {
  const values = [
    [0.54, -0.21],
    [-0.32, 0.05],
    [0.1, -0.7],
  ];
  const spec = correlationHeatmap({ rows: ROWS, columns: COLUMNS, values, title: "HEXACO x CSI", simulated: true });

  it("fixes the diverging scale to [-1, 1] and keeps the matrix as given", () => {
    const trace = spec.data[0];
    assert.equal(trace.type, "heatmap");
    assert.equal(trace.zmin, -1);
    assert.equal(trace.zmax, 1);
    assert.equal(trace.zmid, 0);
    assert.deepEqual(trace.z, values);
    assert.deepEqual(trace.x, COLUMNS);
    assert.deepEqual(trace.y, ROWS);
  });

  it("writes each value in its own cell and bolds the strongest |r| per row", () => {
    const byCell = new Map((spec.layout.annotations ?? []).filter((a) => a.xref === "x").map((a) => [`${a.y}|${a.x}`, a.text]));
    assert.equal(byCell.size, 6);
    assert.equal(byCell.get("Honesty-Humility|Expressiveness"), "<b>0.54</b>");
    assert.equal(byCell.get("Honesty-Humility|Preciseness"), "\u22120.21");
    assert.equal(byCell.get("Emotionality|Expressiveness"), "<b>\u22120.32</b>");
    assert.equal(byCell.get("Extraversion|Preciseness"), "<b>\u22120.70</b>");
    assert.equal(byCell.get("Extraversion|Expressiveness"), "0.10");
  });

  it("labels the axes, has a title, and shows the simulated label", () => {
    assert.equal(axisTitle(spec, "xaxis"), "CSI domain");
    assert.equal(axisTitle(spec, "yaxis"), "HEXACO domain");
    assert.equal(spec.layout.title.text, "HEXACO x CSI");
    assert.equal((spec.layout.yaxis as { autorange: string }).autorange, "reversed", "first row must be drawn at the top, as in the tables");
    assert.ok(hasSimulatedLabel(spec));
    assert.equal((spec.layout.title.subtitle as { text: string }).text, "bold: strongest |r| in the row");
  });

  it("has no simulated label for model output", () => {
    const real = correlationHeatmap({ rows: ROWS, columns: COLUMNS, values, title: "t", simulated: false });
    assert.ok(!hasSimulatedLabel(real));
  });

  it("adds significance stars from p-values and draws NaN as an empty cell", () => {
    const withP = correlationHeatmap({
      rows: ["A"],
      columns: ["B", "C", "D"],
      values: [[0.3, Number.NaN, 0.2]],
      pValues: [[0.001, 0.5, 0.03]],
      title: "t",
      simulated: false,
      emphasizeRowMaximum: false,
    });
    assert.deepEqual(annotationTexts(withP), ["0.30**", "n/a", "0.20*"]);
    assert.deepEqual(withP.data[0].z, [[0.3, null, 0.2]]);
    // The key to the stars sits under the title (Plotly renders the escaped "<").
    assert.equal((withP.layout.title.subtitle as { text: string }).text, "* p &lt; .05, ** p &lt; .01");
  });

  it("rejects a matrix of the wrong shape or an r outside [-1, 1]", () => {
    assert.throws(() => correlationHeatmap({ rows: ROWS, columns: COLUMNS, values: [[0.1, 0.2]], title: "t", simulated: false }), DataError);
    assert.throws(
      () => correlationHeatmap({ rows: ["A"], columns: ["B"], values: [[1.2]], title: "t", simulated: false }),
      /outside \[-1, 1\]/,
    );
  });

  it("formats correlations with a true minus and no negative zero", () => {
    assert.equal(formatCorrelation(-0.004), "0.00");
    assert.equal(formatCorrelation(-0.456), "\u22120.46");
    assert.equal(formatCorrelation(Number.NaN), "n/a");
  });
});

describe("scoreComparisonBoxes", () => {
  const input = {
    dimensions: ["Emotionality", "Extraversion"],
    original: { Emotionality: [3, 3.5, 4], Extraversion: [2, 2.5] },
    extracted: { Emotionality: [4, 4.5], Extraversion: [1.5, Number.NaN, 2] },
    title: "Original vs extracted",
    simulated: true,
  };

  it("puts one series per source, each value beside its own dimension, drawn horizontally", () => {
    const spec = scoreComparisonBoxes({ ...input, kind: "box" });
    assert.equal(spec.data.length, 2);
    const original = spec.data.find((trace) => trace.name === "Original persona")!;
    const extracted = spec.data.find((trace) => trace.name === "Extracted from dialogue")!;
    assert.equal(original.type, "box");
    assert.equal(original.orientation, "h");
    assert.deepEqual(original.y, ["Emotionality", "Emotionality", "Emotionality", "Extraversion", "Extraversion"]);
    assert.deepEqual(original.x, [3, 3.5, 4, 2, 2.5]);
    assert.deepEqual(extracted.y, ["Emotionality", "Emotionality", "Extraversion", "Extraversion"]);
    assert.deepEqual(extracted.x, [4, 4.5, 1.5, 2]);
    assert.equal(spec.layout.boxmode, "group");
    assert.equal(spec.layout.showlegend, true);
    assert.equal(axisTitle(spec, "yaxis"), "Dimension");
    assert.match(axisTitle(spec, "xaxis"), /^Score/);
    assert.ok(hasSimulatedLabel(spec));
  });

  it("counts invalid scores on the chart instead of hiding them", () => {
    const spec = scoreComparisonBoxes({ ...input, kind: "box" });
    assert.match(axisTitle(spec, "xaxis"), /1 invalid score \(unparseable answers\) not drawn/);
  });

  it("marks each dimension with its test and says which test, and n", () => {
    const spec = scoreComparisonBoxes({
      ...input,
      kind: "box",
      tests: { Emotionality: { n: 2, p: 0.004 }, Extraversion: { n: 2, p: 0.2 } },
      testNote: "Wilcoxon signed-rank, Holm-adjusted",
    });
    const marks = new Map((spec.layout.annotations ?? []).filter((annotation) => annotation.yref === "y").map((annotation) => [annotation.y, annotation.text]));
    assert.equal(marks.get("Emotionality"), "**");
    assert.equal(marks.get("Extraversion"), "ns");
    assert.match(axisTitle(spec, "xaxis"), /Wilcoxon signed-rank, Holm-adjusted: \* p<\.05, \*\* p<\.01, \*\*\* p<\.001, ns: not significant\. n = 2/);
    assert.deepEqual([0.0004, 0.004, 0.04, 0.05, Number.NaN].map(significanceMark), ["***", "**", "*", "ns", "n/a"]);
  });

  it("draws violins side by side when asked", () => {
    const spec = scoreComparisonBoxes({ ...input, kind: "violin", yRange: [1, 5] });
    assert.deepEqual(spec.data.map((trace) => trace.type), ["violin", "violin"]);
    assert.equal(spec.layout.violinmode, "group");
    assert.deepEqual((spec.layout.xaxis as { range: number[] }).range, [0.8, 5.2]);
  });

  it("names a dimension without scores", () => {
    assert.throws(
      () => scoreComparisonBoxes({ ...input, kind: "box", dimensions: ["Emotionality", "Openness"] }),
      (error: unknown) => error instanceof DataError && /original\.Openness/.test(error.message),
    );
  });
});

describe("pcaScatter", () => {
  const spec = pcaScatter({
    points: [
      { x: 1, y: 2, condition: "with persona" },
      { x: -1, y: 0.5, condition: "without persona" },
      { x: 3, y: -2, condition: "with persona" },
    ],
    explained: [0.4123, 0.2],
    title: "PCA",
    simulated: true,
  });

  it("draws one series per condition with its own points", () => {
    assert.equal(spec.data.length, 2);
    assert.equal(spec.data[0].name, "with persona (n=2)");
    assert.deepEqual(spec.data[0].x, [1, 3]);
    assert.deepEqual(spec.data[0].y, [2, -2]);
    assert.deepEqual(spec.data[1].x, [-1]);
    assert.equal(spec.layout.showlegend, true);
  });

  it("puts the explained variance in the axis titles", () => {
    assert.equal(axisTitle(spec, "xaxis"), "PC1 (41.2% of variance)");
    assert.equal(axisTitle(spec, "yaxis"), "PC2 (20.0% of variance)");
    assert.ok(hasSimulatedLabel(spec));
  });

  it("rejects explained variance given in percent", () => {
    assert.throws(() => pcaScatter({ points: [{ x: 0, y: 0, condition: "a" }], explained: [41, 20], title: "t", simulated: false }), DataError);
  });
});

describe("strategyDistribution", () => {
  const input = {
    conditions: ["with traits", "without"],
    strategies: ["Question", "Self-disclosure", "Others"],
    shares: [
      [0.5, 0.1, 0.4],
      [0.3, 0.3, 0.4],
    ],
    title: "Strategies",
    simulated: true,
  };

  it("draws grouped bars, one series per condition, with percent ticks", () => {
    const spec = strategyDistribution(input);
    assert.equal(spec.layout.barmode, "group");
    assert.deepEqual(spec.data.map((trace) => trace.name), ["with traits", "without"]);
    assert.deepEqual(spec.data[1].y, ["Question", "Self-disclosure", "Others"]);
    assert.deepEqual(spec.data[1].x, [0.3, 0.3, 0.4]);
    assert.equal(spec.data[1].orientation, "h");
    assert.equal((spec.layout.xaxis as { tickformat: string }).tickformat, ".0%");
    const zero = strategyDistribution({ conditions: ["a"], strategies: ["Question", "Others"], shares: [[0, 1]], title: "t", simulated: false });
    assert.deepEqual(zero.data[0].text, ["0%", ""], "a zero share is labelled, not left blank");
    assert.equal(axisTitle(spec, "yaxis"), "Support strategy");
    assert.equal(axisTitle(spec, "xaxis"), "Share of supporter turns");
    assert.equal(spec.layout.showlegend, true);
    assert.ok(hasSimulatedLabel(spec));
    assert.equal(spec.data[0].error_x, undefined);
  });

  it("turns intervals into asymmetric error bars", () => {
    const spec = strategyDistribution({
      ...input,
      intervals: [
        [[0.45, 0.56], [0.05, 0.12], [0.4, 0.4]],
        [[0.25, 0.35], [0.2, 0.3], [0.3, 0.5]],
      ],
    });
    const errors = spec.data[0].error_x as { array: number[]; arrayminus: number[]; symmetric: boolean };
    assert.equal(errors.symmetric, false);
    errors.array.forEach((value, index) => assert.ok(Math.abs(value - [0.06, 0.02, 0][index]) < 1e-12));
    errors.arrayminus.forEach((value, index) => assert.ok(Math.abs(value - [0.05, 0.05, 0][index]) < 1e-12));
  });

  it("rejects an interval that does not contain its share", () => {
    assert.throws(
      () =>
        strategyDistribution({
          ...input,
          intervals: [
            [[0.45, 0.56], [0.2, 0.3], [0.3, 0.5]],
            [[0.25, 0.35], [0.2, 0.3], [0.3, 0.5]],
          ],
        }),
      /does not contain the share 0.1/,
    );
  });

  it("rejects percentages where fractions are expected", () => {
    assert.throws(() => strategyDistribution({ ...input, shares: [[50, 10, 40], [30, 30, 40]] }), /not a fraction/);
  });

  it("shows no legend for a single condition", () => {
    const spec = strategyDistribution({ ...input, conditions: ["only"], shares: [[0.5, 0.1, 0.4]] });
    assert.equal(spec.layout.showlegend, false);
  });
});

describe("confusionMatrixHeatmap", () => {
  const labels = ["Question", "Others"];
  const matrix = [
    [8, 2],
    [1, 9],
  ];

  it("places gold on rows and predictions on columns with the counts written in", () => {
    const spec = confusionMatrixHeatmap({ labels, matrix, title: "Classifier", simulated: false });
    const byCell = new Map((spec.layout.annotations ?? []).map((a) => [`${a.y}|${a.x}`, a.text]));
    assert.equal(byCell.get("Question|Others"), "2");
    assert.equal(byCell.get("Others|Question"), "1");
    assert.deepEqual(spec.data[0].z, matrix);
    assert.equal(axisTitle(spec, "xaxis"), "classifier label");
    assert.equal(axisTitle(spec, "yaxis"), "human label");
    const named = confusionMatrixHeatmap({ labels, matrix, title: "Agreement", simulated: false, rowTitle: "generator label", columnTitle: "classifier label", normalize: "row" });
    assert.equal(axisTitle(named, "yaxis"), "generator label", "the generator's labels are not called gold");
    assert.ok((named.layout.annotations ?? []).some((annotation) => annotation.text === "8<br>80%"), "count over share, on two lines");
    assert.match(spec.layout.title.text, /accuracy 85\.0%, n=20/);
    assert.ok(!hasSimulatedLabel(spec));
  });

  it("normalizes by row when asked", () => {
    const spec = confusionMatrixHeatmap({ labels, matrix, title: "Classifier", simulated: true, normalize: "row" });
    assert.deepEqual(spec.data[0].z, [
      [0.8, 0.2],
      [0.1, 0.9],
    ]);
    assert.ok(annotationTexts(spec).includes("9<br>90%"));
    assert.ok(hasSimulatedLabel(spec));
  });

  it("rejects fractional counts", () => {
    assert.throws(() => confusionMatrixHeatmap({ labels, matrix: [[1.5, 0], [0, 1]], title: "t", simulated: false }), DataError);
  });

  it("draws the 8 strategies' long names as short level labels, with their key under the title", () => {
    const strategies = [...STRATEGY_LABELS];
    const eight = strategies.map((_, i) => strategies.map((__, j) => (i === j ? 5 : 1)));
    const spec = confusionMatrixHeatmap({ labels: strategies, matrix: eight, title: "Classifier", simulated: false, normalize: "row" });
    assert.deepEqual(spec.data[0].x, ["Qu", "R/P", "RF", "SD", "A&amp;R", "PS", "Inf", "Oth"]);
    assert.equal((spec.layout.xaxis as { tickangle?: number }).tickangle, 0, "short labels read level");
    const key = (spec.layout.title as { subtitle?: { text?: string } }).subtitle?.text ?? "";
    assert.match(key, /^Qu: Question; R\/P: Restatement or Paraphrasing; .*A&amp;R: Affirmation and Reassurance; .*Oth: Others$/);
    const full = confusionMatrixHeatmap({ labels: strategies, matrix: eight, title: "Classifier", simulated: false, shortLabels: false });
    assert.deepEqual(full.data[0].x, strategies, "shortLabels: false keeps the full names");
    assert.equal((full.layout.title as { subtitle?: unknown }).subtitle, undefined);
    assert.throws(() => confusionMatrixHeatmap({ labels, matrix, title: "t", simulated: false, shortLabels: { Question: "Q" } }), /no short label for "Others"/);
  });
});

describe("scoreComparisonPanels", () => {
  const dimensions = ["Expressiveness", "Preciseness"];
  const scores = (shift: number) => Object.fromEntries(dimensions.map((d, i) => [d, [1 + shift, 2 + i, 3 + shift]]));
  const panel = (name: string, p: number) => ({ name, original: scores(0), extracted: scores(0.5), tests: Object.fromEntries(dimensions.map((d) => [d, { n: 3, p }])) });

  it("draws a panel per model on one shared dimension axis and one score scale, each named, the legend once", () => {
    const spec = scoreComparisonPanels({ dimensions, panels: [panel("gpt-4o-mini", 0.01), panel("LLaMA-3.1-8B", 0.5)], title: "CSI per model", kind: "box", simulated: true, yRange: [1, 5], testNote: "Wilcoxon" });
    assert.deepEqual(spec.data.map((trace) => trace.xaxis), ["x", "x", "x2", "x2"]);
    assert.ok(spec.data.every((trace) => trace.yaxis === "y"), "one dimension axis for all panels");
    assert.deepEqual(spec.data.map((trace) => trace.showlegend), [true, true, false, false]);
    const xaxis = spec.layout.xaxis as { range: number[]; domain: number[] };
    const xaxis2 = spec.layout.xaxis2 as { range: number[]; domain: number[]; anchor: string };
    assert.deepEqual(xaxis.range, xaxis2.range, "the same score scale");
    assert.ok(xaxis.domain[1] < xaxis2.domain[0] && xaxis2.anchor === "y", "side by side");
    const texts = annotationTexts(spec);
    assert.ok(texts.includes("gpt-4o-mini (n = 3)") && texts.includes("LLaMA-3.1-8B (n = 3)"), texts.join(" | "));
    assert.deepEqual(texts.filter((text) => text === "*" || text === "ns"), ["*", "*", "ns", "ns"], "p = .01 is *, each panel its own marks");
    assert.ok(texts.some((text) => text.startsWith("Wilcoxon: * p<.05")), "one key for all panels");
    assert.ok(hasSimulatedLabel(spec));
  });

  it("names a panel without a model name", () => {
    assert.throws(() => scoreComparisonPanels({ dimensions, panels: [panel(" ", 0.5)], title: "t", kind: "box", simulated: false }), DataError);
    assert.throws(() => scoreComparisonPanels({ dimensions, panels: [], title: "t", kind: "box", simulated: false }), DataError);
  });
});

describe("checkFigureSpec", () => {
  const valid: FigureSpec = {
    data: [{ type: "scatter", name: "a" }],
    layout: { title: { text: "t" }, xaxis: { title: { text: "x" } }, yaxis: { title: { text: "y" } } },
  };

  it("accepts a complete spec", () => {
    assert.equal(checkFigureSpec(valid), valid);
  });

  it("rejects a missing title, an untitled axis, and a hidden legend over two series", () => {
    assert.throws(() => checkFigureSpec({ ...valid, layout: { ...valid.layout, title: { text: "" } } }), DataError);
    assert.throws(() => checkFigureSpec({ ...valid, layout: { ...valid.layout, yaxis: {} } }), /yaxis\.title\.text/);
    assert.throws(
      () => checkFigureSpec({ ...valid, data: [{ type: "scatter", name: "a" }, { type: "scatter", name: "b" }] }),
      /legend/,
    );
    assert.throws(() => checkFigureSpec({ ...valid, data: [] }), DataError);
  });
});
