import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ModelRequest } from "../../lib/llm/types";
import {
  formatDialogueTranscript,
  formatTraitDescriptions,
  parseExpandedPersona,
  parseFilterVerdict,
  parsePersonaCard,
  parseTraitSentences,
  renderPrompt,
} from "../../lib/prompts/index";
import { createSimAdapter, CSI_DOMAINS, detectSelfDescribedDemographics, HEXACO_DOMAINS, hasDemographicCue } from "../../lib/sim/index";

const sim = createSimAdapter({ seed: 1, truth: { malformedRate: 0 } });

/** A request as any provider gets it: the rendered prompt and its id, version and hash; nothing on the side. */
function request(id: string, variables: Record<string, string | boolean>): ModelRequest {
  const rendered = renderPrompt(id, variables);
  return { provider: "sim", model: "sim", messages: rendered.messages, metadata: { prompt: rendered.prompt } };
}

describe("demographic cues", () => {
  test("explicit cues only", () => {
    assert.deepEqual(detectSelfDescribedDemographics("I'm 23 and I work as a nurse."), { age: "young", years: 23, gender: "unknown", occupation: "nurse" });
    assert.deepEqual(detectSelfDescribedDemographics("Throwaway (17F). My parents fight all the time."), { age: "teenage", years: 17, gender: "female", occupation: "unknown" });
    assert.deepEqual(detectSelfDescribedDemographics("My husband left me. I am retired now."), { age: "old", gender: "female", occupation: "unknown" });
    assert.equal(detectSelfDescribedDemographics("I am a 45-year-old father of two").gender, "male");
    assert.equal(detectSelfDescribedDemographics("I am a 45-year-old father of two").age, "middle-aged");
    assert.equal(detectSelfDescribedDemographics("I'm 30 minutes late every day to my college classes").age, "young");
    assert.equal(detectSelfDescribedDemographics("I'm 30 minutes late every day").age, "unknown");
    assert.deepEqual(detectSelfDescribedDemographics("I feel sad and alone."), { age: "unknown", gender: "unknown", occupation: "unknown" });
  });

  test("filter cues in a card", () => {
    assert.ok(hasDemographicCue("The person is a 23-year-old woman."));
    assert.ok(hasDemographicCue("The person works as a nurse."));
    assert.ok(hasDemographicCue("The person fights with their boss at work."));
    assert.equal(hasDemographicCue("The person feels sad and alone."), false);
  });
});

describe("sim persona prompts", () => {
  const post = "I'm 23 and I work as a nurse. Lately I feel exhausted and anxious after every night shift. My boyfriend says I never have time for him and we argue all the time. I don't know how to fix this.";

  test("extract-persona builds the card from the post itself", async () => {
    const completion = await sim.complete(request("extract-persona", { sourceKind: "post", sourceText: post }));
    const card = parsePersonaCard(completion.text);
    assert.ok(card.ok, completion.text);
    if (!card.ok) return;
    assert.equal(card.value.age, "young");
    assert.equal(card.value.gender, "female");
    assert.equal(card.value.occupation, "nurse");
    assert.match(card.value.problem, /exhausted and anxious/);
    assert.match(card.value.description, /23-year-old woman who works as a nurse/);
    assert.deepEqual(completion.warnings, []);
  });

  test("extract-persona reads only the seeker's turns of a dialogue", async () => {
    const turns = [
      { speaker: "seeker" as const, text: "Hi. I lost my job and I feel hopeless" },
      { speaker: "supporter" as const, text: "I'm 45 and a teacher, and I know how that feels.", strategy: "Self-disclosure" as const },
    ];
    const completion = await sim.complete(request("extract-persona", { sourceText: formatDialogueTranscript(turns) }));
    const card = parsePersonaCard(completion.text);
    assert.ok(card.ok);
    if (card.ok) {
      assert.equal(card.value.age, "unknown");
      // SIM_VERSION 4 infers an occupation from the seeker's own words ("I lost my job"), never the supporter's "teacher".
      assert.equal(card.value.occupation, "unemployed");
      assert.match(card.value.problem, /lost my job/);
    }
  });

  test("filter-persona follows the documented rule", async () => {
    const verdict = async (description: string, problem: string) => {
      const parsed = parseFilterVerdict((await sim.complete(request("filter-persona", { description, problem }))).text);
      assert.ok(parsed.ok);
      return parsed.ok ? parsed.value : undefined;
    };
    const long = "The person is a 23-year-old woman who works as a nurse and lives alone in a small flat in the city, far away from her family and her old friends from school.";
    const problem = "The person feels exhausted and anxious after night shifts and argues with her boyfriend.";
    assert.equal((await verdict(long, problem))?.keep, true);
    assert.equal((await verdict("The person is a woman.", problem))?.keep, false);
    assert.equal((await verdict(long, "The person is sad."))?.keep, false);
    const anonymous = "The person does not say who they are beyond their situation and mostly talks about how sad and empty everything feels these days without any end in sight at all.";
    const result = await verdict(anonymous, problem.replace(" with her boyfriend", " a lot with everyone around"));
    assert.equal(result?.keep, false);
    assert.match(result?.reason ?? "", /demographic/);
  });

  test("describe-traits gives six sentences that follow the latent traits, per inventory", async () => {
    for (const [inventory, domains] of [["HEXACO-60", HEXACO_DOMAINS], ["CSI", CSI_DOMAINS]] as const) {
      const completion = await sim.complete(
        request("describe-traits", { traitDescriptions: formatTraitDescriptions(inventory), description: "The person is a nurse." }),
      );
      const sentences = parseTraitSentences(completion.text, [...domains]);
      assert.ok(sentences.ok, completion.text);
    }
  });

  test("expand-persona invents demographics, keeps the occupation and gives 6 + 6 statements", async () => {
    const persona = "A fearless and highly trained athlete who can perform complex and dangerous physical sequences";
    const completion = await sim.complete(
      request("expand-persona", { hexacoDescriptions: formatTraitDescriptions("HEXACO-60"), csiDescriptions: formatTraitDescriptions("CSI"), persona }),
    );
    const expanded = parseExpandedPersona(completion.text, [...HEXACO_DOMAINS], [...CSI_DOMAINS]);
    assert.ok(expanded.ok, completion.text);
    if (expanded.ok) {
      assert.equal(expanded.value.occupation, "athlete");
      assert.notEqual(expanded.value.age, "unknown");
      assert.match(expanded.value.description, /fearless and highly trained athlete/);
    }
  });

  test("a malformed first answer is cut-off JSON that the parser rejects", async () => {
    const garbling = createSimAdapter({ seed: 1, truth: { malformedRate: 1 } });
    const completion = await garbling.complete(request("extract-persona", { sourceKind: "post", sourceText: post }));
    assert.equal(parsePersonaCard(completion.text).ok, false);
  });
});

