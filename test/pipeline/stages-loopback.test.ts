import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { REPAIR_PREFIX } from "../../lib/prompts/repair-instruction";
import { createPipelineContext, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { extractPersonas } from "../../lib/pipeline/stages/extract-personas";
import { filterPersonas } from "../../lib/pipeline/stages/filter-personas";
import { describeTraits } from "../../lib/pipeline/stages/describe-traits";
import { answerInventory } from "../../lib/pipeline/stages/answer-inventory";
import { expandPersonaHub } from "../../lib/pipeline/stages/expand-persona-hub";
import { generateDialogue } from "../../lib/pipeline/stages/generate-dialogue";
import { continueDialogue } from "../../lib/pipeline/stages/continue-dialogue";
import { extractPersonaFromDialogue } from "../../lib/pipeline/stages/extract-persona-from-dialogue";
import { annotateStrategies } from "../../lib/pipeline/stages/annotate-strategies";
import { judgePair, pairDialogues } from "../../lib/pipeline/stages/judge-pair";
import { startOpenAiServer, type LoopbackServer, type ModelCall, type Reply } from "../support/openai-server";
import { startAnthropicServer } from "../support/anthropic-server";
import { isRepair, madeUpDialogues, madeUpPosts, promptKind, temporaryCache, tinyInventories, wellFormedReply } from "./helpers";

/** Per-test overrides of the well-formed script: return undefined to fall through. */
let override: ((call: ModelCall) => Reply | undefined) | undefined;

function responder(call: ModelCall): Reply {
  return override?.(call) ?? wellFormedReply(call);
}

describe("stages on the loopback OpenAI server", () => {
  let server: LoopbackServer;
  let cache: ReturnType<typeof temporaryCache>;
  let context: PipelineContext;

  before(async () => {
    server = await startOpenAiServer({ responder });
    cache = temporaryCache();
    context = createPipelineContext({
      model: { provider: "openai", model: "gpt-4o-mini" },
      adapterOptions: { apiKey: "sk-test", baseURL: server.baseURL },
      cachePath: cache.path,
      // The loopback server has no rate limits; gpt-4o-mini's tier defaults (500/min) would only slow the tests.
      limits: false,
    });
  });
  after(async () => {
    context.close();
    cache.remove();
    await server.close();
    override = undefined;
  });

  const callsOf = (kind: string, from: number) => server.calls.slice(from).filter((call) => promptKind(call) === kind);

  test("extractPersonas sends Figure 11 and makes cards with prompt id, version, hash, provider and raw output", async () => {
    const start = server.calls.length;
    const result = await extractPersonas([...madeUpDialogues(), ...madeUpPosts()], { context, progress: false });
    assert.equal(result.rows.length, 5);
    assert.equal(result.failures.length, 0);
    const first = result.rows.find((row) => row.id === "esconv:train:0")!;
    assert.equal(first.occupation, "nurse");
    assert.equal(first.provider, "openai");
    assert.equal(first.promptId, "extract-persona");
    assert.equal(first.promptVersion, "v1");
    assert.match(first.promptHash, /^[0-9a-f]{64}$/);
    assert.match(first.raw ?? "", /"occupation":"nurse"/);
    assert.equal(first.simulated, false);
    const post = result.rows.find((row) => row.sourceDataset === "cams")!;
    assert.equal(post.id, "cams:fixture:1");
    assert.equal(post.sourceId, "fixture:1");
    const calls = callsOf("extract", start);
    assert.equal(calls.length, 5);
    assert.ok(calls.some((call) => call.promptText.includes("Your task is to extract the Seeker's persona")), "the seeker's persona (Section 3)");
    assert.ok(calls.some((call) => call.promptText.includes("a post in which a Seeker describes") && call.promptText.includes("19 year old student")));
    assert.ok(calls.some((call) => call.promptText.includes("Seeker: I'm 24 and I work as a nurse.")));
  });

  test("a malformed answer is retried once with the repair instruction; a second malformed one becomes a failure row with its raw text", async () => {
    const start = server.calls.length;
    override = (call) => {
      if (promptKind(call) !== "extract") return undefined;
      // Dialogue 1: malformed first, fine after repair. Dialogue 2: always malformed.
      if (call.promptText.includes("lost my job as a teacher") && !isRepair(call)) return "Sorry, I cannot help with that.";
      if (call.promptText.includes("My wife and I argue")) return isRepair(call) ? '{"age": "old", "gender": "male"' : "Here is the card: age old";
      return undefined;
    };
    const result = await extractPersonas(madeUpDialogues(), { context, progress: false, promptOverrides: { "extract-persona": "Extract the {{role}}'s persona as JSON from this {{#sourceKind=dialogue}}dialogue{{/sourceKind}}{{#sourceKind=post}}post{{/sourceKind}}:\n{{sourceText}}\nYou need to complete a persona card." } });
    override = undefined;
    const calls = server.calls.slice(start);
    assert.equal(calls.length, 3 + 2, "three first attempts and two repair retries");
    const repairs = calls.filter(isRepair);
    assert.equal(repairs.length, 2);
    const repairMessages = repairs[0].body.messages as Array<{ role: string; content: string }>;
    assert.equal(repairMessages.length, 3);
    assert.equal(repairMessages[1].role, "assistant");
    assert.ok(repairMessages[2].content.startsWith(REPAIR_PREFIX));

    const repaired = result.rows.find((row) => row.id === "esconv:train:1")!;
    assert.equal(repaired.status, "ok");
    assert.equal(repaired.repaired, true);
    assert.equal(repaired.occupation, "nurse");
    const failed = result.rows.find((row) => row.id === "esconv:train:2")!;
    assert.equal(failed.status, "failed");
    assert.equal(failed.raw, '{"age": "old", "gender": "male"');
    assert.match(failed.error ?? "", /malformed|truncated|missing/);
    assert.equal(failed.description, "");
    assert.deepEqual(result.failures.map((row) => row.id), ["esconv:train:2"]);
    assert.equal(result.rows[0].promptVersion, "v1+override", "an override is a new version and hash");
  });

  test("a dry run builds the requests and sends nothing", async () => {
    const before = server.calls.length;
    const result = await extractPersonas(madeUpDialogues(), { context, progress: false, dryRun: true, n: 2 });
    assert.equal(server.calls.length, before);
    assert.equal(result.rows.length, 0);
    assert.equal(result.planned?.length, 2);
    assert.equal(result.planned?.[0].metadata.prompt?.id, "extract-persona");
    assert.equal(result.planned?.[0].metadata.stage, "extractPersonas");
  });

  test("an aborted run sends nothing and keeps every item as a 'not run' failure row", async () => {
    const before = server.calls.length;
    const controller = new AbortController();
    controller.abort();
    const result = await extractPersonas(madeUpPosts(), { context, progress: false, signal: controller.signal, promptOverrides: { "extract-persona": "Card for: {{sourceText}} ({{role}}, {{#sourceKind=post}}post{{/sourceKind}}{{#sourceKind=dialogue}}dialogue{{/sourceKind}})" } });
    assert.equal(server.calls.length, before);
    assert.equal(result.failures.length, 2);
    assert.match(result.failures[0].error ?? "", /not run/);
  });

  test("re-running a stage is served from the cache: zero server hits", async () => {
    const first = await extractPersonas(madeUpDialogues(), { context, progress: false });
    const before = server.calls.length;
    const second = await extractPersonas(madeUpDialogues(), { context, progress: false });
    assert.equal(server.calls.length, before);
    assert.ok(second.rows.every((row) => row.cached));
    assert.deepEqual(second.rows.map((row) => row.description), first.rows.map((row) => row.description));
    assert.equal(second.summary.runs[0].cached, 3);
    assert.equal(second.summary.runs[0].paid, 0);
  });

  test("filter, describe and answerInventory: Figures 14, 12, 13; unreadable answers stay invalid with raw text", async () => {
    const cards = await extractPersonas(madeUpDialogues(), { context, progress: false });
    override = (call) => {
      if (promptKind(call) === "filter" && call.promptText.includes("sad after a breakup")) return undefined;
      if (promptKind(call) !== "answer") return undefined;
      if (call.promptText.includes("Pretend item 1:")) return "Agree";
      if (call.promptText.includes("Pretend item 2:")) return '{"answer": 2}';
      if (call.promptText.includes("Pretend item 3:")) return "It depends on the day.";
      return undefined;
    };
    const start = server.calls.length;
    const filtered = await filterPersonas(cards.rows, { context, progress: false });
    assert.equal(filtered.kept.length, 3);
    assert.equal(filtered.statistics[0].personas, 3);
    const described = await describeTraits(filtered.kept, { context, progress: false });
    assert.equal(Object.keys(described.rows[0].hexacoTraits ?? {}).length, 6);
    assert.equal(Object.keys(described.rows[0].csiTraits ?? {}).length, 6);
    assert.match(described.rows[0].traitDescription ?? "", /^The person is a young nurse/);
    const answers = await answerInventory(described.rows, { context, progress: false, inventories: tinyInventories() });
    override = undefined;
    const answerCalls = callsOf("answer", start);
    // The three scripted cards are identical, so their 3 x 18 requests are the same 18: each reaches the server once.
    assert.equal(answers.rows.length, 3 * 18);
    assert.equal(answerCalls.filter((call) => !isRepair(call)).length, 18);
    assert.equal(answerCalls.filter(isRepair).length, 1, "only the unreadable answer is retried");
    assert.ok(answerCalls[0].promptText.includes("Please answer the statement even if you're not completely sure"));
    assert.equal(answerCalls[0].body.temperature, 0);
    const item3 = answers.rows.find((row) => row.inventory === "HEXACO-60" && row.itemId === 3)!;
    assert.equal(item3.answer, null);
    assert.equal(item3.raw, "It depends on the day.");
    assert.equal(answers.rows.find((row) => row.itemId === 1 && row.inventory === "HEXACO-60")!.answer, 4);
    assert.equal(answers.rows.find((row) => row.itemId === 2 && row.inventory === "HEXACO-60")!.answer, 2);
    assert.equal(answers.scores.length, 3);
    const score = answers.scores[0];
    assert.equal(score.invalidAnswers, 1);
    assert.equal(score.missingAnswers, 0);
    // Honesty-Humility items 1 and 7 (not reversed): 4 ("Agree") and 4.
    assert.equal(score["HEXACO-60:Honesty-Humility"], 4);
    // Emotionality items 2 (answer 2, not reversed) and 8 (4, not reversed) -> 3.
    assert.equal(score["HEXACO-60:Emotionality"], 3);
    // Extraversion: item 3 invalid, item 9 reversed 4 -> 2; 1 of 2 valid is below the 0.8 rule -> missing.
    assert.equal(score["HEXACO-60:Extraversion"], null);
    // CSI item 3 (Verbal Aggressiveness) is reversed: 6 - 4 = 2.
    assert.equal(score["CSI:Verbal Aggressiveness"], 2);
    assert.deepEqual(answers.scoreColumns.slice(0, 2), ["HEXACO-60:Honesty-Humility", "HEXACO-60:Emotionality"]);
  });

  test("logprobs give an expected answer where the provider sends them", async () => {
    override = (call) =>
      promptKind(call) === "answer"
        ? { text: "4", logprobs: [{ token: "4", logprob: Math.log(0.6), top: [{ token: "4", logprob: Math.log(0.6) }, { token: "5", logprob: Math.log(0.3) }, { token: "3", logprob: Math.log(0.1) }] }] }
        : undefined;
    const cards = (await extractPersonas(madeUpDialogues().slice(0, 1), { context, progress: false })).rows;
    const answers = await answerInventory(cards, { context, progress: false, inventories: tinyInventories(), logprobs: true });
    override = undefined;
    assert.equal(server.calls.at(-1)!.body.logprobs, true);
    assert.ok(Math.abs((answers.rows[0].expectedAnswer ?? 0) - (0.6 * 4 + 0.3 * 5 + 0.1 * 3)) < 1e-9);
  });

  test("expand, generate, re-extract, continue, annotate and judge", async () => {
    const start = server.calls.length;
    const expanded = await expandPersonaHub(["A fearless athlete who performs dangerous stunts", "A retired librarian"], { context, progress: false });
    assert.equal(expanded.rows.length, 2);
    assert.equal(expanded.rows[0].id, "personahub:0");
    assert.equal(expanded.rows[0].occupation, "athlete");
    assert.equal(Object.keys(expanded.rows[0].csiTraits ?? {}).length, 6);
    const generated = await generateDialogue(expanded.rows, { context, progress: false });
    assert.equal(generated.rows[0].turns.length, 4);
    assert.equal(generated.rows[0].turns[1].strategy, "Question");
    const noPersona = await generateDialogue(expanded.rows, { context, progress: false, condition: "no-persona" });
    assert.equal(noPersona.rows[1].condition, "no-persona");
    const derived = await extractPersonaFromDialogue(generated.rows, { context, progress: false });
    assert.equal(derived.rows[0].derivedFrom, "personahub:0");
    assert.equal(derived.rows[0].sourceDataset, "generated");
    assert.ok(callsOf("generate", start).some((call) => call.promptText.includes("The person is a young athlete.")));

    const dialogues = madeUpDialogues();
    const scores = [{ personaId: "esconv:train:0", "HEXACO-60:Extraversion": 3.25, "CSI:Preciseness": 2 }];
    const withTraits = await continueDialogue(dialogues, { context, progress: false, traits: "both", scores });
    assert.equal(withTraits.rows.length, 3);
    assert.deepEqual(withTraits.rows.map((row) => row.status), ["ok", "failed", "failed"]);
    assert.match(withTraits.failures[0].error ?? "", /no trait scores/);
    const continueCall = callsOf("continue", start).at(-1)!;
    assert.ok(continueCall.promptText.includes("Extraversion: 3.25"));
    assert.ok(continueCall.promptText.includes("Below is the CSI scores"));
    assert.ok(continueCall.promptText.includes('"content":"I\'m 24 and I work as a nurse.'));
    const hexacoOnly = await continueDialogue(dialogues.slice(0, 1), { context, progress: false, traits: "hexaco", scores });
    assert.ok(!callsOf("continue", start).at(-1)!.promptText.includes("Below is the CSI scores"));
    assert.equal(hexacoOnly.rows[0].condition, "hexaco");
    const without = await continueDialogue(dialogues, { context, progress: false, traits: "none" });
    assert.equal(without.rows.filter((row) => row.status === "ok").length, 3);
    assert.equal(without.rows[0].promptId, "continue-without-traits");

    const annotated = await annotateStrategies(without.rows, { context, progress: false });
    assert.deepEqual(annotated.rows[0].turns.filter((turn) => turn.speaker === "supporter").map((turn) => turn.annotatedStrategy), ["Question", "Question"]);
    assert.equal(annotated.rows[0].agreement, 0.5);

    const pairs = pairDialogues(withTraits.rows, without.rows);
    assert.equal(pairs.length, 1);
    const judged = await judgePair(pairs, { context, progress: false });
    const row = judged.rows[0];
    // The judge said A for Suggestion: a win for the with-traits dialogue unless it was shown as B.
    assert.equal(row.Suggestion, row.swapped ? "loss" : "win");
    assert.equal(row.Consistency, "tie");
    assert.equal(judged.judgements.length, 5);
    const judgeCall = callsOf("judge", start).at(-1)!;
    const [shownA] = row.swapped ? [without.rows[0]] : [withTraits.rows[0]];
    assert.ok(judgeCall.promptText.includes(`Dialogue A:\nSeeker: ${shownA.turns[0].text}`));
  });
});

describe("a stage on the loopback Anthropic server", () => {
  test("filterPersonas through the Anthropic adapter, malformed first answer repaired", async () => {
    let calls = 0;
    const server = await startAnthropicServer({
      responder: (call) => {
        calls += 1;
        return isRepair(call) ? JSON.stringify({ keep: false, reason: "No demographic background." }) : "Let me think about this carefully";
      },
    });
    const cache = temporaryCache();
    const context = createPipelineContext({
      model: { provider: "anthropic", model: "claude-3-5-haiku-20241022" },
      adapterOptions: { apiKey: "sk-ant-test", baseURL: server.baseURL },
      cachePath: cache.path,
    });
    try {
      const card = { id: "cams:x:1", sourceDataset: "cams" as const, sourceId: "x:1", age: "young" as const, gender: "male" as const, occupation: "student", description: "A student.", problem: "Sad." };
      const result = await filterPersonas([card], { context, progress: false });
      assert.equal(calls, 2);
      assert.equal(result.rows[0].kept, false);
      assert.equal(result.rows[0].reason, "No demographic background.");
      assert.equal(result.rows[0].repaired, true);
      assert.equal(result.rows[0].provider, "anthropic");
      assert.equal(result.statistics[0].rejected, 1);
    } finally {
      context.close();
      cache.remove();
      await server.close();
    }
  });
});
