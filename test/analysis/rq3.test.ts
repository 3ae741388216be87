import { test } from "node:test";
import assert from "node:assert/strict";
import { rq3Strategies, shareOf } from "../../lib/questions/rq3/rq3-strategies";
import { dialogueStatistics } from "../../lib/analysis/dialogue-statistics";
import { pairwiseTable } from "../../lib/analysis/pairwise-table";
import { personaCardStatistics } from "../../lib/analysis/persona-card-statistics";
import { rq3Summary } from "../../lib/questions/rq3/rq3-summary";
import { strategyAgreement } from "../../lib/questions/rq3/strategy-agreement";
import { close } from "../stats/helpers";
import { fixture } from "./fixtures";

type Row = Record<string, unknown>;
const turns = fixture<Row[]>("turns.json");

// Expected values: test/fixtures/analysis-stats/expected.py: strategy counts of supporter turns per condition
// (both, none, hexaco, csi), scipy.stats.chi2_contingency(counts[:, used], correction=False) (scipy 1.17.1),
// adjusted residuals by numpy from (O - E) / sqrt(E (1 - R/N) (1 - C/N)).
const COUNTS = [
  [11, 2, 4, 1, 22, 9, 0, 5],
  [11, 7, 4, 7, 16, 7, 2, 5],
  [13, 4, 6, 0, 20, 10, 0, 3],
  [14, 5, 9, 1, 14, 11, 0, 6],
];

test("strategy counts and shares per condition (paper order of conditions)", () => {
  const result = rq3Strategies(turns, { resamples: 300 });
  assert.deepEqual(result.conditions, ["both", "none", "hexaco", "csi"]);
  assert.deepEqual(result.counts, COUNTS);
  assert.deepEqual(result.unlabelledTurns, [6, 1, 4, 0]);
  assert.deepEqual(result.dialogues, [15, 15, 15, 15]);
  const question = shareOf(result, "both", "Question")!;
  close(question.share, 11 / 54, 1e-12);
  assert.ok(question.low < question.share && question.share < question.high);
});

test("overall and pairwise chi-square agree with scipy.stats.chi2_contingency to 1e-6", () => {
  const result = rq3Strategies(turns, { resamples: 50 });
  const overall = result.chiSquare!;
  close(overall.statistic, 29.38200658856195);
  assert.equal(overall.degreesOfFreedom, 21);
  close(overall.p, 0.1051281050453102);
  const bothResiduals = overall.residuals.filter((item) => item.condition === "both").map((item) => item.residual);
  [-0.2105092894333731, -1.2983371253130997, -0.7372620997189802, -0.8990883392661069, 1.6837732392204627, 0.11635656986759031, -0.7890375397559458, 0.2932664286628064].forEach(
    (value, index) => close(bothResiduals[index], value, 1e-6, `residual ${index}`),
  );
  const withWithout = result.pairwise.find((test) => test.conditions.join() === "both,none")!;
  close(withWithout.statistic, 10.274022427249331);
  assert.equal(withWithout.degreesOfFreedom, 7);
  close(withWithout.p, 0.17356937001457395);
  close(withWithout.residuals.find((item) => item.condition === "both" && item.strategy === "Self-disclosure")!.residual, -2.072847614258546);
  // Information never occurs under hexaco or csi: that column is left out (6 degrees of freedom, not 7).
  const hexacoCsi = result.pairwise.find((test) => test.conditions.join() === "hexaco,csi")!;
  assert.equal(hexacoCsi.degreesOfFreedom, 6);
  assert.ok(!hexacoCsi.strategies.includes("Information"));
  close(hexacoCsi.statistic, 3.7210842855660773);
  close(hexacoCsi.p, 0.7143602463158158);
});

test("bootstrap intervals are reproducible and resample whole dialogues", () => {
  const first = rq3Strategies(turns, { resamples: 200, seed: 5 });
  const second = rq3Strategies(turns, { resamples: 200, seed: 5 });
  assert.deepEqual(first.shares, second.shares);
  // Information occurs twice under "none": more than 2.5% of dialogue resamples miss it, so its lower bound is 0
  // (resampling turns would almost never miss it).
  const information = shareOf(first, "none", "Information")!;
  assert.equal(information.low, 0);
});

test("conditions can be chosen and an absent one is a usage error", () => {
  const result = rq3Strategies(turns, { conditions: ["hexaco", "csi"], resamples: 10 });
  assert.deepEqual(result.conditions, ["hexaco", "csi"]);
  assert.throws(() => rq3Strategies(turns, { conditions: ["nothing"] }), /no turns/);
});

