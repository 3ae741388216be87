import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UsageError } from "../../lib/errors";
import type { ModelRequest } from "../../lib/llm/types";
import type { PersonaInput } from "../../lib/pipeline/persona-identity";
import { personaKey } from "../../lib/pipeline/persona-key";
import { runRq2 } from "../../lib/questions/rq2/run-rq2";
import { traitDescriptionsFor } from "../../lib/prompts/trait-descriptions";
import { recoveryDataDirectory } from "../recovery/recovery-support";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";
import { parseInventoryAnswer, renderPrompt } from "../../lib/prompts/index";
import {
  correlationOfColumns,
  createSimAdapter,
  defaultSimItems,
  expectedReliability,
  expectedScoreCorrelation,
  findSimModel,
  HEXACO_DOMAINS,
  hexacoByCsi,
  latentTraits,
  SIM_MODELS,
  SIM_TRAITS,
  SIM_VERSION,
  personaFromDescription,
  simModelDisplayName,
  type SimAdapter,
  type SimItem,
} from "../../lib/sim/index";
import { derivedDescription, MADE_UP_INVENTORIES, madeUpStatement } from "./sim-test-support";

// The one simulator truth model (SIM_VERSION 3, docs/prompts-and-sim.md): traits from the persona text in the prompt,
// prompt-hash noise, the temperature rule, named simulated models, mis-keyed items and the expected reliability.

const HEXACO_ITEMS = defaultSimItems().filter((item) => item.inventory === "HEXACO-60");
const REWORDED = "Someone is described like this: {{description}}\nHow much would they agree with: {{statement}}\nReply with one number from 1 (strongly disagree) to 5 (strongly agree).";

type Persona = PersonaInput;

function card(id: string, description: string, extra: Partial<Persona> = {}): Persona {
  return { id, sourceDataset: "esconv", sourceId: id, age: "young", gender: "female", occupation: "nurse", description, problem: "She is exhausted after night shifts.", ...extra } as Persona;
}

function answerRequest(item: SimItem, persona: Persona, options: { model?: string; template?: string; temperature?: number; sampleIndex?: number } = {}): ModelRequest {
  const rendered = renderPrompt(
    "answer-statement",
    { description: persona.description, statement: madeUpStatement(item) },
    options.template ? { overrides: { "answer-statement": options.template } } : {},
  );
  return {
    provider: "sim",
    model: options.model ?? "sim",
    messages: rendered.messages,
    temperature: options.temperature ?? 0,
    metadata: {
      prompt: rendered.prompt,
      stage: "answerInventory",
      sampleIndex: options.sampleIndex,
    },
  };
}

async function answers(sim: SimAdapter, persona: Persona, options: Parameters<typeof answerRequest>[2] = {}, items = HEXACO_ITEMS): Promise<number[]> {
  return Promise.all(
    items.map(async (item) => {
      const parsed = parseInventoryAnswer((await sim.complete(answerRequest(item, persona, options))).text);
      return parsed.ok ? parsed.value : NaN;
    }),
  );
}

/** Domain means of keyed answers, HEXACO_DOMAINS order. */
function domainScores(values: number[], items = HEXACO_ITEMS): number[] {
  return HEXACO_DOMAINS.map((domain) => {
    const keyed = items.flatMap((item, index) => (item.domain === domain && Number.isFinite(values[index]) ? [item.reversed ? 6 - values[index] : values[index]] : []));
    return keyed.reduce((sum, value) => sum + value, 0) / keyed.length;
  });
}

const clean = { malformedRate: 0, unanswerableRate: 0 };

