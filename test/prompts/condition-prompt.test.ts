import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DataError, UsageError } from "../../lib/errors";
import { PAPER_CONDITION, parseConditionName } from "../../lib/pipeline/answer-condition";
import { answerLanguages } from "../../lib/prompts/answer-language";
import {
  conditionPromptId,
  conditionPromptIds,
  conditionVariables,
  conditionVariantRecord,
  parseConditionAnswer,
} from "../../lib/prompts/condition-prompt";
import { parseLabelAnswer } from "../../lib/prompts/parse-label-answer";
import { renderPrompt } from "../../lib/prompts/render-prompt";
import { answerFormatText, parseScaleLabels, readScaleText, scaleText } from "../../lib/prompts/scale-labels";

const VARS = { description: "A calm, careful accountant.", statement: "I like parties." };

describe("scale labels rendered from data", () => {
  test("the paper's scale line and answer sentence, and their reversed and word forms", () => {
    assert.equal(scaleText("paper", "digits"), "5=strongly agree, 4=agree, 3=neutral, 2=disagree, 1=strongly disagree");
    assert.equal(scaleText("reversed", "digits"), "1=strongly disagree, 2=disagree, 3=neutral, 4=agree, 5=strongly agree");
    assert.equal(scaleText("reversed", "words"), "strongly disagree, disagree, neutral, agree, strongly agree");
    assert.equal(answerFormatText("paper", "digits"), "The answer of the statement should be a numerical value of 1, 2, 3, 4, 5.");
    assert.match(answerFormatText("paper", "words"), /"strongly agree", "agree", "neutral", "disagree", "strongly disagree"/);
    assert.equal(scaleText("paper", "digits", "de"), "5=stimme voll und ganz zu, 4=stimme zu, 3=neutral, 2=stimme nicht zu, 1=stimme überhaupt nicht zu");
    for (const order of ["paper", "reversed"] as const) {
      for (const labels of ["digits", "words"] as const) {
        assert.deepEqual(readScaleText(scaleText(order, labels)), { optionOrder: order, labels, language: "en" });
      }
    }
    assert.equal(readScaleText("1 to 5"), undefined);
    assert.throws(() => scaleText("paper", "digits", "xx"), UsageError);
  });

  test("a bad scale-labels file is a DataError naming the file and language", () => {
    const same = { "1": "a", "2": "a", "3": "c", "4": "d", "5": "e" };
    assert.throws(() => parseScaleLabels(JSON.stringify({ languages: { en: { labels: same, digits: "{list}", words: "{list}" } } }), "s.json"), (error: unknown) => error instanceof DataError && /s\.json.*en.*labels/.test(error.message));
    assert.throws(() => parseScaleLabels(JSON.stringify({ languages: { en: { labels: same, digits: "no list", words: "{list}" } } }), "s.json"), DataError);
  });
});

