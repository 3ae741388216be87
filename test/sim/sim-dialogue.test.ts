import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { STRATEGY_LABELS, type StrategyLabel, type Turn } from "../../lib/data/types";
import type { ModelRequest } from "../../lib/llm/types";
import { projectRoot } from "../../lib/paths";
import { ESCONV_TRAIN, findDataFolder, skipWithoutData } from "../support/data-folder";
import {
  formatDialogueForAnnotation,
  formatDialogueHistory,
  formatDialogueTranscript,
  formatStrategyDefinitions,
  formatTraitDescriptions,
  JUDGE_CRITERIA,
  parseDialogueTurns,
  parsePairJudgement,
  parsePersonaCard,
  parseStrategyAnnotations,
  NO_PERSONA_DESCRIPTION,
  renderPrompt,
} from "../../lib/prompts/index";
import { buildUtteranceBank, builtInUtteranceBank, createSimAdapter, DEFAULT_SIM_TRUTH, parseEsconvUtterances, personaFromDescription, type SimCondition } from "../../lib/sim/index";

const fixture = readFileSync(join(projectRoot(), "test", "fixtures", "prompts-sim", "esconv-mini.jsonl"), "utf8");
const fixtureDialogues = parseEsconvUtterances(fixture, "fixture");
const bank = buildUtteranceBank(fixtureDialogues);
const sim = createSimAdapter({ seed: 21, utteranceBank: bank, truth: { malformedRate: 0 } });
const DEFINITIONS = formatStrategyDefinitions();

/** A request as any provider gets it: the rendered prompt and its id, version and hash; nothing on the side. */
function request(id: string, variables: Record<string, string | boolean>): ModelRequest {
  const rendered = renderPrompt(id, variables);
  return { provider: "sim", model: "sim", messages: rendered.messages, metadata: { prompt: rendered.prompt } };
}

/** The continuation prompt of dialogue `dialogueIndex` (a fixture history plus a seeker line of its own) in a condition. */
function continuation(condition: SimCondition, dialogueIndex: number): ModelRequest {
  const turns: Turn[] = [...fixtureDialogues[dialogueIndex % 2].turns, { speaker: "seeker", text: `I keep thinking about it, this is conversation ${dialogueIndex}.` }];
  const history = formatDialogueHistory(turns);
  const traits = { hexacoDescriptions: formatTraitDescriptions("HEXACO-60"), hexacoScores: "Emotionality: 3.50", csiDescriptions: formatTraitDescriptions("CSI"), csiScores: "Expressiveness: 2.00" };
  if (condition === "without-traits") return request("continue-without-traits", { strategyDefinitions: DEFINITIONS, history });
  if (condition === "hexaco-only") return request("continue-with-traits", { strategyDefinitions: DEFINITIONS, history, csi: false, hexacoDescriptions: traits.hexacoDescriptions, hexacoScores: traits.hexacoScores });
  if (condition === "csi-only") return request("continue-with-traits", { strategyDefinitions: DEFINITIONS, history, hexaco: false, csiDescriptions: traits.csiDescriptions, csiScores: traits.csiScores });
  return request("continue-with-traits", { strategyDefinitions: DEFINITIONS, history, ...traits });
}

async function dialogue(req: ModelRequest): Promise<Turn[]> {
  const completion = await sim.complete(req);
  const parsed = parseDialogueTurns(completion.text);
  assert.ok(parsed.ok, completion.text);
  return parsed.ok ? parsed.value.turns : [];
}

function shares(turns: Turn[]): Record<StrategyLabel, number> {
  const labelled = turns.filter((turn) => turn.speaker === "supporter" && turn.strategy);
  return Object.fromEntries(STRATEGY_LABELS.map((label) => [label, labelled.filter((turn) => turn.strategy === label).length / labelled.length])) as Record<StrategyLabel, number>;
}

