import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { loadInventory } from "../../lib/inventory/index";
import { temporaryCache, wellFormedReply } from "../pipeline/helpers";
import { cli } from "../support/cli-child";
import { ESCONV_TRAIN, findDataFolder, skipWithoutData } from "../support/data-folder";
import { startOpenAiServer, type LoopbackServer, type ModelCall, type Reply } from "../support/openai-server";

// `run inventory --inventory ipip-neo-120 --language de` against a loopback OpenAI server, with a data folder that
// holds ESConv but no inventory file: the server must receive the German statements inside the German answer
// instruction (answer-statement.de.v1.md), and no English instruction.

const GERMAN_INSTRUCTION = "Sie erhalten eine Aussage über die Person.";
const ENGLISH_INSTRUCTION = "You are provided with a statement about the person";

function reply(call: ModelCall): Reply {
  return call.promptText.includes(GERMAN_INSTRUCTION) ? "4" : wellFormedReply(call);
}

describe("--language de against a loopback server", { skip: skipWithoutData([ESCONV_TRAIN]) }, () => {
  const cache = temporaryCache();
  const data = mkdtempSync(join(tmpdir(), "pt-language-data-"));
  const servers: LoopbackServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    cache.remove();
    rmSync(data, { recursive: true, force: true });
  });

  test("sends German statements and a German instruction; no inventory file needed", async () => {
    const source = findDataFolder([ESCONV_TRAIN])!;
    symlinkSync(join(source, dirname(ESCONV_TRAIN)), join(data, dirname(ESCONV_TRAIN)));
    const server = await startOpenAiServer({ responder: reply });
    servers.push(server);
    const output = await cli(["run", "inventory", "--inventory", "ipip-neo-120", "--language", "de", "--n", "5", "--provider", "openai", "--model", "gpt-4o-mini", "--rpm", "0", "--tpm", "0", "--json"], {
      PERSONA_TALKS_DATA: data,
      PERSONA_TALKS_CACHE: cache.directory,
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: "test-key",
    });
    assert.equal(output.code, 0, output.stderr);
    const result = JSON.parse(output.stdout);
    assert.equal(result.language, "de");
    assert.deepEqual(result.inventories, ["ipip-neo-120"]);
    assert.equal(result.count, 5);
    const german = loadInventory("ipip-neo-120", { language: "de" });
    const answers = server.calls.filter((call) => call.promptText.includes(GERMAN_INSTRUCTION));
    // The scripted replies give every persona the same description, so the 5 personas' prompts are identical and the
    // cache answers 4 of them: 120 distinct German calls reach the server.
    assert.equal(answers.length, 120, "one German answer call per distinct prompt");
    assert.ok(!server.calls.some((call) => call.promptText.includes(ENGLISH_INSTRUCTION)), "no English answer instruction was sent");
    const statements = new Set(answers.map((call) => /Die Aussage: (.*)$/s.exec(call.promptText)?.[1].trim()));
    assert.deepEqual([...statements].sort(), german.items.map((item) => item.text).sort(), "every German statement, as the statement");
    // The German scale labels come from the template.
    assert.ok(answers.every((call) => call.promptText.includes("5=stimme voll und ganz zu") && call.promptText.includes("1=stimme überhaupt nicht zu")));
    // Every answer "4" is scored: plus-keyed 4, minus-keyed 2.
    for (const row of result.scores) assert.equal(row.invalidAnswers, 0);
  });

  test("a language without answer templates, an incomplete one and an unknown one: one line, exit 2, nothing sent", async () => {
    const server = await startOpenAiServer({ responder: reply });
    servers.push(server);
    const env = { PERSONA_TALKS_DATA: data, PERSONA_TALKS_CACHE: cache.directory, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "test-key" };
    for (const [language, message] of [["fr", /no answer prompt for language "fr"/], ["is", /75 of 120 items untranslated/], ["xx", /unknown language "xx"/]] as const) {
      const output = await cli(["run", "inventory", "--inventory", "ipip-neo-120", "--language", language, "--n", "2", "--provider", "openai", "--model", "gpt-4o-mini"], env);
      assert.equal(output.code, 2, output.stderr);
      assert.match(output.stderr, message);
      assert.equal(output.stderr.trim().split("\n").length, 1, output.stderr);
    }
    assert.equal(server.calls.length, 0);
  });
});