describe("answer prompts under a condition", () => {
  test("the paper condition is the paper's prompt with no extra variables", () => {
    assert.equal(conditionPromptId(PAPER_CONDITION), "answer-statement");
    assert.equal(conditionPromptId(PAPER_CONDITION, "de"), "answer-statement-de");
    assert.deepEqual(conditionVariables(PAPER_CONDITION), {});
    // Item order alone changes no request: each statement is its own request.
    assert.equal(conditionPromptId(parseConditionName("items-shuffled")), "answer-statement");
    assert.equal(conditionPromptId(parseConditionName("items-shuffled"), "de"), "answer-statement-de");
    assert.deepEqual(conditionVariables(parseConditionName("items-shuffled")), {});
    assert.equal(conditionPromptId(parseConditionName("items-shuffled+options-reversed")), "answer-statement-scaled");
  });

  test("answer-statement-scaled with the paper's scale renders the paper's prompt byte for byte", () => {
    const paper = renderPrompt("answer-statement", VARS).text;
    const scaled = renderPrompt("answer-statement-scaled", { ...VARS, scale: scaleText("paper", "digits"), answerFormat: answerFormatText("paper", "digits") }).text;
    assert.equal(scaled, paper);
  });

  test("each wording has its own template; every condition renders with its variables", () => {
    const c = parseConditionName("options-reversed+labels-words+wording-paraphrase-2");
    assert.equal(conditionPromptId(c), "answer-statement-paraphrase-2");
    const text = renderPrompt(conditionPromptId(c), { ...VARS, ...conditionVariables(c) }).text;
    assert.match(text, /using the scale strongly disagree, disagree, neutral, agree, strongly agree\./);
    assert.match(text, /Statement: I like parties\.$/);
    assert.equal(conditionPromptId(parseConditionName("wording-paraphrase-1")), "answer-statement-paraphrase-1");
    assert.deepEqual(conditionPromptIds(parseConditionName("options-reversed"), ["en", undefined]), ["answer-statement-scaled"]);
    const p1 = renderPrompt("answer-statement-paraphrase-1", { ...VARS, ...conditionVariables(parseConditionName("wording-paraphrase-1")) }).text;
    assert.match(p1, /Use this scale: 5=strongly agree, .*1=strongly disagree\. The answer of the statement should be a numerical value of 1, 2, 3, 4, 5\./);
  });

  test("a non-paper condition for statements in a language without condition templates is one UsageError", () => {
    assert.throws(() => conditionPromptId(parseConditionName("options-reversed"), "de"), (error: unknown) => error instanceof UsageError && /only for en.*"de"/.test(error.message));
  });

  test("a condition's variant record is named for it and lists every prompt in force", () => {
    const paper = conditionVariantRecord(PAPER_CONDITION, { prompts: ["describe-traits", "answer-statement"] });
    assert.equal(paper.name, "paper");
    assert.deepEqual(Object.keys(paper.prompts), ["describe-traits", "answer-statement"]);
    const cell = conditionVariantRecord(parseConditionName("options-reversed+wording-paraphrase-1"), { prompts: ["describe-traits", "answer-statement"] });
    assert.equal(cell.name, "options-reversed+wording-paraphrase-1");
    assert.deepEqual(Object.keys(cell.prompts), ["describe-traits", "answer-statement-paraphrase-1"]);
    assert.match(cell.prompts["answer-statement-paraphrase-1"].hash, /^[0-9a-f]{64}$/);
    assert.equal(conditionVariantRecord(parseConditionName("labels-words"), { variant: "reworded" }).name, "reworded+labels-words");
  });

  test("condition templates are not taken for languages", () => {
    assert.deepEqual(answerLanguages(), ["en", "de"]);
  });
});

describe("parseLabelAnswer", () => {
  test("reads each label back to 1-5, longest label first", () => {
    assert.deepEqual(parseLabelAnswer("strongly disagree"), { ok: true, value: 1 });
    assert.deepEqual(parseLabelAnswer("Disagree."), { ok: true, value: 2 });
    assert.deepEqual(parseLabelAnswer("Answer: neutral"), { ok: true, value: 3 });
    assert.deepEqual(parseLabelAnswer("**agree**"), { ok: true, value: 4 });
    assert.deepEqual(parseLabelAnswer("Strongly  Agree"), { ok: true, value: 5 });
    assert.deepEqual(parseLabelAnswer('{"answer": "strongly agree"}'), { ok: true, value: 5 });
    assert.deepEqual(parseLabelAnswer("stimme voll und ganz zu", "de"), { ok: true, value: 5 });
    assert.deepEqual(parseLabelAnswer("Stimme nicht zu.", "de"), { ok: true, value: 2 });
  });

  test("no label, two labels or a number stay invalid with the raw text", () => {
    for (const [raw, reason] of [
      ["Somewhere between agree and disagree.", /several different labels/],
      ["4", /number where a scale label/],
      ["It depends.", /no scale label/],
      ['{"score": 4}', /JSON answer without a label/],
    ] as const) {
      const result = parseLabelAnswer(raw);
      assert.equal(result.ok, false, raw);
      if (!result.ok) {
        assert.equal(result.raw, raw);
        assert.match(result.reason, reason);
      }
    }
  });

  test("parseConditionAnswer: digits with the paper's parser, words with the label parser", () => {
    assert.deepEqual(parseConditionAnswer("4", parseConditionName("options-reversed")), { ok: true, value: 4 });
    assert.deepEqual(parseConditionAnswer("agree", parseConditionName("labels-words")), { ok: true, value: 4 });
    assert.equal(parseConditionAnswer("4", parseConditionName("labels-words")).ok, false);
  });
});
