/**
 * LLM layer benchmark (not a test): `npm run bench:llm`.
 *
 * 1. Throughput: a loopback OpenAI-compatible server enforces a requests/min limit (429 + Retry-After beyond
 *    it) and adds 50-200 ms latency; the runner sends `--requests` requests through the real OpenAI adapter
 *    and the real SQLite cache with its limit set to the server's. Then a sequential baseline (one call at a
 *    time, a smaller sample) on the same server.
 * 2. Cache: fills a fresh cache with `--cached` responses (transactions of 5,000) and replays every one
 *    through the cache's read path (the cached adapter's complete(): key hashing, lookup, validation).
 *
 * The last line of output is one JSON object with the headline numbers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hash } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { cacheKey, canonicalRequestText } from "../lib/llm/cache/cache-key";
import { withCache } from "../lib/llm/cache/cached-adapter";
import { openCache, type ResponseCache } from "../lib/llm/cache/response-cache";
import { cliProgress } from "../lib/llm/runner/progress";
import { runRequests } from "../lib/llm/runner/run-requests";
import type { Completion, ModelAdapter, ModelRequest } from "../lib/llm/types";
import { fork, type ChildProcess } from "node:child_process";
import { projectRoot } from "../lib/paths";
import { getProvider } from "../lib/providers/registry";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    "limit-rpm": { type: "string", default: "6000" },
    sequential: { type: "string", default: "60" },
    cached: { type: "string", default: "500000" },
    concurrency: { type: "string", default: "64" },
  },
});
const requestCount = Number(values.requests);
const limitRpm = Number(values["limit-rpm"]);
const sequentialCount = Number(values.sequential);
const cachedCount = Number(values.cached);
const concurrency = Number(values.concurrency);

const say = (line: string) => process.stdout.write(line + "\n");

/** CPU seconds (user + system) this process has used since `since`: shows how much of a wall time was waiting for a busy machine. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}
const round = (value: number, digits: number) => Number(value.toFixed(digits));

function benchRequest(index: number, kind: string): ModelRequest {
  return {
    provider: "local",
    model: "bench-echo",
    messages: [
      { role: "system", content: "You answer personality inventory statements with a single number from 1 to 5." },
      { role: "user", content: `${kind} request ${index}: I would enjoy a quiet evening with a book.` },
    ],
    maxTokens: 5,
    metadata: { stage: `bench-${kind}`, itemId: `${kind}/${index}` },
  };
}

/** Successful answers whose text is the echo of their own request; everything else is lost. */
function countLost(results: Array<{ request: ModelRequest; completion?: Completion }>): number {
  return results.filter((result) => result.completion?.text !== `echo: ${result.request.messages[1].content}`).length;
}

// One prompt reference shared by every request, as a stage's requests share their rendered template's.
const BENCH_PROMPT = { id: "answer-item", version: "v1", hash: "0".repeat(64) };

// An inventory-answer-sized request and response, like the ones a real run stores.
function inventoryRequest(index: number): ModelRequest {
  const persona = Math.floor(index / 156);
  const item = index % 156;
  return {
    provider: "openai",
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: `You are persona ${persona}: a 34-year-old teacher who worries about deadlines and loves hiking.` },
      { role: "user", content: `Statement ${item}: I would be quite bored by a visit to an art gallery. Answer with one number from 1 (strongly disagree) to 5 (strongly agree).` },
    ],
    maxTokens: 5,
    metadata: { prompt: BENCH_PROMPT, stage: "answerInventory", itemId: `persona${persona}/item${item}` },
  };
}

function inventoryCompletion(index: number): Completion {
  const text = String((index % 5) + 1);
  return {
    provider: "openai",
    model: "gpt-4o-mini-2024-07-18",
    text,
    usage: { inputTokens: 62, outputTokens: 1 },
    finishReason: "stop",
    raw: {
      id: `chatcmpl-${index}`,
      object: "chat.completion",
      created: 1_700_000_000,
      model: "gpt-4o-mini-2024-07-18",
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage: { prompt_tokens: 62, completion_tokens: 1, total_tokens: 63 },
      system_fingerprint: "fp_bench",
    },
    latencyMs: 180,
    createdAt: "2026-01-01T00:00:00.000Z",
    cached: false,
    warnings: [],
  };
}

const refusingModel: ModelAdapter = {
  provider: "openai",
  async complete() {
    throw new Error("replay reached the model: the cache should have answered");
  },
};