describe("sim truth model (SIM_VERSION 3)", () => {
  test("the version was bumped once for this truth model", () => {
    assert.equal(SIM_VERSION, "3");
    assert.match(createSimAdapter().modelId, /^sim-3-aligned-seed1-truth[0-9a-f]{8}$/);
  });

  test("a persona's traits follow from its description in the prompt, not its id", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 3, truth: clean });
    const text = "The person is a 23-year-old woman who works as a nurse and lives with her boyfriend.";
    const first = await answers(sim, card("esconv:train:1", text));
    const renamed = await answers(sim, card("my-cards:42", text));
    // Case and white space are not content.
    const respaced = await answers(sim, card("my-cards:43", `  ${text.toUpperCase()} `));
    const changed = await answers(sim, card("esconv:train:1", `${text} She plays the violin.`));
    assert.deepEqual(renamed, first);
    assert.deepEqual(respaced, first);
    assert.notDeepEqual(changed, first);
    // The pipeline's own identity of a card (lib/pipeline/persona-key.ts) is its whole content.
    assert.equal(personaKey(card("a", text)), personaKey({ ...card("b", text), age: "23" }), "ages are compared as the paper's age groups");
    assert.notEqual(personaKey(card("a", text)), personaKey(card("a", text, { occupation: "teacher" })));
  });

  test("a re-extracted persona keeps its origin's traits (found by the origin's text in its card) plus the shift", () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 5 });
    const origin = card("personahub:7", "The person is a 45-year-old man who works as a baker.");
    const originTraits = latentTraits(sim.truth, 5, personaFromDescription(origin.description));
    // The re-extracted card says something else; only how the seeker introduced themselves (the opening of the
    // dialogue the simulator wrote for the origin) links it to its origin.
    const derivedCard = card("generated:personahub:7:persona", derivedDescription(origin.description, "The person is worried about the bakery."));
    const derived = latentTraits(sim.truth, 5, personaFromDescription(derivedCard.description));
    SIM_TRAITS.forEach((trait, index) => {
      const shift = sim.truth.drift.shift[trait] ?? 0;
      assert.ok(Math.abs(derived[index] - originTraits[index] - shift) < 4 * sim.truth.drift.noise, `${trait}: ${derived[index]} vs ${originTraits[index]} + ${shift}`);
    });
    // Same origin under another id: same origin traits.
    const renamedOrigin = latentTraits(sim.truth, 5, personaFromDescription({ ...origin, id: "elsewhere:1" }.description));
    assert.deepEqual(renamedOrigin, originTraits);
  });

  test("a reworded prompt keeps the traits but draws new noise: different, strongly correlated scores", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 7, truth: clean });
    const base: number[][] = [];
    const reworded: number[][] = [];
    let changedAnswers = 0;
    for (let index = 0; index < 60; index++) {
      const persona = card(`p:${index}`, `Persona number ${index} with a life of their own.`);
      const a = await answers(sim, persona);
      const b = await answers(sim, persona, { template: REWORDED });
      changedAnswers += a.filter((value, item) => value !== b[item]).length;
      base.push(domainScores(a));
      reworded.push(domainScores(b));
    }
    assert.ok(changedAnswers > 0.2 * 60 * HEXACO_ITEMS.length, `answers changed: ${changedAnswers}`);
    HEXACO_DOMAINS.forEach((domain, column) => {
      const r = correlationOfColumns(base.map((row, index) => [row[column], reworded[index][column]]))[0][1];
      assert.ok(r > 0.75 && r < 0.995, `${domain}: r = ${r}`);
    });
  });

  test("deterministic at temperature 0 (the sample index is ignored); above it each sample draws new noise", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 2, truth: clean });
    const persona = card("t:1", "A made-up person for temperature.");
    const zero = await answers(sim, persona, { sampleIndex: 0 });
    assert.deepEqual(await answers(sim, persona, { sampleIndex: 3 }), zero);
    const hot0 = await answers(sim, persona, { temperature: 1, sampleIndex: 0 });
    const hot1 = await answers(sim, persona, { temperature: 1, sampleIndex: 1 });
    assert.deepEqual(await answers(sim, persona, { temperature: 1, sampleIndex: 1 }), hot1, "a sample is reproducible");
    assert.notDeepEqual(hot0, hot1);
    const differ = (a: number[], b: number[]) => a.filter((value, index) => value !== b[index]).length;
    const small = await answers(sim, persona, { temperature: 0.2, sampleIndex: 1 });
    assert.ok(differ(small, zero) < differ(hot1, zero), `noise grows with temperature: ${differ(small, zero)} vs ${differ(hot1, zero)}`);
  });

  test("named simulated models: ids, display names, truths and designed (mis)alignments", () => {
    assert.deepEqual(SIM_MODELS.map((model) => model.id), ["aligned", "llama-like", "haiku-like", "miskeyed", "acquiescent", "option-order", "wording-sensitive"]);
    const sim = createSimAdapter();
    assert.equal(sim.modelIdFor("sim"), sim.modelIdFor("aligned"));
    assert.equal(sim.modelIdFor(sim.modelIdFor("llama-like")), sim.modelIdFor("llama-like"));
    assert.notEqual(sim.modelIdFor("llama-like"), sim.modelIdFor("haiku-like"));
    assert.equal(findSimModel(sim.modelIdFor("haiku-like"))?.id, "haiku-like");
    assert.match(simModelDisplayName(sim.modelIdFor("llama-like")), /LLaMA-like.*SIMULATED/);
    assert.throws(() => sim.modelIdFor("llama-lik"), (error: unknown) => error instanceof UsageError && /llama-like/.test(error.message));
    // Rows H, E, X, A, C, O; columns Expr, Prec, Verb, Ques, Emot, Impr.
    const partner = [5, 4, 0, 2, 1, 3];
    for (const model of SIM_MODELS.filter((entry) => entry.id !== "miskeyed")) {
      const matrix = hexacoByCsi(expectedScoreCorrelation(sim.truthFor(model.id), { respondents: 3000 }));
      const misaligned = HEXACO_DOMAINS.filter((_, row) => {
        const strongest = matrix[row].reduce((best, value, column) => (Math.abs(value) > Math.abs(matrix[row][best]) ? column : best), 0);
        return strongest !== partner[row];
      });
      assert.deepEqual(misaligned, model.misalignedRows, model.id);
    }
  });

  test("a request's model picks the simulated model; the pipeline turns the name into a versioned id", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 4, truth: clean });
    const persona = card("m:1", "A person for model comparisons.");
    const aligned = await answers(sim, persona, { model: sim.modelIdFor("aligned") });
    assert.deepEqual(await answers(sim, persona, { model: "sim" }), aligned);
    assert.notDeepEqual(await answers(sim, persona, { model: "llama-like" }), aligned);
    const context = createPipelineContext({ model: { provider: "sim", model: "llama-like" }, cacheMode: "off" });
    try {
      assert.match(context.model.model, /^sim-3-llama-like-seed1-truth/);
      assert.equal(context.simulated, true);
    } finally {
      context.close();
    }
    assert.throws(() => createPipelineContext({ model: { provider: "sim", model: "gpt-4o-mini" }, cacheMode: "off" }), UsageError);
  });

  test("expected reliability by Monte Carlo: alpha per domain, retest 1 at temperature 0, lower above it", () => {
    const sim = createSimAdapter();
    const cold = expectedReliability(sim.truth, { items: HEXACO_ITEMS, respondents: 3000 });
    assert.equal(cold.length, 6);
    for (const domain of cold) {
      assert.ok(domain.alpha > 0.85 && domain.alpha < 0.97, `${domain.trait} alpha ${domain.alpha}`);
      assert.ok(domain.trueScoreReliability >= domain.alpha - 0.02, `${domain.trait}: alpha is a lower bound`);
      assert.equal(domain.retest, 1);
      assert.ok(Object.values(domain.itemTotal).every((value) => value > 0.5));
    }
    const hot = expectedReliability(sim.truth, { items: HEXACO_ITEMS, respondents: 3000, temperature: 1 });
    hot.forEach((domain, index) => {
      assert.ok(domain.alpha < cold[index].alpha - 0.02, `${domain.trait}: noisier at temperature 1`);
      assert.ok(domain.retest > 0.8 && domain.retest < 0.97, `${domain.trait} retest ${domain.retest}`);
    });
  });

  test("a mis-keyed item (named model or truth option) is answered the wrong way round and shows a negative item-total correlation", async () => {
    const sim = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 8, truth: clean });
    const expected = expectedReliability(sim.truthFor("miskeyed"), { items: HEXACO_ITEMS, respondents: 3000 });
    const honesty = expected.find((domain) => domain.domain === "Honesty-Humility")!;
    assert.ok(honesty.itemTotal["12"] < -0.3, `item 12: ${honesty.itemTotal["12"]}`);
    assert.ok(Object.entries(honesty.itemTotal).every(([item, value]) => item === "12" || value > 0.4));
    // The same through the adapter: 150 personas, item 12 against the rest of its domain.
    const domainItems = HEXACO_ITEMS.filter((item) => item.domain === "Honesty-Humility");
    const viaOption = createSimAdapter({ ...MADE_UP_INVENTORIES, seed: 8, truth: { ...clean, misKeyedItems: ["hexaco60#12"] } });
    const rows: number[][] = [];
    for (let index = 0; index < 150; index++) {
      const persona = card(`k:${index}`, `Mis-keying persona ${index}.`);
      const values = await answers(viaOption, persona, {}, domainItems);
      const keyed = values.map((value, position) => (domainItems[position].reversed ? 6 - value : value));
      const position = domainItems.findIndex((item) => item.itemId === 12);
      rows.push([keyed[position], keyed.reduce((sum, value) => sum + value, 0) - keyed[position]]);
    }
    assert.ok(correlationOfColumns(rows)[0][1] < -0.3, `observed item-total ${correlationOfColumns(rows)[0][1]}`);
    assert.throws(() => createSimAdapter({ truth: { misKeyedItems: ["12"] } }), /<inventory>#<item id>/);
  });
});

