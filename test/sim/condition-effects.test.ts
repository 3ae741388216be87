import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ModelRequest } from "../../lib/llm/types";
import { PAPER_CONDITION, parseConditionName, type AnswerCondition } from "../../lib/prompts/answer-condition";
import { conditionPromptId, conditionVariables, parseConditionAnswer } from "../../lib/prompts/condition-prompt";
import { renderPrompt } from "../../lib/prompts/render-prompt";
import {
  createSimAdapter,
  defaultSimItems,
  expectedConditionShift,
  expectedConditionShifts,
  OPTION_ORDER_EFFECTS,
  resolveSimTruth,
  simModel,
  WORDING_EFFECTS,
  type SimAdapter,
  type SimItem,
} from "../../lib/sim/index";
import { MADE_UP_INVENTORIES, madeUpStatement } from "./sim-test-support";

const ITEMS = defaultSimItems().filter((item) => item.inventory === "HEXACO-60");
const PERSONA = "A 41-year-old engineer who enjoys quiet evenings and plans carefully.";

function request(item: SimItem, condition: AnswerCondition, model: string): ModelRequest {
  const id = conditionPromptId(condition);
  const rendered = renderPrompt(id, { description: PERSONA, statement: madeUpStatement(item), ...conditionVariables(condition) });
  return { provider: "sim", model, messages: rendered.messages, temperature: 0, metadata: { prompt: rendered.prompt, stage: "answerInventory" } };
}

// Without malformed first attempts (their repair retry is the stage's business, tested there).
async function answers(sim: SimAdapter, condition: AnswerCondition, model: string): Promise<number[]> {
  return Promise.all(
    ITEMS.map(async (item) => {
      const parsed = parseConditionAnswer((await sim.complete(request(item, condition, model))).text, condition);
      return parsed.ok ? parsed.value : NaN;
    }),
  );
}

describe("designed condition effects of the simulated models", () => {
  test("the named models carry the documented effects; the others none", () => {
    assert.deepEqual(simModel("option-order").truth.conditionEffects, OPTION_ORDER_EFFECTS);
    assert.deepEqual(simModel("wording-sensitive").truth.conditionEffects, WORDING_EFFECTS);
    assert.equal(OPTION_ORDER_EFFECTS.optionOrderReversed, -0.5);
    assert.deepEqual(WORDING_EFFECTS.wording, { "paraphrase-1": { shift: 0.4, interaction: 0.2 }, "paraphrase-2": { shift: -0.3, interaction: 0.3 } });
    for (const model of ["aligned", "llama-like", "haiku-like", "miskeyed", "acquiescent"]) assert.equal(simModel(model).truth.conditionEffects, undefined, model);
  });

  test("the sim reads the condition from the request: option-order lowers raw answers only when 1 is listed first", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, truth: { malformedRate: 0 } });
    const paper = await answers(sim, PAPER_CONDITION, "option-order");
    const reversed = await answers(sim, parseConditionName("options-reversed"), "option-order");
    const reversedWords = await answers(sim, parseConditionName("options-reversed+labels-words"), "option-order");
    // The condition templates share the paper prompt's noise: the only change is the designed raw shift.
    assert.ok(reversed.every((value, index) => value <= paper[index]), "never higher");
    assert.ok(reversed.filter((value, index) => value < paper[index]).length >= 10, "lower for many items");
    assert.deepEqual(reversedWords, reversed, "word labels change the format, not the value");
    assert.deepEqual(await answers(sim, parseConditionName("wording-paraphrase-1+labels-words"), "option-order"), paper, "no wording effect");
  });

  test("wording-sensitive moves answers under a paraphrase only; aligned answers every condition alike", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, truth: { malformedRate: 0 } });
    const paper = await answers(sim, PAPER_CONDITION, "wording-sensitive");
    assert.deepEqual(await answers(sim, parseConditionName("options-reversed+labels-words"), "wording-sensitive"), paper);
    const p1 = await answers(sim, parseConditionName("wording-paraphrase-1"), "wording-sensitive");
    assert.ok(p1.filter((value, index) => value !== paper[index]).length >= 5);
    const aligned = await answers(sim, PAPER_CONDITION, "aligned");
    for (const name of ["options-reversed", "labels-words", "wording-paraphrase-1", "items-shuffled+options-reversed+labels-words+wording-paraphrase-2"]) {
      assert.deepEqual(await answers(sim, parseConditionName(name), "aligned"), aligned, name);
    }
  });
});