describe("sim dialogues", () => {
  test("are deterministic and made of bank utterances with their ESConv labels", async () => {
    const first = await dialogue(continuation("with-traits", 0));
    assert.deepEqual(await dialogue(continuation("with-traits", 0)), first);
    const supporter = first.filter((turn) => turn.speaker === "supporter");
    assert.ok(supporter.length >= DEFAULT_SIM_TRUTH.dialogue.minSupporterTurns && supporter.length <= DEFAULT_SIM_TRUTH.dialogue.maxSupporterTurns);
    for (const turn of supporter) assert.ok(bank.supporter[turn.strategy!].includes(turn.text), turn.text);
    assert.equal(first[0].speaker, "seeker");
  });

  test("200 continuations per condition recover the designed strategy mix within 3 points", async () => {
    const observed: Partial<Record<SimCondition, Record<StrategyLabel, number>>> = {};
    for (const condition of ["with-traits", "without-traits", "hexaco-only", "csi-only"] as const) {
      const turns: Turn[] = [];
      for (let index = 0; index < 200; index++) turns.push(...(await dialogue(continuation(condition, index))));
      observed[condition] = shares(turns);
      for (const label of STRATEGY_LABELS) {
        const designed = DEFAULT_SIM_TRUTH.strategyMix[condition][label];
        assert.ok(Math.abs(observed[condition]![label] - designed) < 0.03, `${condition} ${label}: ${observed[condition]![label]} vs ${designed}`);
      }
    }
    // The paper's directions (Table 5): with traits more Question and Affirmation, fewer Self-disclosure, Restatement, Information.
    const withTraits = observed["with-traits"]!;
    const without = observed["without-traits"]!;
    assert.ok(withTraits.Question > without.Question);
    assert.ok(withTraits["Affirmation and Reassurance"] > without["Affirmation and Reassurance"]);
    assert.ok(withTraits["Self-disclosure"] < without["Self-disclosure"]);
    assert.ok(withTraits["Restatement or Paraphrasing"] < without["Restatement or Paraphrasing"]);
    assert.ok(withTraits.Information < without.Information);
  });

  test("the answer follows from the prompt: the stage and item id a request names do not change it", async () => {
    const plain = renderPrompt("continue-with-traits", { strategyDefinitions: DEFINITIONS, history: formatDialogueHistory(fixtureDialogues[0].turns), hexaco: false, csiDescriptions: "c", csiScores: "s" });
    const a = await sim.complete({ provider: "sim", model: "m", messages: plain.messages, metadata: { prompt: plain.prompt, stage: "continueDialogue", itemId: "x/csi" } });
    const b = await sim.complete({ provider: "sim", model: "m", messages: plain.messages, metadata: { prompt: plain.prompt, stage: "other", itemId: "y/both" } });
    assert.equal(a.text, b.text);
  });

  test("a persona dialogue opens with the persona, and re-extraction finds its cues", async () => {
    const description = "The person is a 31-year-old man who works as a chef. He can be described as a chef who works long hours.";
    const turns = await dialogue(request("generate-dialogue", { strategyDefinitions: DEFINITIONS, description }));
    assert.match(turns[0].text, /I am a 31-year-old man who works as a chef/);
    const card = parsePersonaCard((await sim.complete(request("extract-persona-from-dialogue", { dialogue: formatDialogueTranscript(turns) }))).text);
    assert.ok(card.ok);
    if (card.ok) {
      assert.deepEqual([card.value.age, card.value.gender, card.value.occupation], ["young", "male", "chef"]);
      // The card says how the seeker introduced themselves: the simulator links it to the persona it wrote the dialogue for.
      const derived = personaFromDescription(card.value.description);
      assert.equal(derived.origin, personaFromDescription(description).key);
      assert.equal(derived.condition, "persona");
    }
    const noPersona = await dialogue(request("generate-dialogue", { strategyDefinitions: DEFINITIONS, description: NO_PERSONA_DESCRIPTION }));
    const blank = parsePersonaCard((await sim.complete(request("extract-persona-from-dialogue", { dialogue: formatDialogueTranscript(noPersona) }))).text);
    assert.ok(blank.ok);
    if (blank.ok) assert.equal(personaFromDescription(blank.value.description).condition, "no-persona");
  });
});

