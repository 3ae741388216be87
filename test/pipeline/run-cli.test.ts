import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { main } from "../../lib/cli/main";
import { projectRoot } from "../../lib/paths";
import { startOpenAiServer, type LoopbackServer } from "../support/openai-server";
import { promptKind, realDataDirectory, realDataSkip, temporaryCache, wellFormedReply } from "./helpers";

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in a child process (asynchronously, so a loopback server in this process keeps answering). */
function cli(args: string[], env: Record<string, string>): Promise<Output> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(OPENAI|ANTHROPIC|LOCAL_LLM)_/.test(name)),
  ) as Record<string, string>;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(projectRoot(), "bin", "persona-talks.js"), "run", ...args],
      { cwd: projectRoot(), env: { ...base, PERSONA_TALKS_DATA: realDataDirectory() ?? "", ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs the CLI in this process (for quick checks that make no model calls), with env set for the call. */
async function inProcess(args: string[], env: Record<string, string>): Promise<Output> {
  const saved = new Map(Object.keys(env).map((name) => [name, process.env[name]]));
  const stdout: string[] = [];
  const stderr: string[] = [];
  const originalLog = console.log;
  const originalError = console.error;
  const originalWrite = process.stderr.write.bind(process.stderr);
  console.log = (...parts: unknown[]) => stdout.push(parts.join(" "));
  console.error = (...parts: unknown[]) => stderr.push(parts.join(" "));
  process.stderr.write = ((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
  Object.assign(process.env, env);
  try {
    const code = await main(args);
    return { code, stdout: stdout.join("\n"), stderr: stderr.join("") };
  } finally {
    console.log = originalLog;
    console.error = originalError;
    process.stderr.write = originalWrite;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

test("bad options are usage errors (exit 2)", async () => {
  const { code, stderr } = await inProcess(["run", "continue", "--traits", "sometimes"], {});
  assert.equal(code, 2);
  assert.match(stderr, /--traits must be one of both, hexaco, csi, none/);
  assert.equal((await inProcess(["run", "summarize"], {})).code, 2);
});

test("--rpm, --tpm, --concurrency and --batch are checked: bad numbers, Batch mode on local, Batch mode with the cache off", async () => {
  const rpm = await inProcess(["run", "extract", "--rpm=-5"], {});
  assert.equal(rpm.code, 2);
  assert.match(rpm.stderr, /--rpm must be a non-negative integer/);
  assert.equal((await inProcess(["run", "extract", "--rpm", "-5"], {})).code, 2, "a parseArgs error is a usage error too");
  assert.equal((await inProcess(["run", "extract", "--no-such-option"], {})).code, 2);
  assert.equal((await inProcess(["run", "extract", "--tpm", "many"], {})).code, 2);
  assert.equal((await inProcess(["run", "extract", "--concurrency", "0"], {})).code, 2);
  const local = await inProcess(["run", "extract", "--provider", "local", "--model", "llama3.1:8b", "--batch"], {});
  assert.equal(local.code, 2);
  assert.match(local.stderr, /Batch mode needs a provider with a Batch API/);
  const off = await inProcess(["run", "extract", "--provider", "openai", "--batch", "--cache", "off"], {});
  assert.equal(off.code, 2);
  assert.match(off.stderr, /cannot run with the cache off/);
});

describe("persona-talks run (CLI) on sim", { skip: realDataSkip }, () => {
  let cache: ReturnType<typeof temporaryCache>;
  before(() => (cache = temporaryCache()));
  after(() => cache.remove());

  test("run extract --dataset esconv --n 20 --json prints 20 cards and the SIMULATED banner", async () => {
    const { code, stdout, stderr } = await cli(["extract", "--dataset", "esconv", "--n", "20", "--json"], { PERSONA_TALKS_CACHE: cache.directory });
    assert.equal(code, 0, stderr);
    assert.match(stderr, /SIMULATED \(sim provider, no model was called\)/);
    const result = JSON.parse(stdout);
    assert.equal(result.simulated, true);
    assert.equal(result.provider, "sim");
    assert.equal(result.count, 20);
    assert.equal(result.cards.length, 20);
    assert.ok(result.cards.every((card: { id: string; simulated: boolean }) => card.id.startsWith("esconv:") && card.simulated));
    assert.equal(new Set(result.cards.map((card: { id: string }) => card.id)).size, 20);
  });

  test("run extract --dataset cams, and run inventory prints HEXACO and CSI domain scores with invalid counts", async () => {
    const cams = await cli(["extract", "--dataset", "cams", "--n", "2", "--json"], { PERSONA_TALKS_CACHE: cache.directory });
    assert.equal(cams.code, 0, cams.stderr);
    assert.ok(JSON.parse(cams.stdout).cards.every((card: { sourceDataset: string }) => card.sourceDataset === "cams"));

    const { code, stdout, stderr } = await cli(["inventory", "--n", "3", "--json"], { PERSONA_TALKS_CACHE: cache.directory });
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout);
    assert.equal(result.count, 3);
    assert.equal(result.scoreColumns.length, 12);
    assert.ok(result.scoreColumns.includes("HEXACO-60:Emotionality") && result.scoreColumns.includes("CSI:Emotionality"));
    assert.equal(typeof result.invalidAnswers, "number");
    for (const row of result.scores) {
      assert.equal(typeof row.invalidAnswers, "number");
      assert.ok(result.scoreColumns.every((column: string) => row[column] === null || (row[column] >= 1 && row[column] <= 5)));
    }
  });

  test("run extract --batch on sim runs online and says so", async () => {
    const { code, stdout, stderr } = await inProcess(["run", "extract", "--dataset", "esconv", "--n", "2", "--batch", "--json"], {
      PERSONA_TALKS_CACHE: cache.directory,
      PERSONA_TALKS_DATA: realDataDirectory() ?? "",
    });
    assert.equal(code, 0, stderr);
    assert.match(stderr, /Note: Batch mode was asked for on the sim provider, which has no Batch API .* the calls run online/);
    const result = JSON.parse(stdout);
    assert.equal(result.mode, "online");
    assert.equal(result.count, 2);
    assert.deepEqual(result.limits, {});
  });

  test("run continue --n 2 --traits both prints dialogues with strategy labels", async () => {
    const { code, stdout, stderr } = await cli(["continue", "--n", "2", "--traits", "both", "--json"], { PERSONA_TALKS_CACHE: cache.directory });
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout);
    assert.equal(result.count, 2);
    assert.equal(result.traits, "both");
    for (const dialogue of result.dialogues) {
      assert.equal(dialogue.condition, "both");
      const supporter = dialogue.turns.filter((turn: { speaker: string }) => turn.speaker === "supporter");
      assert.ok(supporter.length > 0 && supporter.every((turn: { strategy?: string }) => typeof turn.strategy === "string"));
    }
  });

});

describe("persona-talks run with OPENAI_BASE_URL at a loopback server", { skip: realDataSkip }, () => {
  let server: LoopbackServer;
  let cache: ReturnType<typeof temporaryCache>;
  before(async () => {
    server = await startOpenAiServer({ responder: wellFormedReply });
    cache = temporaryCache();
  });
  after(async () => {
    cache.remove();
    await server.close();
  });

  test("--dry-run prints the estimate and calls nothing", async () => {
    const { code, stdout, stderr } = await inProcess(["run", "inventory", "--n", "2", "--dry-run"], { PERSONA_TALKS_CACHE: cache.directory, PERSONA_TALKS_DATA: realDataDirectory() ?? "", OPENAI_BASE_URL: server.baseURL });
    assert.equal(code, 0, stderr);
    // 2 extractions + 2 filters + 2 x (2 trait descriptions + 60 + 96 statements).
    assert.match(stdout, /^320 calls, 0 already cached, 320 to make\./m);
    assert.match(stdout, /openai:gpt-4o-mini/);
    assert.equal(server.calls.length, 0);
  });

  test("run inventory sends the paper's prompts, caches the answers, and a re-run makes no calls", async () => {
    const env = { PERSONA_TALKS_CACHE: cache.directory, OPENAI_BASE_URL: server.baseURL };
    // The loopback server has no rate limits: --rpm 0 --tpm 0 switch off gpt-4o-mini's tier defaults (500/min).
    const first = await cli(["inventory", "--n", "1", "--json", "--rpm", "0", "--tpm", "0", "--concurrency", "4"], env);
    assert.equal(first.code, 0, first.stderr);
    assert.doesNotMatch(first.stderr, /SIMULATED/);
    assert.match(first.stderr, /Online: concurrency 4; rate limits: openai:gpt-4o-mini unlimited/);
    const result = JSON.parse(first.stdout);
    assert.equal(result.mode, "online");
    assert.equal(result.concurrency, 4);
    assert.deepEqual(result.limits, { "openai:gpt-4o-mini": {} });
    assert.equal(result.provider, "openai");
    assert.equal(result.simulated, false);
    assert.equal(result.count, 1);
    // The scripted server answers "4" to every statement.
    assert.equal(result.invalidAnswers, 0);
    const kinds = new Set(server.calls.map(promptKind));
    assert.deepEqual([...kinds].sort(), ["answer", "describe", "extract", "filter"]);
    const answer = server.calls.find((call) => promptKind(call) === "answer")!;
    assert.ok(answer.promptText.includes("Please answer the statement even if you're not completely sure"), "Figure 13 wording");
    assert.ok(answer.promptText.includes("5=strongly agree, 4=agree, 3=neutral, 2=disagree, 1=strongly disagree"));
    const extract = server.calls.find((call) => promptKind(call) === "extract")!;
    assert.ok(extract.promptText.includes("The persona card includes five dimensions: age, gender, occupation, socio-demographic description, and problem"), "Figure 11 wording");
    const describeCall = server.calls.find((call) => promptKind(call) === "describe")!;
    assert.ok(describeCall.promptText.includes("Based on this person's socio-demographic description, please write a sentence for each of the following six indicators"), "Figure 12 wording");

    const calls = server.calls.length;
    const second = await cli(["inventory", "--n", "1", "--json", "--rpm", "0", "--tpm", "0"], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(server.calls.length, calls, "everything came from the cache");
    assert.deepEqual(JSON.parse(second.stdout).scores, result.scores);
  });

  test("run extract --batch goes through the Batch API (files + batches), and a re-run makes no server calls", async () => {
    // A cache of its own: the inventory run above already extracted (and cached) the first sampled dialogues.
    const batchCache = temporaryCache();
    try {
      const env = { PERSONA_TALKS_CACHE: batchCache.directory, OPENAI_BASE_URL: server.baseURL };
      const before = server.requests.length;
      const first = await cli(["extract", "--dataset", "esconv", "--n", "3", "--batch", "--json"], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stderr, /Batch mode: calls go to the provider's Batch API/);
      const result = JSON.parse(first.stdout);
      assert.equal(result.mode, "batch");
      assert.equal(result.count, 3);
      assert.equal(result.failed, 0);
      const sent = server.requests.slice(before);
      assert.equal(sent.filter((request) => request.path === "/v1/chat/completions").length, 0, "no online calls");
      assert.equal(sent.filter((request) => request.method === "POST" && request.path === "/v1/batches").length, 1);
      assert.equal(sent.filter((request) => request.method === "POST" && request.path === "/v1/files").length, 1);

      const requests = server.requests.length;
      const second = await cli(["extract", "--dataset", "esconv", "--n", "3", "--batch", "--json"], env);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(server.requests.length, requests, "answered from the cache");
      assert.deepEqual(JSON.parse(second.stdout).cards.map((card: { id: string }) => card.id), result.cards.map((card: { id: string }) => card.id));
    } finally {
      batchCache.remove();
    }
  });
});
