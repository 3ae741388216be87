import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ModelCallError, type ModelRequest } from "../../lib/llm/types";
import { parseInventoryAnswer, renderPrompt, repairMessages } from "../../lib/prompts/index";
import {
  correlationOfColumns,
  createSimAdapter,
  DEFAULT_SIM_TRUTH,
  defaultSimItems,
  expectedScoreCorrelation,
  hexacoByCsi,
  SIM_TRAITS,
  type SimAdapter,
  type SimItem,
} from "../../lib/sim/index";
import { derivedDescription, MADE_UP_INVENTORIES, madeUpStatement } from "./sim-test-support";

const ITEMS = defaultSimItems();

/** A persona's description: the simulator knows a persona only by the text of its prompt. */
function descriptionOf(personaId: string): string {
  return `The person is known as ${personaId}.`;
}

/** An answer-statement request, as the pipeline sends it: the persona's description and the item's statement, nothing else. */
function answerRequest(item: SimItem, persona: { personaId: string; derivedFrom?: string; condition?: "persona" }): ModelRequest {
  const description = persona.derivedFrom ? derivedDescription(descriptionOf(persona.derivedFrom), `Re-extracted as ${persona.personaId}.`) : descriptionOf(persona.personaId);
  const rendered = renderPrompt("answer-statement", { description, statement: madeUpStatement(item) });
  return { provider: "sim", model: "sim", messages: rendered.messages, temperature: 0, metadata: { prompt: rendered.prompt, stage: "answerInventory" } };
}

/** Domain means of keyed answers (reversed items score 6 - x), SIM_TRAITS order; invalid answers skipped and counted. */
async function scorePersona(sim: SimAdapter, persona: { personaId: string; derivedFrom?: string; condition?: "persona" }, items = ITEMS) {
  const sums = new Array<number>(SIM_TRAITS.length).fill(0);
  const counts = new Array<number>(SIM_TRAITS.length).fill(0);
  let invalid = 0;
  for (const item of items) {
    const completion = await sim.complete(answerRequest(item, persona));
    const answer = parseInventoryAnswer(completion.text);
    if (!answer.ok) {
      invalid++;
      continue;
    }
    const trait = SIM_TRAITS.indexOf(`${item.inventory}:${item.domain}`);
    sums[trait] += item.reversed ? 6 - answer.value : answer.value;
    counts[trait]++;
  }
  return { scores: sums.map((sum, trait) => sum / counts[trait]), invalid };
}

const PAIRS: Array<[string, string]> = [
  ["HEXACO-60:Extraversion", "CSI:Expressiveness"],
  ["HEXACO-60:Conscientiousness", "CSI:Preciseness"],
  ["HEXACO-60:Agreeableness", "CSI:Verbal Aggressiveness"],
  ["HEXACO-60:Openness to Experience", "CSI:Questioningness"],
  ["HEXACO-60:Emotionality", "CSI:Emotionality"],
  ["HEXACO-60:Honesty-Humility", "CSI:Impression Manipulativeness"],
];

