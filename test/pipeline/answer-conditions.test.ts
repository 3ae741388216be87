import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { UsageError } from "../../lib/errors";
import { cacheKey } from "../../lib/llm/cache/cache-key";
import { PAPER_CONDITION, parseConditionName } from "../../lib/pipeline/answer-condition";
import { createPipelineContext, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { answerInventory } from "../../lib/pipeline/stages/answer-inventory";
import { loadInventory } from "../../lib/inventory/load-inventory";
import { temporaryCache, tinyInventories } from "./helpers";

const personas = [
  { id: "p1", description: "A 34-year-old teacher who likes hiking." },
  { id: "p2", description: "A retired nurse, 70, who reads a lot." },
];

const keysOf = (requests: readonly Parameters<typeof cacheKey>[0][]) => requests.map((request) => cacheKey(request));
const digest = (keys: readonly string[]) => createHash("sha256").update(keys.join("\n")).digest("hex");

describe("answer stage under a condition: requests (dry run, OpenAI-shaped, nothing sent)", () => {
  let cache: ReturnType<typeof temporaryCache>;
  let context: PipelineContext;
  before(() => {
    cache = temporaryCache();
    context = createPipelineContext({ model: { provider: "openai", model: "gpt-4o-mini" }, adapterOptions: { apiKey: "sk-test", baseURL: "http://127.0.0.1:9/v1" }, cachePath: cache.path, limits: false });
  });
  after(() => {
    context.close();
    cache.remove();
  });
  const plan = async (condition?: ReturnType<typeof parseConditionName>) =>
    (await answerInventory(personas, { context, progress: false, dryRun: true, inventories: tinyInventories(), condition })).planned!;

  test("the paper condition sends today's requests byte for byte (cache keys pinned before conditions existed)", async () => {
    const none = await plan();
    const paper = await plan(PAPER_CONDITION);
    assert.equal(none.length, 36);
    assert.deepEqual(paper, none);
    // Computed with this very request set on ca9772c (the stage before conditions): cacheKey of the first request and
    // sha256 of all 36 keys joined by newlines.
    assert.equal(cacheKey(paper[0]), "80c064b901bd500380d780f882d6da08610339fadaf08faa5855bd7f1c876b01");
    assert.equal(digest(keysOf(paper)), "3b03ef116a9e7892f0defbbbcb33a6d0ea6454cd379fd453c25168029f22c586");
    assert.equal(paper[0].metadata.prompt?.id, "answer-statement");
  });

  test("shuffled items: one seeded order per persona, the same requests (and cache keys) as the paper order", async () => {
    const paper = await plan(PAPER_CONDITION);
    const shuffled = await plan(parseConditionName("items-shuffled"));
    const again = await plan(parseConditionName("items-shuffled"));
    assert.deepEqual(keysOf(shuffled), keysOf(again), "seeded");
    assert.notDeepEqual(keysOf(shuffled), keysOf(paper), "another order");
    assert.deepEqual([...keysOf(shuffled)].sort(), [...keysOf(paper)].sort(), "the same requests: each statement is asked on its own");
    const itemsOf = (requests: typeof paper, persona: string) => requests.map((request) => String(request.metadata.itemId)).filter((id) => id.startsWith(`${persona}/`));
    assert.notDeepEqual(
      itemsOf(shuffled, "p1").map((id) => id.slice(3)),
      itemsOf(shuffled, "p2").map((id) => id.slice(3)),
      "each persona has its own order",
    );
    const reseeded = (await answerInventory(personas, { context, progress: false, dryRun: true, inventories: tinyInventories(), seed: 2, condition: parseConditionName("items-shuffled") })).planned!;
    assert.notDeepEqual(keysOf(reseeded), keysOf(shuffled), "the seed changes the order");
  });

  test("reversed options, word labels and paraphrases change the prompt and name their template", async () => {
    const reversed = await plan(parseConditionName("options-reversed"));
    assert.equal(reversed[0].metadata.prompt?.id, "answer-statement-scaled");
    assert.match(reversed[0].messages[0].content, /following scale: 1=strongly disagree, 2=disagree, 3=neutral, 4=agree, 5=strongly agree\. The answer of the statement should be a numerical value of 1, 2, 3, 4, 5\./);
    const words = await plan(parseConditionName("labels-words+wording-paraphrase-1"));
    assert.equal(words[0].metadata.prompt?.id, "answer-statement-paraphrase-1");
    assert.match(words[0].messages[0].content, /Use this scale: strongly agree, agree, neutral, disagree, strongly disagree\. The answer of the statement should be one of the labels "strongly agree"/);
    const paper = await plan(PAPER_CONDITION);
    const overlap = keysOf(words).filter((key) => keysOf(paper).includes(key));
    assert.equal(overlap.length, 0, "no condition request is served from a paper answer");
  });

  test("a non-paper condition on German statements stops before any call", async () => {
    const german = { ...tinyInventories()[0], language: "de" };
    await assert.rejects(
      answerInventory(personas, { context, progress: false, dryRun: true, inventories: [german], condition: parseConditionName("options-reversed") }),
      (error: unknown) => error instanceof UsageError && /only for en/.test(error.message),
    );
  });
});

describe("answer stage under a condition on the sim", () => {
  let cache: ReturnType<typeof temporaryCache>;
  let context: PipelineContext;
  before(() => {
    cache = temporaryCache();
    context = createPipelineContext({ model: { provider: "sim", model: "aligned" }, cachePath: cache.path });
  });
  after(() => {
    context.close();
    cache.remove();
  });

  test("word labels are parsed back to 1-5; aligned answers every condition with the paper's values; rows and scores name the condition", async () => {
    const inventory = loadInventory("ipip-neo-120");
    const many = Array.from({ length: 6 }, (_, index) => ({ id: `q${index}`, description: `Persona ${index}, someone from town ${index}.` }));
    const paper = await answerInventory(many, { context, progress: false, inventories: [inventory] });
    const name = "items-shuffled+options-reversed+labels-words+wording-paraphrase-2";
    const other = await answerInventory(many, { context, progress: false, inventories: [inventory], condition: parseConditionName(name) });
    assert.ok(paper.rows.every((row) => row.condition === "paper"));
    assert.ok(other.rows.every((row) => row.condition === name && row.promptId === "answer-statement-paraphrase-2"));
    assert.ok(paper.scores.every((row) => row.answerCondition === "paper"));
    assert.ok(other.scores.every((row) => row.answerCondition === name));
    // Labels came back as words and were read as numbers.
    assert.ok(other.rows.some((row) => /^(Answer: )?(strongly )?(dis)?agree|neutral/i.test(row.raw ?? "") && row.answer !== null));
    assert.ok(other.rows.every((row) => !/^\d$/.test((row.raw ?? "").trim())));
    // The sim's refusals stay invalid with their text, under any condition.
    const invalid = other.rows.filter((row) => row.answer === null);
    assert.ok(invalid.every((row) => (row.raw ?? "").length > 0));
    const key = (row: { personaId: string; itemId: number }) => `${row.personaId}#${row.itemId}`;
    const paperAnswers = new Map(paper.rows.map((row) => [key(row), row.answer]));
    assert.ok(other.rows.every((row) => row.answer === paperAnswers.get(key(row))), "aligned has no condition effect: the same answer values");
    assert.deepEqual(
      other.scores.map((row) => row[other.scoreColumns[0]]),
      paper.scores.map((row) => row[paper.scoreColumns[0]]),
    );
    // The shuffled order is the asked order of the rows.
    assert.notDeepEqual(other.rows.filter((row) => row.personaId === "q0").map((row) => row.itemId), paper.rows.filter((row) => row.personaId === "q0").map((row) => row.itemId));
  });
});
