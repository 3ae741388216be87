import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createPipelineContext, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { runRq2 } from "../../lib/questions/rq2/run-rq2";
import { rolePlayDialogue, SEEKER_STAGE, SUPPORTER_STAGE, type RolePlayItem } from "../../lib/pipeline/stages/role-play-dialogue";
import { startOpenAiServer, type LoopbackServer, type ModelCall } from "../support/openai-server";
import { temporaryCache, tinyInventories, wellFormedReply } from "../pipeline/helpers";

const CARD_MARK = "Your persona is below";
const DESCRIPTION = "The person is a night-shift baker who recently moved to a new city.";
const TRAIT_MARK = "HEXACO Personality Indicators";

// Scripted agents: the seeker says goodbye at its 4th turn; the supporter always asks a question.
function reply(call: ModelCall) {
  if (call.promptText.includes("You are role-playing a Seeker")) {
    const turn = (call.promptText.match(/"speaker":"Supporter"/g) ?? []).length;
    const which = call.promptText.match(/\(case (\w+)\)/)?.[1] ?? "?";
    return JSON.stringify({ content: turn >= 3 ? "Thanks, bye!" : `Seeker line ${turn} of ${which}`, end: turn >= 3 });
  }
  if (call.promptText.includes("You are role-playing a Supporter")) return JSON.stringify({ strategy: "Question", content: "What happened next?" });
  return wellFormedReply(call);
}

let server: LoopbackServer;
let cache: ReturnType<typeof temporaryCache>;
let context: PipelineContext;

before(async () => {
  server = await startOpenAiServer({ responder: reply });
  cache = temporaryCache();
  context = createPipelineContext({ model: { provider: "openai", model: "gpt-4o-mini" }, adapterOptions: { apiKey: "test-key", baseURL: server.baseURL }, cachePath: cache.path, limits: false });
});

after(async () => {
  context.close();
  cache.remove();
  await server.close();
});

const item = (id: string): RolePlayItem => ({
  dialogueId: id,
  personaId: `esconv:${id}`,
  condition: "both",
  sourceDialogueId: null,
  persona: `Age: young\nGender: female\nOccupation: baker\nDescription: ${DESCRIPTION}\nProblem: The person feels lonely (case ${id}).`,
  scores: { "HEXACO-60:Extraversion": 2.5, "CSI:Expressiveness": 3 },
  hexaco: true,
  csi: true,
});

const supporterBodies = (from: number) => server.calls.slice(from).filter((call) => call.promptText.includes("You are role-playing a Supporter"));
const seekerBodies = (from: number) => server.calls.slice(from).filter((call) => call.promptText.includes("You are role-playing a Seeker"));

test("the supporter never sees the card; the traits go to whom the option says", async () => {
  let start = server.calls.length;
  const toSupporter = await rolePlayDialogue([item("a")], { context, progress: false });
  assert.ok(supporterBodies(start).length > 0);
  for (const call of supporterBodies(start)) {
    assert.ok(!call.promptText.includes(CARD_MARK) && !call.promptText.includes(DESCRIPTION), "card block in a supporter request");
    assert.ok(call.promptText.includes(TRAIT_MARK), "traitsTo supporter: the supporter is given the traits");
  }
  for (const call of seekerBodies(start)) assert.ok(call.promptText.includes(DESCRIPTION) && !call.promptText.includes(TRAIT_MARK));

  start = server.calls.length;
  await rolePlayDialogue([item("b")], { context, progress: false, traitsTo: "seeker" });
  for (const call of supporterBodies(start)) assert.ok(!call.promptText.includes(TRAIT_MARK) && !call.promptText.includes(DESCRIPTION));
  assert.ok(seekerBodies(start).every((call) => call.promptText.includes("Your personality, which should shape how you talk")));

  // Each turn is its own call, by the agent whose stage the turn names; the seeker's goodbye ends the dialogue.
  const row = toSupporter.rows[0];
  assert.equal(row.endReason, "seeker-ended");
  assert.equal(row.calls, row.turns.length);
  assert.deepEqual(row.turns.map((turn) => turn.agentStage), [SEEKER_STAGE, SUPPORTER_STAGE, SEEKER_STAGE, SUPPORTER_STAGE, SEEKER_STAGE, SUPPORTER_STAGE, SEEKER_STAGE]);
  assert.ok(row.turns.filter((turn) => turn.speaker === "supporter").every((turn) => turn.strategy === "Question"));
});

test("an interrupted dialogue resumes at the turn it stopped, from the cache", async () => {
  const start = server.calls.length;
  await rolePlayDialogue([item("c")], { context, progress: false, maxTurns: 3 });
  assert.equal(server.calls.length - start, 3);
  const resumed = await rolePlayDialogue([item("c")], { context, progress: false });
  // Turns 0-2 come from the cache; only turns 3-6 are new calls.
  assert.equal(server.calls.length - start, 7);
  assert.equal(resumed.rows[0].turns.length, 7);
});

test("an agent answer that stays unreadable ends the dialogue, recorded and not hidden", async () => {
  const local = await startOpenAiServer({ responder: (call) => (call.promptText.includes("role-playing a Supporter") ? "" : reply(call)) });
  const localCache = temporaryCache();
  const localContext = createPipelineContext({ model: { provider: "openai", model: "gpt-4o-mini" }, adapterOptions: { apiKey: "test-key", baseURL: local.baseURL }, cachePath: localCache.path, limits: false });
  try {
    const result = await rolePlayDialogue([item("d")], { context: localContext, progress: false });
    const row = result.rows[0];
    assert.equal(row.endReason, "unreadable-turn");
    assert.equal(row.status, "failed");
    assert.match(row.error ?? "", /turn 1 \(supporter\)/);
  } finally {
    localContext.close();
    localCache.remove();
    await local.close();
  }
});

test("RQ2 in role-play mode: the supporter agent's requests never hold the persona", async () => {
  const start = server.calls.length;
  const result = await runRq2({ context, n: 2, personas: ["A night-shift baker in a new city.", "A retired sailor who lost his dog."], noPersona: false, generation: "role-play", inventories: tinyInventories(), progress: false });
  assert.equal(result.generation, "role-play");
  assert.equal(result.persona.dialogues.length, 2);
  const expandedDescriptions = result.expanded.map((row) => row.description);
  assert.ok(supporterBodies(start).length >= 2, `supporter calls: ${supporterBodies(start).length}`);
  for (const call of supporterBodies(start)) {
    assert.ok(!call.promptText.includes(CARD_MARK));
    for (const description of expandedDescriptions) assert.ok(!call.promptText.includes(description), "persona description in a supporter request");
  }
  assert.ok(result.persona.scores.length > 0, "the re-extracted personas were measured");
});