describe("sim inventory answers", () => {
  test("are deterministic for a seed and differ between seeds", async () => {
    const persona = { personaId: "esconv:train:1" };
    const first = await Promise.all(ITEMS.slice(0, 40).map((item) => createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 3 }).complete(answerRequest(item, persona))));
    const again = await Promise.all(ITEMS.slice(0, 40).map((item) => createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 3 }).complete(answerRequest(item, persona))));
    const other = await Promise.all(ITEMS.slice(0, 40).map((item) => createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 4 }).complete(answerRequest(item, persona))));
    assert.deepEqual(first.map((completion) => completion.text), again.map((completion) => completion.text));
    assert.notDeepEqual(first.map((completion) => completion.text), other.map((completion) => completion.text));
    assert.equal(first[0].provider, "sim");
    assert.ok(first[0].usage.inputTokens > 50 && first[0].usage.outputTokens >= 1);
  });

  test("the model id separates seeds and truths, and a seed in the request wins", async () => {
    assert.notEqual(createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 1 }).modelId, createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 2 }).modelId);
    assert.notEqual(createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 1 }).modelId, createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 1, truth: { malformedRate: 0 } }).modelId);
    assert.equal(createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 1 }).modelId, createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 1 }).modelId);
    const persona = { personaId: "seeded" };
    const texts = async (adapterSeed: number, requestSeed?: number) =>
      Promise.all(ITEMS.slice(0, 40).map(async (item) => (await createSimAdapter({ ...MADE_UP_INVENTORIES, seed: adapterSeed }).complete({ ...answerRequest(item, persona), seed: requestSeed })).text));
    assert.deepEqual(await texts(1, 8), await texts(2, 8));
    assert.deepEqual(await texts(8), await texts(2, 8));
  });

  test("the default correlation matrix is valid and pairs each HEXACO domain with its CSI partner", () => {
    const latent = hexacoByCsi(DEFAULT_SIM_TRUTH.traitCorrelation);
    // Rows H, E, X, A, C, O; columns Expr, Prec, Verb, Ques, Emot, Impr (SIM_TRAITS order).
    const partner = [5, 4, 0, 2, 1, 3];
    latent.forEach((row, index) => {
      const strongest = row.reduce((best, value, column) => (Math.abs(value) > Math.abs(row[best]) ? column : best), 0);
      assert.equal(strongest, partner[index], `row ${index}`);
      const column = latent.map((entry) => entry[partner[index]]);
      const strongestRow = column.reduce((best, value, candidate) => (Math.abs(value) > Math.abs(column[best]) ? candidate : best), 0);
      assert.equal(strongestRow, index, `column ${partner[index]}`);
    });
    assert.throws(() => createSimAdapter({ ...MADE_UP_INVENTORIES, truth: { traitCorrelation: DEFAULT_SIM_TRUTH.traitCorrelation.map((row, i) => row.map((value, j) => (i !== j && i < 6 && j >= 6 ? 0.9 : value))) } }), /positive definite|symmetric/);
  });

  test("expected score correlations are the latent ones, somewhat attenuated, with the same pattern", () => {
    const latent = DEFAULT_SIM_TRUTH.traitCorrelation;
    const expected = expectedScoreCorrelation(DEFAULT_SIM_TRUTH);
    for (const [hexaco, csi] of PAIRS) {
      const [row, column] = [SIM_TRAITS.indexOf(hexaco), SIM_TRAITS.indexOf(csi)];
      assert.equal(Math.sign(expected[row][column]), Math.sign(latent[row][column]));
      assert.ok(Math.abs(expected[row][column]) < Math.abs(latent[row][column]), `${hexaco}: attenuated`);
      assert.ok(Math.abs(expected[row][column]) > 0.8 * Math.abs(latent[row][column]), `${hexaco}: not too attenuated`);
    }
    // Zero latent correlations stay near zero (Monte Carlo error of 10,000 respondents ~ 0.01).
    assert.ok(Math.abs(expected[SIM_TRAITS.indexOf("HEXACO-60:Honesty-Humility")][SIM_TRAITS.indexOf("CSI:Preciseness")]) < 0.04);
  });

  test("300 simulated personas recover each paired correlation within 0.1 of its expected value", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 11 });
    const rows: number[][] = [];
    let invalid = 0;
    for (let index = 0; index < 300; index++) {
      const result = await scorePersona(sim, { personaId: `recovery:${index}` });
      rows.push(result.scores);
      invalid += result.invalid;
    }
    const observed = correlationOfColumns(rows);
    const expected = expectedScoreCorrelation(sim.truth);
    for (const [hexaco, csi] of PAIRS) {
      const [row, column] = [SIM_TRAITS.indexOf(hexaco), SIM_TRAITS.indexOf(csi)];
      assert.ok(Math.abs(observed[row][column] - expected[row][column]) < 0.1, `${hexaco} x ${csi}: ${observed[row][column]} vs ${expected[row][column]}`);
    }
    // About malformedRate + unanswerableRate of the 46,800 answers are invalid (no retries here).
    const share = invalid / (300 * ITEMS.length);
    assert.ok(share > 0.005 && share < 0.025, `invalid share ${share}`);
  });

  test("reversed items are keyed: a high trait means disagreeing", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 5, truth: { malformedRate: 0, unanswerableRate: 0 } });
    // A forward and a reversed item of one domain: the reverse key comes from the inventory the statement is in.
    const forward = ITEMS.find((candidate) => candidate.inventory === "CSI" && candidate.domain === "Expressiveness" && !candidate.reversed)!;
    const backward = ITEMS.find((candidate) => candidate.inventory === "CSI" && candidate.domain === "Expressiveness" && candidate.reversed)!;
    const raw = async (reversed: boolean, personaId: string) => {
      const answer = parseInventoryAnswer((await sim.complete(answerRequest(reversed ? backward : forward, { personaId }))).text);
      assert.ok(answer.ok);
      return answer.ok ? answer.value : 0;
    };
    let agreement = 0;
    for (let index = 0; index < 200; index++) {
      const personaId = `keying:${index}`;
      agreement += ((await raw(false, personaId)) - 3) * ((await raw(true, personaId)) - 3);
    }
    assert.ok(agreement < 0, `forward and reversed answers move in opposite directions (${agreement})`);
  });

  test("log-probabilities, when asked for, are the model's category probabilities", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 2 });
    const completion = await sim.complete({ ...answerRequest(ITEMS[0], { personaId: "p" }), topLogprobs: 5 });
    assert.match(completion.text, /^[1-5]$/);
    const top = completion.logprobs?.[0].top ?? [];
    assert.equal(top.length, 5);
    const total = top.reduce((sum, entry) => sum + Math.exp(entry.logprob), 0);
    assert.ok(Math.abs(total - 1) < 1e-6);
    assert.deepEqual(top.map((entry) => entry.token).sort(), ["1", "2", "3", "4", "5"]);
  });

  test("a re-extracted persona drifts up in Emotionality and down in Extraversion", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 9, truth: { malformedRate: 0, unanswerableRate: 0 } });
    const hexacoItems = ITEMS.filter((item) => item.inventory === "HEXACO-60");
    const differences = new Array<number>(SIM_TRAITS.length).fill(0);
    const count = 120;
    for (let index = 0; index < count; index++) {
      const original = await scorePersona(sim, { personaId: `personahub:${index}` }, hexacoItems);
      const derived = await scorePersona(sim, { personaId: `generated:personahub:${index}`, derivedFrom: `personahub:${index}`, condition: "persona" }, hexacoItems);
      original.scores.forEach((score, trait) => (differences[trait] += (derived.scores[trait] - score) / count));
    }
    const at = (trait: string) => differences[SIM_TRAITS.indexOf(trait)];
    assert.ok(at("HEXACO-60:Emotionality") > 0.2, `emotionality ${at("HEXACO-60:Emotionality")}`);
    assert.ok(at("HEXACO-60:Extraversion") < -0.2, `extraversion ${at("HEXACO-60:Extraversion")}`);
    assert.ok(Math.abs(at("HEXACO-60:Honesty-Humility")) < 0.1, `honesty ${at("HEXACO-60:Honesty-Humility")}`);
  });

  test("a malformed first answer is followed by a well-formed repair answer", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 1, truth: { malformedRate: 1 } });
    const request = answerRequest(ITEMS[0], { personaId: "p" });
    const first = await sim.complete(request);
    const parsed = parseInventoryAnswer(first.text);
    assert.equal(parsed.ok, false);
    const retry = await sim.complete({ ...request, messages: repairMessages(request.messages, first.text, "answer-statement", parsed.ok ? "" : parsed.reason) });
    assert.ok(parseInventoryAnswer(retry.text).ok);
  });

  test("an unknown prompt id is a non-retryable ModelCallError", async () => {
    const sim = createSimAdapter(MADE_UP_INVENTORIES);
    await assert.rejects(
      sim.complete({ provider: "sim", model: "m", messages: [{ role: "user", content: "x" }], metadata: { prompt: { id: "nope", version: "v1", hash: "h" } } }),
      (error: unknown) => error instanceof ModelCallError && !error.retryable && /nope/.test(error.message),
    );
  });
});