interface ServerHandle {
  baseURL: string;
  counts(): Promise<{ accepted: number; rejected: number }>;
  close(): Promise<void>;
}

/** Starts bench/server-process.ts in a child process (see there why). */
function startServerProcess(): Promise<ServerHandle> {
  const child: ChildProcess = fork(join(projectRoot(), "bench", "server-process.ts"), [String(limitRpm), "50", "200"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited early (code ${code})`)));
    child.once("message", (message: { type: string; baseURL: string }) => {
      resolve({
        baseURL: message.baseURL,
        counts: () =>
          new Promise((answer) => {
            child.once("message", (reply: { accepted: number; rejected: number }) => answer(reply));
            child.send({ type: "counts" });
          }),
        close: async () => {
          child.send({ type: "close" });
          await exited;
        },
      });
    });
  });
}

async function throughput(directory: string) {
  const server = await startServerProcess();
  const cache = openCache({ path: join(directory, "throughput.sqlite") });
  try {
    const model = withCache(getProvider("local").createAdapter({ connection: () => ({ apiKey: "bench-not-a-secret", baseURL: server.baseURL }) }), cache);
    say(`Throughput: ${requestCount} requests, server limit ${limitRpm} requests/min, latency 50-200 ms, concurrency ${concurrency}`);
    const requests = Array.from({ length: requestCount }, (_, index) => benchRequest(index, "limited"));
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { results, summary } = await runRequests(requests, {
      model,
      concurrency,
      limits: { "local:bench-echo": { requestsPerMinute: limitRpm } },
      progress: cliProgress(),
      stage: "bench",
    });
    const seconds = (performance.now() - started) / 1000;
    const achievedRpm = (requestCount * 60) / seconds;
    const lost = countLost(results);
    const counts = await server.counts();
    say(`  ${summary.done} done, ${summary.failed} failed, ${summary.retries} retries; server: ${counts.accepted} accepted, ${counts.rejected} answered 429`);
    say(`  ${seconds.toFixed(1)} s -> ${achievedRpm.toFixed(0)} requests/min (${((100 * achievedRpm) / limitRpm).toFixed(1)}% of the limit), lost ${lost}`);
    say(`  client CPU ${cpuSeconds(cpu).toFixed(1)} s (${((1000 * cpuSeconds(cpu)) / requestCount).toFixed(2)} ms per request; the server runs in its own process)`);

    say(`Sequential baseline: ${sequentialCount} requests one at a time`);
    const sequentialRequests = Array.from({ length: sequentialCount }, (_, index) => benchRequest(index, "sequential"));
    const sequentialStarted = performance.now();
    const sequential = await runRequests(sequentialRequests, { model, concurrency: 1, progress: false });
    const sequentialSeconds = (performance.now() - sequentialStarted) / 1000;
    const sequentialRpm = (sequentialCount * 60) / sequentialSeconds;
    say(`  ${sequentialSeconds.toFixed(1)} s -> ${sequentialRpm.toFixed(0)} requests/min, lost ${countLost(sequential.results)}`);
    return { achievedRpm, lost: lost + countLost(sequential.results), sequentialRpm };
  } finally {
    cache.close();
    await server.close();
  }
}

function fillCache(cache: ResponseCache): void {
  const chunk = 5000;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let start = 0; start < cachedCount; start += chunk) {
    const entries = [];
    for (let index = start; index < Math.min(cachedCount, start + chunk); index++) {
      const request = inventoryRequest(index);
      entries.push({ key: cacheKey(request), request, completion: inventoryCompletion(index) });
    }
    cache.putMany(entries);
  }
  say(`  filled ${cache.count()} responses in ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${cpuSeconds(cpu).toFixed(1)} s (keys hashed, transactions of ${chunk})`);
}

const PER_CALL_SAMPLE = 50_000;

/** RssAnon from /proc/self/status (Linux): resident memory that is not file-backed, in MB; RSS elsewhere. */
export function anonymousRssMb(): number {
  try {
    const match = /RssAnon:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 1e6;
}

/**
 * The replay a researcher gets when re-running a finished stage: runRequests with the cached adapter. The
 * runner answers from the cache's bulk read (getMany: key hashing, lookups in shared read transactions,
 * row validation); the refusing model proves nothing reached a provider. Also times a sample of one
 * complete() per request (the path of code that calls the cached adapter directly), for comparison.
 */
async function replay(cache: ResponseCache) {
  const model = withCache(refusingModel, cache);
  const requests = Array.from({ length: cachedCount }, (_, index) => inventoryRequest(index));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { results, summary } = await runRequests(requests, { model, progress: false, concurrency: 8 });
  const replaySeconds = (performance.now() - started) / 1000;
  const replayCpu = cpuSeconds(cpu);
  let wrong = 0;
  results.forEach((result, index) => {
    if (result.status !== "cached" || result.completion?.text !== String((index % 5) + 1)) wrong += 1;
  });
  say(`  replayed ${summary.cached} of ${cachedCount} through runRequests + the cached adapter in ${replaySeconds.toFixed(2)} s (CPU ${replayCpu.toFixed(1)} s); ${wrong} missing or wrong`);
  // Anonymous memory (the heap and native allocations, not the cache file's mapped pages) while the results are held.
  const replayAnonRssMb = anonymousRssMb();
  say(`  anonymous memory with the ${cachedCount} results held: ${replayAnonRssMb.toFixed(0)} MB (heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB of ${(process.memoryUsage().heapTotal / 1e6).toFixed(0)} MB)`);

  // The floor: the same keys' rows read raw by key from the same file, plus sha256 of the same requests.
  const texts = requests.map((request) => canonicalRequestText(request));
  const db = new Database(cache.path, { readonly: true });
  const select = db.prepare("SELECT * FROM answers WHERE key = ?").raw(true);
  const floorStarted = performance.now();
  const floorCpu = process.cpuUsage();
  let floorRows = 0;
  const readChunk = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index += 1) {
      if (select.get(hash("sha256", texts[index], "buffer"))) floorRows += 1;
    }
  });
  for (let from = 0; from < texts.length; from += 5000) readChunk(from, Math.min(texts.length, from + 5000));
  const replayFloorSeconds = (performance.now() - floorStarted) / 1000;
  const replayFloorCpuSeconds = cpuSeconds(floorCpu);
  db.close();
  say(`  floor: ${floorRows} rows read raw by key + sha256 of their requests in ${replayFloorSeconds.toFixed(2)} s (CPU ${replayFloorCpuSeconds.toFixed(1)} s) -> replay at ${(replaySeconds / replayFloorSeconds).toFixed(2)}x the floor (CPU ${(replayCpu / replayFloorCpuSeconds).toFixed(2)}x)`);

  const sample = Math.min(PER_CALL_SAMPLE, cachedCount);
  const sampleStarted = performance.now();
  const sampleCpu = process.cpuUsage();
  for (let index = 0; index < sample; index++) await model.complete(requests[index]);
  const perCall = (performance.now() - sampleStarted) / 1000 / sample;
  say(
    `  one complete() per request instead: ${(perCall * 1e6).toFixed(1)} us each, CPU ${((1e6 * cpuSeconds(sampleCpu)) / sample).toFixed(1)} us ` +
      `(sample of ${sample}) -> ${(perCall * cachedCount).toFixed(1)} s for ${cachedCount}`,
  );
  return { replaySeconds, replayCpu, lostInReplay: wrong, replayFloorSeconds, replayFloorCpuSeconds, replayAnonRssMb };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), "llm-bench-"));
  try {
    const { achievedRpm, lost, sequentialRpm } = await throughput(directory);
    say(`Cache: ${cachedCount} responses`);
    const cache = openCache({ path: join(directory, "replay.sqlite") });
    let replayed: Awaited<ReturnType<typeof replay>>;
    try {
      fillCache(cache);
      replayed = await replay(cache);
    } finally {
      cache.close();
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    say(
      JSON.stringify({
        requests: requestCount,
        limitRpm,
        achievedRpm: round(achievedRpm, 1),
        ratio: round(achievedRpm / limitRpm, 4),
        lost: lost + replayed.lostInReplay,
        sequentialRpm: round(sequentialRpm, 1),
        cachedResponses: cachedCount,
        replaySeconds: round(replayed.replaySeconds, 2),
        replayFloorSeconds: round(replayed.replayFloorSeconds, 2),
        replayRatio: round(replayed.replaySeconds / replayed.replayFloorSeconds, 2),
        replayCpuSeconds: round(replayed.replayCpu, 2),
        replayFloorCpuSeconds: round(replayed.replayFloorCpuSeconds, 2),
        replayCpuRatio: round(replayed.replayCpu / replayed.replayFloorCpuSeconds, 2),
        replayAnonRssMb: round(replayed.replayAnonRssMb, 1),
        peakRssMb: round(peakRssMb, 1),
      }),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
