import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rq3Strategies, shareOf, type StrategyResult } from "../../lib/questions/rq3/rq3-strategies";
import { STRATEGY_LABELS } from "../../lib/data/types";
import { dialogueConditionName, TRAIT_CONDITIONS } from "../../lib/pipeline/dialogue-rows";
import { runRq3, type Rq3Result } from "../../lib/questions/rq3/run-rq3";
import { DEFAULT_SIM_TRUTH, type StrategyMix } from "../../lib/sim/index";
import { decimals, isolateRecoveryRun, recoveryDataSkip } from "./recovery-support";

/*
 * RQ3 recovery (issue 5, item 6): 200 ESConv dialogues continued in each of the four trait conditions (both
 * inventories = the paper's w/ PT, none = w/o PT, HEXACO only, CSI only; Tables 5-8) through runRq3, the code a
 * user runs: the seekers are measured first (extract, describe, 156 real items each), then continueDialogue ->
 * runner -> (cached) adapter -> sim -> parseDialogueTurns, annotateStrategies for the independent annotator, and
 * rq3Strategies for the shares and chi-square tests.
 *
 * Targets (docs/prompts-and-sim.md):
 * - generator labels: DEFAULT_SIM_TRUTH.strategyMix of the condition (the paper's Table 5 / Table 8 percentages,
 *   normalized), within 3 percentage points;
 * - annotator labels: the annotator keeps the true label with probability 0.85, else picks one of the other 7,
 *   so the expected share is 0.85 p + 0.15 (1 - p) / 7, also within 3 points.
 * With ~2,000 labelled supporter turns per condition one share has a standard error of at most 1.1 points.
 * Cache mode "off" keeps the run cheap (31,200 inventory answers would cost about 50 s of CPU to store); the RQ1
 * recovery test checks that the cache path gives the same answers.
 */

const N = 200;
const SEED = 1;
const TOLERANCE = 0.03;
const CONDITIONS = ["both", "none", "hexaco", "csi"] as const;

function designed(condition: string): StrategyMix {
  return DEFAULT_SIM_TRUTH.strategyMix[dialogueConditionName(condition)];
}

function annotatedExpectation(p: number): number {
  const keep = DEFAULT_SIM_TRUTH.annotation.keepRate;
  return keep * p + ((1 - keep) * (1 - p)) / (STRATEGY_LABELS.length - 1);
}

/** Strategy shares off by more than the tolerance, as readable lines; every share goes to the diagnostics. */
function compareShares(result: StrategyResult, target: (condition: string, p: number) => number, diagnostic: (line: string) => void): string[] {
  const misses: string[] = [];
  for (const condition of CONDITIONS) {
    const cells = STRATEGY_LABELS.map((strategy) => {
      const recovered = shareOf(result, condition, strategy)?.share ?? Number.NaN;
      const expected = target(condition, designed(condition)[strategy]);
      if (!(Math.abs(recovered - expected) <= TOLERANCE)) misses.push(`${condition} ${strategy}: ${decimals(100 * recovered, 1)}% vs ${decimals(100 * expected, 1)}%`);
      return `${strategy} ${decimals(100 * recovered, 1)}/${decimals(100 * expected, 1)}`;
    });
    diagnostic(`${condition} (recovered/designed %): ${cells.join(", ")}`);
  }
  return misses;
}

function pairTest(result: StrategyResult, first: string, second: string) {
  const found = result.pairwise.find((test) => test.conditions.includes(first) && test.conditions.includes(second));
  assert.ok(found, `no chi-square test of ${first} vs ${second}`);
  return found;
}

