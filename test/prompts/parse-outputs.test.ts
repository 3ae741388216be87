import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Turn } from "../../lib/data/types";
import { STRATEGY_LABELS } from "../../lib/data/types";
import { normalizeAge, normalizeGender } from "../../lib/data/normalize-demographics";
import {
  extractJson,
  formatDialogueForAnnotation,
  formatDialogueHistory,
  formatDialogueTranscript,
  formatStrategyDefinitions,
  formatTraitDescriptions,
  formatTraitScores,
  loadStrategyDefinitions,
  loadTraitDescriptions,
  normalizeStrategyLabel,
  parseDialogueTurns,
  parseExpandedPersona,
  parseFilterVerdict,
  parsePairJudgement,
  parsePersonaCard,
  parseStrategyAnnotations,
  parseStrategyDefinitions,
  parseTraitSentences,
  repairInstruction,
  repairMessages,
  REPAIR_PREFIX,
  listPrompts,
} from "../../lib/prompts/index";

const HEXACO = ["Honesty-Humility", "Emotionality", "Extraversion", "Agreeableness", "Conscientiousness", "Openness to Experience"];
const CSI = ["Expressiveness", "Preciseness", "Verbal Aggressiveness", "Questioningness", "Emotionality", "Impression Manipulativeness"];

describe("data files", () => {
  test("strategy definitions are the 8 labels of Appendix G in order", () => {
    const definitions = loadStrategyDefinitions();
    assert.deepEqual(definitions.map((entry) => entry.label), [...STRATEGY_LABELS]);
    assert.match(formatStrategyDefinitions(), /^Question: Asking open-ended/);
    assert.equal(formatStrategyDefinitions().split("\n").length, 8);
    assert.throws(() => parseStrategyDefinitions(JSON.stringify({ source: "x", strategies: definitions.slice(1) })), /exactly/);
  });

  test("trait descriptions cover the six domains of each inventory with the inventory files' names", () => {
    const [hexaco, csi] = loadTraitDescriptions();
    assert.equal(hexaco.inventory, "HEXACO-60");
    assert.deepEqual(hexaco.dimensions.map((dimension) => dimension.domain), HEXACO);
    assert.equal(csi.inventory, "CSI");
    assert.deepEqual(csi.dimensions.map((dimension) => dimension.domain), CSI);
    assert.match(formatTraitDescriptions("hexaco"), /^Honesty-Humility: /);
    assert.equal(formatTraitScores("CSI", { Expressiveness: 3.456, "CSI:Preciseness": 2 }).split("\n").slice(0, 3).join("|"), "Expressiveness: 3.46|Preciseness: 2.00|Verbal Aggressiveness: unknown");
  });
});

describe("extractJson", () => {
  test("plain, fenced, embedded, trailing commas", () => {
    assert.deepEqual(extractJson('{"a": 1}'), { ok: true, value: { a: 1 } });
    assert.deepEqual(extractJson('Here you go:\n```json\n{"a": [1, 2]}\n```\nThanks'), { ok: true, value: { a: [1, 2] } });
    assert.deepEqual(extractJson('Sure! {"a": "x}y"} hope it helps'), { ok: true, value: { a: "x}y" } });
    assert.deepEqual(extractJson('{"a": 1,}'), { ok: true, value: { a: 1 } });
  });

  test("a cut-off answer is not read from its fragments", () => {
    const result = extractJson('[{"speaker": "Seeker", "content": "hi"}, {"speaker": "Supporter", "content": "hel');
    assert.equal(result.ok, false);
    assert.equal(extractJson('{"age": "young", "gender": ').ok, false);
    assert.equal(extractJson("no json here").ok, false);
  });
});