describe("sim truth model through the RQ2 pipeline", () => {
  const data = recoveryDataDirectory();
  test("an expanded card's statements follow its description's traits; its dialogue and re-extracted card carry its content key", { skip: data ? false : "needs the data folder (npm run data)" }, async () => {
    process.env.PERSONA_TALKS_DATA = data;
    const context = createPipelineContext({ cacheMode: "off" });
    try {
      const result = await runRq2({ n: 3, context, noPersona: true, progress: false });
      const sim = createSimAdapter();
      for (const row of result.expanded) {
        const traits = latentTraits(sim.truth, 1, personaFromDescription(row.description));
        for (const dimension of traitDescriptionsFor("HEXACO-60").dimensions) {
          const value = traits[SIM_TRAITS.indexOf(`HEXACO-60:${dimension.domain}`)];
          const sentence = row.hexacoTraits?.[dimension.domain] ?? "";
          assert.ok(value > 0.5 ? sentence.includes(dimension.high) : value < -0.5 ? sentence.includes(dimension.low) : /sometimes/.test(sentence), `${row.id} ${dimension.domain}`);
        }
      }
      const keyOf = new Map(result.expanded.map((row) => [row.id, personaKey(row)]));
      for (const run of [result.persona, result.noPersona!]) {
        for (const dialogue of run.dialogues) assert.equal(dialogue.personaKey, keyOf.get(dialogue.personaId));
        for (const extracted of run.extracted) assert.equal(extracted.derivedFromKey, keyOf.get(extracted.derivedFrom));
      }
    } finally {
      context.close();
    }
  });
});