describe(`RQ3 recovery on sim: ${N} continued ESConv dialogues per trait condition through runRq3`, { skip: recoveryDataSkip }, () => {
  let isolation: ReturnType<typeof isolateRecoveryRun>;
  let run: Rq3Result;
  let generator: StrategyResult;
  let annotator: StrategyResult;
  let seconds: number;

  before(async () => {
    isolation = isolateRecoveryRun();
    const started = performance.now();
    run = await runRq3({ n: N, seed: SEED, conditions: CONDITIONS, annotate: true, model: { provider: "sim" }, cacheMode: "off", progress: false });
    seconds = (performance.now() - started) / 1000;
    generator = rq3Strategies(run.turns, { resamples: 200 });
    annotator = rq3Strategies(run.turns, { strategyField: "annotatedStrategy", resamples: 200 });
  });

  after(() => isolation?.remove());

  test(`${N} dialogues per condition, every supporter turn labelled by the generator and the annotator`, (t) => {
    assert.equal(run.simulated, true);
    assert.deepEqual([...CONDITIONS].sort(), [...TRAIT_CONDITIONS].sort());
    assert.equal(run.scores.length, N, "every sampled seeker was scored for the trait conditions");
    assert.deepEqual(run.dialogues.filter((row) => row.status === "failed").map((row) => `${row.dialogueId}: ${row.error}`), []);
    assert.deepEqual([...generator.conditions].sort(), [...CONDITIONS].sort());
    for (const condition of CONDITIONS) {
      const index = generator.conditions.indexOf(condition);
      assert.ok(index >= 0, `no turns for ${condition}`);
      assert.equal(generator.dialogues[index], N, `${condition}: dialogues`);
      assert.equal(generator.unlabelledTurns[index], 0, `${condition}: supporter turns without a generator label`);
      // 8-12 supporter turns per continued dialogue by design.
      assert.ok(generator.labelledTurns[index] >= 8 * N && generator.labelledTurns[index] <= 12 * N, `${condition}: ${generator.labelledTurns[index]} turns`);
      assert.equal(annotator.labelledTurns[annotator.conditions.indexOf(condition)], generator.labelledTurns[index], `${condition}: the annotator left turns unlabelled`);
    }
    t.diagnostic(`runRq3 n=${N} x ${CONDITIONS.length} conditions with annotation (cache off): ${seconds.toFixed(1)} s wall; ` +
      `labelled supporter turns ${generator.conditions.map((c, i) => `${c} ${generator.labelledTurns[i]}`).join(", ")}`);
  });

  test(`generator labels: each strategy share within ${100 * TOLERANCE} points of the designed mix of its condition`, (t) => {
    const misses = compareShares(generator, (_, p) => p, (line) => t.diagnostic(line));
    assert.deepEqual(misses, []);
  });

  test(`annotator labels: each share within ${100 * TOLERANCE} points of 0.85 p + 0.15 (1 - p) / 7`, (t) => {
    const misses = compareShares(annotator, (_, p) => annotatedExpectation(p), (line) => t.diagnostic(line));
    assert.deepEqual(misses, []);
  });

  test("the chi-square test finds the designed shift between with and without traits, in the designed direction", (t) => {
    for (const [name, result] of [["generator", generator], ["annotator", annotator]] as const) {
      const test = pairTest(result, "both", "none");
      t.diagnostic(`${name} both vs none: chi2 = ${decimals(test.statistic, 1)}, df = ${test.degreesOfFreedom}, p = ${test.p.toExponential(2)}, Cramer's V = ${decimals(test.cramersV)}`);
      assert.ok(test.p < 1e-6, `${name}: both vs none p = ${test.p}`);
      // With traits: more Question and Affirmation, fewer Self-disclosure and Restatement (the design, Table 5).
      const residual = (strategy: string) => test.residuals.find((cell) => cell.condition === "both" && cell.strategy === strategy)?.residual ?? Number.NaN;
      assert.ok(residual("Question") > 1.96, `${name}: Question residual ${residual("Question")}`);
      assert.ok(residual("Affirmation and Reassurance") > 1.96, `${name}: Affirmation residual ${residual("Affirmation and Reassurance")}`);
      assert.ok(residual("Self-disclosure") < -1.96, `${name}: Self-disclosure residual ${residual("Self-disclosure")}`);
      assert.ok(residual("Restatement or Paraphrasing") < -1.96, `${name}: Restatement residual ${residual("Restatement or Paraphrasing")}`);
    }
  });

  test("the checks can fail: with-traits shares are far from the without-traits design, and equal designs are not told apart", (t) => {
    // The shares test discriminates: the "both" turns, compared with the "none" design, miss by far more than 3 points.
    const question = shareOf(generator, "both", "Question")!.share;
    assert.ok(Math.abs(question - designed("none").Question) > 3 * TOLERANCE, `Question with traits ${question}`);
    const againstWrongDesign = STRATEGY_LABELS.filter((strategy) => Math.abs(shareOf(generator, "both", strategy)!.share - designed("none")[strategy]) > TOLERANCE);
    assert.ok(againstWrongDesign.length >= 3, `only ${againstWrongDesign.join(", ")} differ from the wrong design`);
    // The chi-square is not significant by construction: "both" and "csi" have the same designed mix (Table 8 = Table 5).
    assert.deepEqual(designed("csi"), designed("both"));
    const same = pairTest(generator, "both", "csi");
    t.diagnostic(`generator both vs csi (same design): chi2 = ${decimals(same.statistic, 1)}, df = ${same.degreesOfFreedom}, p = ${decimals(same.p)}`);
    assert.ok(same.p > 0.05, `both vs csi p = ${same.p}`);
  });
});