describe("expectedConditionShifts: the designed truth", () => {
  // Fixed item parameters (no jitter): a = 2.2, thresholds -1.5, -0.5, 0.5, 1.5. Two keyed items and one reverse-keyed.
  const base = { items: { discrimination: 2.2, discriminationJitter: 0, thresholds: [-1.5, -0.5, 0.5, 1.5] as [number, number, number, number], locationJitter: 0 } };
  const items: SimItem[] = [
    { inventory: "Test", itemId: 1, domain: "D", reversed: false },
    { inventory: "Test", itemId: 2, domain: "D", reversed: false },
    { inventory: "Test", itemId: 3, domain: "D", reversed: true },
    { inventory: "Test", itemId: 4, domain: "K", reversed: false },
  ];

  test("matches an independent quadrature (scipy) for option order and wording", () => {
    // python3: a=2.2; b=[-1.5,-0.5,0.5,1.5]; f=lambda p: 1+sum(1/(1+np.exp(-a*(p-t))) for t in b)
    //   E=lambda g,m,s: scipy.integrate.quad(lambda z: g(z)*scipy.stats.norm.pdf(z,m,s), -12+m, 12+m, epsabs=1e-12, limit=200)[0]
    //   keyed=E(lambda t: f(t-0.5),0,1)-E(f,0,1) -> -0.4395994372816254
    //   rev=(6-E(lambda t: f(-t-0.5),0,1))-(6-E(lambda t: f(-t),0,1)) -> 0.4395994372816254; (2*keyed+rev)/3 -> -0.1465331457605418
    //   E(f,0.4,np.sqrt(1+0.2**2))-E(f,0,1) -> 0.351245345526781; E(f,-0.3,np.sqrt(1+0.3**2))-E(f,0,1) -> -0.26256246520682014
    //   acquiescence 1 as well: E(lambda t: f(t+1-0.5),0,1)-E(lambda t: f(t+1),0,1) -> -0.412367499526046
    const option = resolveSimTruth({ ...base, conditionEffects: OPTION_ORDER_EFFECTS });
    const shifts = expectedConditionShifts("option-order", "options-reversed", { items, truth: option });
    assert.deepEqual(shifts.map((entry) => [entry.trait, entry.items]), [["Test:D", 3], ["Test:K", 1]]);
    assert.ok(Math.abs(shifts[0].shift - -0.1465331457605418) < 1e-6, String(shifts[0].shift));
    assert.ok(Math.abs(shifts[1].shift - -0.4395994372816254) < 1e-6, String(shifts[1].shift));
    const wording = resolveSimTruth({ ...base, conditionEffects: WORDING_EFFECTS });
    assert.ok(Math.abs(expectedConditionShift("wording-sensitive", "wording-paraphrase-1", "Test:K", { items, truth: wording }) - 0.351245345526781) < 1e-6);
    assert.ok(Math.abs(expectedConditionShift("wording-sensitive", "wording-paraphrase-2", "K", { items, truth: wording }) - -0.26256246520682014) < 1e-6);
    // A reverse-keyed item moves with the trait like a keyed one under a wording shift: the domain mean is the same.
    assert.ok(Math.abs(expectedConditionShift("wording-sensitive", "wording-paraphrase-2", "D", { items, truth: wording }) - -0.26256246520682014) < 1e-6);
    const acquiescent = resolveSimTruth({ ...base, acquiescence: 1, conditionEffects: OPTION_ORDER_EFFECTS });
    assert.ok(Math.abs(expectedConditionShift("option-order", "options-reversed", "K", { items, truth: acquiescent }) - -0.412367499526046) < 1e-6);
  });

  test("zero where nothing is designed; an unknown domain is a usage error", () => {
    for (const [model, name] of [
      ["aligned", "options-reversed+labels-words+wording-paraphrase-1"],
      ["option-order", "items-shuffled+labels-words+wording-paraphrase-2"],
      ["wording-sensitive", "items-shuffled+options-reversed+labels-words"],
      ["option-order", "paper"],
    ]) {
      assert.ok(expectedConditionShifts(model, name).every((entry) => entry.shift === 0), `${model} ${name}`);
    }
    assert.equal(expectedConditionShifts("option-order", "options-reversed").length, 12, "the stand-in design's 12 domains by default");
    assert.throws(() => expectedConditionShift("option-order", "options-reversed", "Emotionality"), /several domains named "Emotionality"/);
    assert.throws(() => expectedConditionShift("option-order", "options-reversed", "Nope"), /no domains named "Nope"/);
  });
});