describe("parsePersonaCard", () => {
  const card = { age: "young", gender: "male", occupation: "professional worker", description: "The person is a 23-year-old man.", problem: "The person is depressed." };

  test("plain JSON", () => {
    assert.deepEqual(parsePersonaCard(JSON.stringify(card)), { ok: true, value: card });
  });

  test("fences, wrappers and key variants", () => {
    const raw = '```json\n{"Persona Card": {"Age": "Young adult", "Gender": "Male", "Occupation": "Not specified", "Socio-demographic Description": "D", "Problem": "P"}}\n```';
    assert.deepEqual(parsePersonaCard(raw), { ok: true, value: { age: "young", gender: "male", occupation: "unknown", description: "D", problem: "P" } });
  });

  test("labelled lines when the model ignores the JSON instruction", () => {
    const raw = "**Age:** middle-aged\n**Gender:** female\n**Occupation:** nurse\n**Socio-demographic description:** The person works nights\nat a hospital.\n**Problem:** The person is exhausted.";
    const result = parsePersonaCard(raw);
    assert.ok(result.ok);
    if (result.ok) {
      assert.equal(result.value.age, "middle-aged");
      assert.equal(result.value.gender, "female");
      assert.equal(result.value.occupation, "nurse");
      assert.equal(result.value.description, "The person works nights at a hospital.");
    }
  });

  test("age and gender normalization", () => {
    const cases: Array<[unknown, string]> = [["teen", "teenage"], ["Teenager", "teenage"], [23, "young"], ["23", "young"], ["30s", "young"], ["45 years old", "middle-aged"], ["Middle aged", "middle-aged"], ["elderly", "old"], ["65", "old"], ["", "unknown"], ["Unknown", "unknown"], [null, "unknown"], ["adult", "unknown"]];
    for (const [value, expected] of cases) assert.equal(normalizeAge(value), expected, String(value));
    const genders: Array<[unknown, string]> = [["Male", "male"], ["M", "male"], ["man", "male"], ["FEMALE", "female"], ["woman", "female"], ["non-binary", "unknown"], ["unknown", "unknown"], [undefined, "unknown"]];
    for (const [value, expected] of genders) assert.equal(normalizeGender(value), expected, String(value));
  });

  test("fails without a description or problem, or on malformed text", () => {
    for (const raw of [JSON.stringify({ ...card, problem: "" }), JSON.stringify({ age: "young" }), '{"age": "young", "descr', "I cannot extract a persona.", "[1, 2]"]) {
      const result = parsePersonaCard(raw);
      assert.equal(result.ok, false, raw);
      if (!result.ok) assert.equal(result.raw, raw);
    }
  });
});

describe("parseExpandedPersona", () => {
  test("reads card fields and 6 + 6 statements", () => {
    const raw = JSON.stringify({
      age: "old", gender: "female", occupation: "athlete", description: "The person trains daily.",
      hexaco: Object.fromEntries(HEXACO.map((domain) => [domain, `H ${domain}`])),
      csi: Object.fromEntries(CSI.map((domain) => [domain.toLowerCase(), `C ${domain}`])),
    });
    const result = parseExpandedPersona(raw, HEXACO, CSI);
    assert.ok(result.ok);
    if (result.ok) {
      assert.equal(result.value.csi["Verbal Aggressiveness"], "C Verbal Aggressiveness");
      assert.equal(result.value.hexaco["Openness to Experience"], "H Openness to Experience");
    }
    const missing = parseExpandedPersona(JSON.stringify({ description: "d", hexaco: {}, csi: {} }), HEXACO, CSI);
    assert.equal(missing.ok, false);
  });
});

describe("parseFilterVerdict", () => {
  test("JSON and text verdicts", () => {
    assert.deepEqual(parseFilterVerdict('{"keep": true, "reason": "clear"}'), { ok: true, value: { keep: true, reason: "clear" } });
    assert.deepEqual(parseFilterVerdict('{"Keep": "no", "Reason": "vague"}'), { ok: true, value: { keep: false, reason: "vague" } });
    assert.deepEqual(parseFilterVerdict('```\n{"meets_criteria": "Yes"}\n```'), { ok: true, value: { keep: true, reason: "" } });
    assert.equal((parseFilterVerdict("Yes, both descriptions meet the criteria.") as { value: { keep: boolean } }).value.keep, true);
    assert.equal((parseFilterVerdict("The problem description does not meet the criteria.") as { value: { keep: boolean } }).value.keep, false);
    assert.equal(parseFilterVerdict('{"reason": "hmm"}').ok, false);
    // A cut-off JSON answer is invalid, never read as the plain-text verdict "keep" of its first key.
    assert.equal(parseFilterVerdict('{"keep":false,"reason":"The description is vague (age, ').ok, false);
    assert.equal(parseFilterVerdict('```json\n{"keep": true, "reason": "clear').ok, false);
    assert.equal(parseFilterVerdict("Maybe.").ok, false);
  });
});