describe("sim fallbacks", () => {
  test("an answer to a statement in no inventory the simulator can read still comes, with a warning", async () => {
    const completion = await sim.complete(request("answer-statement", { description: "The person is shy.", statement: "A made-up statement." }));
    assert.match(completion.text, /[1-5]/);
    assert.ok(completion.warnings.some((warning) => /no inventory/.test(warning)));
  });

  test("without ESConv in the data folder, dialogues use the built-in bank and say so", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const folder = mkdtempSync(join(tmpdir(), "persona-talks-empty-data-"));
    const previous = process.env.PERSONA_TALKS_DATA;
    process.env.PERSONA_TALKS_DATA = folder;
    try {
      const fresh = createSimAdapter({ seed: 1, truth: { malformedRate: 0 } });
      const completion = await fresh.complete(request("generate-dialogue", { strategyDefinitions: "defs", description: "The person is a nurse." }));
      assert.ok(completion.warnings.some((warning) => /built-in/.test(warning)), completion.warnings.join("; "));
    } finally {
      if (previous === undefined) delete process.env.PERSONA_TALKS_DATA;
      else process.env.PERSONA_TALKS_DATA = previous;
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("a prompt that does not fit its template is answered from the whole prompt text, with a warning", async () => {
    const rendered = renderPrompt("extract-persona", { sourceText: "x" });
    const completion = await sim.complete({ provider: "sim", model: "m", messages: [{ role: "user", content: "I'm 23. I feel sad about my exams at college." }], metadata: { prompt: rendered.prompt } });
    assert.ok(parsePersonaCard(completion.text).ok);
    assert.ok(completion.warnings.some((warning) => /does not fit/.test(warning)));
  });
});

test("school and workplace cues", () => {
  assert.deepEqual(detectSelfDescribedDemographics("I'm a senior in high school and everything is falling apart."), { age: "teenage", gender: "unknown", occupation: "student" });
  assert.equal(detectSelfDescribedDemographics("I'm in college and I hate it.").occupation, "student");
  assert.equal(detectSelfDescribedDemographics("I work at a hospital and I am exhausted.").occupation, "hospital worker");
  assert.equal(detectSelfDescribedDemographics("I work at it every day.").occupation, "unknown");
});

test("truth overrides merge into the defaults", async () => {
  const { resolveSimTruth, DEFAULT_SIM_TRUTH } = await import("../../lib/sim/index");
  const truth = resolveSimTruth({ filter: { minProblemWords: 3 }, judge: { Overall: { win: 0.5, tie: 0.2, loss: 0.3 } } });
  assert.equal(truth.filter.minProblemWords, 3);
  assert.equal(truth.filter.minDescriptionWords, DEFAULT_SIM_TRUTH.filter.minDescriptionWords);
  assert.deepEqual(truth.judge.Suggestion, DEFAULT_SIM_TRUTH.judge.Suggestion);
  assert.throws(() => resolveSimTruth({ judge: { Overall: { win: 0.9 } } }), /must sum to 1/);
});