describe("sim annotator and judge", () => {
  test("the annotator keeps about keepRate of the true labels", async () => {
    let agree = 0;
    let total = 0;
    for (let index = 0; index < 150; index++) {
      const turns = await dialogue(continuation("without-traits", index));
      const supporterIndexes = turns.flatMap((turn, position) => (turn.speaker === "supporter" ? [position] : []));
      const completion = await sim.complete(request("annotate-strategies", { strategyDefinitions: DEFINITIONS, dialogue: formatDialogueForAnnotation(turns) }));
      const annotations = parseStrategyAnnotations(completion.text, supporterIndexes);
      assert.ok(annotations.ok, completion.text);
      if (!annotations.ok) continue;
      for (const label of annotations.value.labels) {
        total++;
        if (label.strategy === turns[label.index].strategy) agree++;
      }
    }
    assert.ok(Math.abs(agree / total - DEFAULT_SIM_TRUTH.annotation.keepRate) < 0.03, `agreement ${agree / total}`);
  });

  test("text not in the bank gets a cue-word label", async () => {
    const turns: Turn[] = [{ speaker: "seeker", text: "hi" }, { speaker: "supporter", text: "How long has this been going on?" }];
    const exact = createSimAdapter({ seed: 1, utteranceBank: bank, truth: { malformedRate: 0, annotation: { keepRate: 1 } } });
    const completion = await exact.complete(request("annotate-strategies", { strategyDefinitions: DEFINITIONS, dialogue: formatDialogueForAnnotation(turns) }));
    assert.deepEqual(JSON.parse(completion.text), [{ index: 1, strategy: "Question" }]);
  });

  test("judgements follow the designed win/tie/loss probabilities, honouring the A/B order", async () => {
    // The judge reads the two dialogues (simulated continuations with and without traits) and nothing else.
    const withTraits: string[] = [];
    const without: string[] = [];
    for (let index = 0; index < 40; index++) {
      withTraits.push(formatDialogueTranscript(await dialogue(continuation("with-traits", index))));
      without.push(formatDialogueTranscript(await dialogue(continuation("without-traits", index))));
    }
    const counts = Object.fromEntries(JUDGE_CRITERIA.map((criterion) => [criterion, { win: 0, tie: 0, loss: 0 }]));
    const pairs = 1500;
    for (let index = 0; index < pairs; index++) {
      const personaFirst = index % 2 === 0;
      const [persona, plain] = [withTraits[index % 40], without[Math.floor(index / 40) % 40]];
      const variables = personaFirst ? { dialogueA: persona, dialogueB: plain } : { dialogueA: plain, dialogueB: persona };
      const judged = parsePairJudgement((await sim.complete(request("judge-pair", variables))).text);
      assert.ok(judged.ok);
      if (!judged.ok) continue;
      for (const criterion of JUDGE_CRITERIA) {
        const verdict = judged.value[criterion];
        const outcome = verdict === "tie" ? "tie" : (verdict === "A") === personaFirst ? "win" : "loss";
        counts[criterion][outcome]++;
      }
    }
    for (const criterion of JUDGE_CRITERIA) {
      for (const outcome of ["win", "tie", "loss"] as const) {
        const share = counts[criterion][outcome] / pairs;
        assert.ok(Math.abs(share - DEFAULT_SIM_TRUTH.judge[criterion][outcome]) < 0.04, `${criterion} ${outcome}: ${share}`);
      }
    }
  });
});

describe("utterance bank", () => {
  test("built from dialogues, with the label lookup", () => {
    assert.equal(bank.source, "esconv");
    assert.equal(bank.seeker.length, 16);
    assert.deepEqual(STRATEGY_LABELS.map((label) => bank.supporter[label].length), [2, 2, 2, 2, 2, 2, 2, 2]);
    assert.equal(bank.strategyOf.get("take care!"), "Others");
    assert.ok(STRATEGY_LABELS.every((label) => builtInUtteranceBank().supporter[label].length > 0));
  });

  const esconv = join(findDataFolder() ?? "", ESCONV_TRAIN);
  test("from the real ESConv training split", { skip: skipWithoutData() }, () => {
    const real = buildUtteranceBank(parseEsconvUtterances(readFileSync(esconv, "utf8"), "train"));
    assert.ok(real.supporter.Question.length > 2000);
    assert.ok(real.seeker.length > 10000);
  });
});
