import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { STRATEGY_LABELS, type StrategyLabel, type Turn } from "../../lib/data/types";
import type { ModelRequest } from "../../lib/llm/types";
import { projectRoot } from "../../lib/paths";
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
  renderPrompt,
} from "../../lib/prompts/index";
import { buildUtteranceBank, builtInUtteranceBank, createSimAdapter, DEFAULT_SIM_TRUTH, parseEsconvUtterances, simContext, type SimCondition } from "../../lib/sim/index";

const fixture = readFileSync(join(projectRoot(), "test", "fixtures", "prompts-sim", "esconv-mini.jsonl"), "utf8");
const fixtureDialogues = parseEsconvUtterances(fixture, "fixture");
const bank = buildUtteranceBank(fixtureDialogues);
const sim = createSimAdapter({ seed: 21, utteranceBank: bank, truth: { malformedRate: 0 } });
const DEFINITIONS = formatStrategyDefinitions();

function request(id: string, variables: Record<string, string | boolean>, context: Record<string, string | number | boolean>): ModelRequest {
  const rendered = renderPrompt(id, variables);
  return { provider: "sim", model: "sim", messages: rendered.messages, metadata: { prompt: rendered.prompt, context } };
}

function continuation(condition: SimCondition, dialogueIndex: number): ModelRequest {
  const history = formatDialogueHistory(fixtureDialogues[dialogueIndex % 2].turns);
  const traits = { hexacoDescriptions: formatTraitDescriptions("HEXACO-60"), hexacoScores: "Emotionality: 3.50", csiDescriptions: formatTraitDescriptions("CSI"), csiScores: "Expressiveness: 2.00" };
  const context = simContext("continue-with-traits", { personaId: `esconv:${dialogueIndex}`, dialogueId: `d${dialogueIndex}`, condition });
  if (condition === "without-traits") return request("continue-without-traits", { strategyDefinitions: DEFINITIONS, history }, context);
  if (condition === "hexaco-only") return request("continue-with-traits", { strategyDefinitions: DEFINITIONS, history, csi: false, hexacoDescriptions: traits.hexacoDescriptions, hexacoScores: traits.hexacoScores }, context);
  if (condition === "csi-only") return request("continue-with-traits", { strategyDefinitions: DEFINITIONS, history, hexaco: false, csiDescriptions: traits.csiDescriptions, csiScores: traits.csiScores }, context);
  return request("continue-with-traits", { strategyDefinitions: DEFINITIONS, history, ...traits }, context);
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

  test("the condition is read from the prompt when the context does not give it", async () => {
    const plain = renderPrompt("continue-with-traits", { strategyDefinitions: DEFINITIONS, history: formatDialogueHistory(fixtureDialogues[0].turns), hexaco: false, csiDescriptions: "c", csiScores: "s" });
    const a = await sim.complete({ provider: "sim", model: "m", messages: plain.messages, metadata: { prompt: plain.prompt, context: { personaId: "x", dialogueId: "d" } } });
    const b = await sim.complete({ provider: "sim", model: "m", messages: plain.messages, metadata: { prompt: plain.prompt, context: { personaId: "x", dialogueId: "d", condition: "csi-only" } } });
    assert.equal(a.text, b.text);
  });

  test("a persona dialogue opens with the persona, and re-extraction finds its cues", async () => {
    const description = "The person is a 31-year-old man who works as a chef. He can be described as a chef who works long hours.";
    const turns = await dialogue(request("generate-dialogue", { strategyDefinitions: DEFINITIONS, description }, simContext("generate-dialogue", { personaId: "personahub:4", condition: "persona" })));
    assert.match(turns[0].text, /I am a 31-year-old man who works as a chef/);
    const card = parsePersonaCard(
      (await sim.complete(request("extract-persona-from-dialogue", { dialogue: formatDialogueTranscript(turns) }, simContext("extract-persona-from-dialogue", { personaId: "generated:personahub:4", derivedFrom: "personahub:4", condition: "persona" })))).text,
    );
    assert.ok(card.ok);
    if (card.ok) assert.deepEqual([card.value.age, card.value.gender, card.value.occupation], ["young", "male", "chef"]);
  });
});

describe("sim annotator and judge", () => {
  test("the annotator keeps about keepRate of the true labels", async () => {
    let agree = 0;
    let total = 0;
    for (let index = 0; index < 150; index++) {
      const turns = await dialogue(continuation("without-traits", index));
      const supporterIndexes = turns.flatMap((turn, position) => (turn.speaker === "supporter" ? [position] : []));
      const completion = await sim.complete(request("annotate-strategies", { strategyDefinitions: DEFINITIONS, dialogue: formatDialogueForAnnotation(turns) }, { dialogueId: `d${index}` }));
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
    const completion = await exact.complete(request("annotate-strategies", { strategyDefinitions: DEFINITIONS, dialogue: formatDialogueForAnnotation(turns) }, { dialogueId: "x" }));
    assert.deepEqual(JSON.parse(completion.text), [{ index: 1, strategy: "Question" }]);
  });

  test("judgements follow the designed win/tie/loss probabilities, honouring the A/B order", async () => {
    const counts = Object.fromEntries(JUDGE_CRITERIA.map((criterion) => [criterion, { win: 0, tie: 0, loss: 0 }]));
    const pairs = 1500;
    for (let index = 0; index < pairs; index++) {
      const personaFirst = index % 2 === 0;
      const context = simContext("judge-pair", { pairId: `pair${index}`, conditionA: personaFirst ? "with-traits" : "without-traits", conditionB: personaFirst ? "without-traits" : "with-traits" });
      const judged = parsePairJudgement((await sim.complete(request("judge-pair", { dialogueA: "Seeker: a", dialogueB: "Seeker: b" }, context))).text);
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

  const esconv = "/work/shared/data/esconv/train.jsonl";
  test("from the real ESConv training split", { skip: existsSync(esconv) ? false : `ESConv not found at ${esconv}` }, () => {
    const real = buildUtteranceBank(parseEsconvUtterances(readFileSync(esconv, "utf8"), "train"));
    assert.ok(real.supporter.Question.length > 2000);
    assert.ok(real.seeker.length > 10000);
  });
});