describe("parseTraitSentences", () => {
  test("object with exact, lower-case and coded keys", () => {
    const raw = JSON.stringify({ "Honesty-Humility (H)": "a", emotionality: "b", Extraversion: "c", Agreeableness: "d", Conscientiousness: "e", Openness: "f" });
    const result = parseTraitSentences(raw, HEXACO);
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual(Object.values(result.value), ["a", "b", "c", "d", "e", "f"]);
  });

  test("a list in order, a list of records, and lines", () => {
    assert.ok(parseTraitSentences(JSON.stringify(["1", "2", "3", "4", "5", "6"]), CSI).ok);
    assert.ok(parseTraitSentences(JSON.stringify(CSI.map((domain) => ({ indicator: domain, sentence: `s ${domain}` }))), CSI).ok);
    const lines = CSI.map((domain, index) => `${index + 1}. **${domain}**: The person does ${index}.`).join("\n");
    const result = parseTraitSentences(lines, CSI);
    assert.ok(result.ok);
    if (result.ok) assert.equal(result.value.Emotionality, "The person does 4.");
  });

  test("names the missing dimensions", () => {
    const result = parseTraitSentences(JSON.stringify({ Expressiveness: "x" }), CSI);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /Preciseness/);
  });
});

describe("parseDialogueTurns", () => {
  const turns: Turn[] = [
    { speaker: "seeker", text: "I feel alone." },
    { speaker: "supporter", text: "Why do you feel that way?", strategy: "Question" },
    { speaker: "seeker", text: "My friends moved away." },
    { speaker: "supporter", text: "That must be hard.", strategy: "Reflection of feelings" },
  ];

  test("the requested format and the paper's history format round-trip", () => {
    const requested = JSON.stringify(turns.map((turn) => ({ speaker: turn.speaker === "seeker" ? "Seeker" : "Supporter", strategy: turn.strategy, content: turn.text })));
    for (const raw of [requested, formatDialogueHistory(turns)]) {
      const result = parseDialogueTurns(raw);
      assert.ok(result.ok);
      if (result.ok) {
        assert.deepEqual(result.value.turns, turns);
        assert.deepEqual(result.value.unknownStrategies, []);
      }
    }
  });

  test("wrappers, other key names, label variants and unknown labels", () => {
    const raw = '```json\n{"conversation": [{"role": "seeker", "text": "hi"}, {"role": "supporter", "strategy": "[Questions]", "utterance": "How are you?"}, {"speaker": "Supporter", "strategy": "Empathy", "content": "I see."}, {"speaker": "Supporter", "content": "Hello"}]}\n```';
    const result = parseDialogueTurns(raw);
    assert.ok(result.ok);
    if (result.ok) {
      assert.equal(result.value.turns[1].strategy, "Question");
      assert.equal(result.value.turns[2].strategy, undefined);
      assert.deepEqual(result.value.unknownStrategies, [{ index: 2, label: "Empathy" }]);
      assert.deepEqual(result.value.unlabelledSupporterTurns, [3]);
    }
  });

  test("transcript lines", () => {
    const raw = "Seeker: I feel alone.\nSupporter (Question): Why do you feel that way?\nSeeker: My friends moved away.\nSupporter: [Reflection of feelings] That must be hard.";
    const result = parseDialogueTurns(raw);
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual(result.value.turns, turns);
    assert.equal(formatDialogueTranscript(turns).split("\n")[1], "Supporter: Why do you feel that way?");
  });

  test("malformed dialogues fail", () => {
    for (const raw of ["[]", '[{"speaker": "Narrator", "content": "x"}]', '[{"speaker": "Seeker"}]', '[{"speaker": "Seeker", "content": "a"}, {"speaker": "Supp', "No dialogue."]) {
      assert.equal(parseDialogueTurns(raw).ok, false, raw);
    }
  });
});