test("unknown strategy labels are refused naming the turn", () => {
  const bad = turns.map((row, index) => (index === 3 ? { ...row, strategy: "Hugging" } : row));
  assert.throws(() => rq3Strategies(bad), (error: Error) => error.name === "DataError" && /both:0#3/.test(error.message) && /strategy/.test(error.message));
});

test("dialogue statistics (Table 16) count whitespace words and turns per role", () => {
  // expected.py: len(text.split()) summed per condition and role
  const statistics = dialogueStatistics(turns);
  const both = statistics.find((item) => item.condition === "both")!;
  assert.deepEqual(
    [both.totalWords, both.totalTurns, both.seekerWords, both.seekerTurns, both.supporterWords, both.supporterTurns],
    [1149, 120, 523, 60, 626, 60],
  );
  close(both.averageSupporterWords, 626 / 60, 1e-12);
  const csi = statistics.find((item) => item.condition === "csi")!;
  assert.deepEqual([csi.totalWords, csi.seekerWords, csi.supporterWords], [1228, 481, 747]);
});

test("pairwise table (Table 9): shares per criterion and a sign test", () => {
  const judgements: Row[] = [];
  const plan: Record<string, [number, number, number]> = { Suggestion: [19, 14, 17], Consistency: [7, 20, 13], Overall: [20, 13, 17] };
  for (const [criterion, [wins, ties, losses]] of Object.entries(plan)) {
    let pair = 0;
    for (const [outcome, count] of [["win", wins], ["tie", ties], ["loss", losses]] as const) {
      for (let index = 0; index < count; index++) judgements.push({ pairId: `p${pair++}`, criterion, outcome });
    }
  }
  const table = pairwiseTable(judgements);
  assert.deepEqual(table.map((row) => row.criterion), ["Suggestion", "Consistency", "Overall"]);
  const suggestion = table[0];
  close(suggestion.winShare, 0.38, 1e-12);
  // scipy.stats.binomtest(19, 36).pvalue
  close(suggestion.p, 0.8679394004284404);
  // scipy.stats.binomtest(7, 20).pvalue
  close(table[1].p, 0.26317596435546875);
  assert.throws(() => pairwiseTable([{ pairId: "x", criterion: "Fluency", outcome: "win" }]), /unknown criterion/);
  assert.throws(() => pairwiseTable([{ pairId: "x", criterion: "Overall", outcome: "draw" }]), /outcome/);
});

test("persona card statistics (Table 1): counts known fields only and skips rejected cards", () => {
  const card = (id: string, dataset: string, fields: Partial<Record<string, unknown>>) => ({
    id,
    sourceDataset: dataset,
    sourceId: id,
    age: "young",
    gender: "female",
    occupation: "teacher",
    description: "one two three four",
    problem: "five six",
    ...fields,
  });
  const cards = [
    card("a", "esconv", {}),
    card("b", "esconv", { age: "unknown", occupation: "  ", description: "one two" }),
    card("c", "esconv", { gender: "unknown", occupation: "Unknown" }),
    card("d", "esconv", { kept: false }),
    card("e", "cams", { problem: "a b c d e f" }),
  ];
  const [esconv, cams] = personaCardStatistics(cards);
  assert.equal(esconv.dataset, "esconv");
  assert.equal(esconv.dataType, "dialogue");
  assert.equal(esconv.personas, 3);
  assert.equal(esconv.rejected, 1);
  close(esconv.averageDescriptionWords, 10 / 3, 1e-12);
  assert.deepEqual([esconv.withAge, esconv.withGender, esconv.withOccupation], [2, 2, 1]);
  assert.equal(cams.dataType, "QA");
  assert.equal(cams.averageProblemWords, 6);
});

test("RQ3 summary JSON holds shares per condition and the chi-square result", () => {
  const summary = JSON.parse(JSON.stringify(rq3Summary(rq3Strategies(turns, { resamples: 20 }))));
  assert.equal(summary.conditions.length, 4);
  assert.ok(summary.conditions[0].shares.Question.share > 0);
  close(summary.chiSquare.statistic, 29.38200658856195);
  assert.equal(summary.pairwiseChiSquare.length, 6);
});

test("the annotator's labels can be analysed instead, and agreement is Cohen's kappa", () => {
  // Relabel: the annotator agrees except that it calls every "Others" turn "Question".
  const annotated = turns.map((row) => ({
    ...row,
    annotatedStrategy: row.strategy === "Others" ? "Question" : (row.strategy ?? null),
  }));
  const result = rq3Strategies(annotated, { strategyField: "annotatedStrategy", resamples: 10 });
  assert.equal(result.counts[0][0], COUNTS[0][0] + COUNTS[0][7]);
  assert.equal(result.counts[0][7], 0);
  const [all, both] = strategyAgreement(annotated);
  assert.equal(all.condition, "all");
  const labelled = COUNTS.flat().reduce((sum, value) => sum + value, 0);
  assert.equal(all.n, labelled);
  close(all.observedAgreement, 1 - COUNTS.reduce((sum, row) => sum + row[7], 0) / labelled, 1e-12);
  assert.ok(all.kappa > 0.7 && all.kappa < 1);
  assert.equal(both.condition, "both");
  assert.equal(both.n, 54);
});