describe("strategy labels", () => {
  test("variants map to the 8 labels", () => {
    const cases: Array<[string, string | undefined]> = [
      ["[Question]", "Question"], ["questions", "Question"], ["Restatement", "Restatement or Paraphrasing"], ["Reflection of Feelings", "Reflection of feelings"],
      ["self disclosure", "Self-disclosure"], ["Affirmation & Reassurance", "Affirmation and Reassurance"], ["Providing Suggestion", "Providing Suggestions"],
      ["Provide information", "Information"], ["Other", "Others"], ["Empathy", undefined], ["", undefined],
    ];
    for (const [text, expected] of cases) assert.equal(normalizeStrategyLabel(text), expected, text);
  });
});

describe("parseStrategyAnnotations", () => {
  test("list, map and bare list with supporter indexes", () => {
    const list = parseStrategyAnnotations('[{"index": 1, "strategy": "Question"}, {"index": 3, "strategy": "reflection of feelings"}]', [1, 3]);
    assert.deepEqual(list, { ok: true, value: { labels: [{ index: 1, strategy: "Question" }, { index: 3, strategy: "Reflection of feelings" }], unknown: [] } });
    const map = parseStrategyAnnotations('{"1": "Others", "3": "Venting"}', [1, 3]);
    assert.deepEqual(map, { ok: true, value: { labels: [{ index: 1, strategy: "Others" }], unknown: [{ index: 3, label: "Venting" }] } });
    assert.ok(parseStrategyAnnotations('["Question", "Information"]', [1, 3]).ok);
    assert.equal(formatDialogueForAnnotation([{ speaker: "seeker", text: "a" }]), '[\n{"index":0,"speaker":"Seeker","content":"a"}\n]');
  });

  test("missing, extra or unreadable annotations fail", () => {
    assert.equal(parseStrategyAnnotations('[{"index": 1, "strategy": "Question"}]', [1, 3]).ok, false);
    assert.equal(parseStrategyAnnotations('[{"index": 0, "strategy": "Question"}, {"index": 1, "strategy": "Question"}]', [1]).ok, false);
    assert.equal(parseStrategyAnnotations('["Question"]').ok, false);
    assert.equal(parseStrategyAnnotations("Question, Information").ok, false);
  });
});

describe("parsePairJudgement", () => {
  test("reads the five criteria", () => {
    const raw = '```json\n{"suggestion": "A", "Consistency": "Tie", "comforting": "Dialogue B", "Identification": "equal", "OVERALL": "b"}\n```';
    assert.deepEqual(parsePairJudgement(raw), { ok: true, value: { Suggestion: "A", Consistency: "tie", Comforting: "B", Identification: "tie", Overall: "B" } });
    assert.deepEqual(
      parsePairJudgement('{"Suggestion": {"winner": "A", "reason": "r"}, "Consistency": "A", "Comforting": "A", "Identification": "A", "Overall": "A"}').ok,
      true,
    );
  });

  test("fails when a criterion is missing or unreadable", () => {
    const result = parsePairJudgement('{"Suggestion": "A", "Consistency": "maybe", "Comforting": "A", "Identification": "A"}');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /unreadable Consistency.*no Overall/);
  });
});

describe("repairInstruction", () => {
  test("every prompt has a specific format reminder and the retry conversation has three messages", () => {
    for (const spec of listPrompts()) {
      const text = repairInstruction(spec.id, "no answer found");
      assert.ok(text.startsWith(REPAIR_PREFIX), spec.id);
      assert.match(text, /no answer found/);
      assert.doesNotMatch(text, /exactly the format the task asked for/, spec.id);
    }
    const messages = repairMessages([{ role: "user", content: "Q" }], "bad", "answer-statement", "r");
    assert.deepEqual(messages.map((message) => message.role), ["user", "assistant", "user"]);
    assert.match(messages[2].content, /single number from 1 to 5/);
  });
});

test("a strategy label with a list number (\"1. Question\", \"3) Self-disclosure\") maps to its label", () => {
  // Models number their lists; without stripping the number "1. Question" normalizes to "1question", an unknown label.
  assert.equal(normalizeStrategyLabel("1. Question"), "Question");
  assert.equal(normalizeStrategyLabel(" 3) Self-disclosure"), "Self-disclosure");
  assert.equal(normalizeStrategyLabel("12. Providing Suggestions"), "Providing Suggestions");
});
