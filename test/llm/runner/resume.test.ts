import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { openCache } from "../../../lib/llm/cache/response-cache";
import { projectRoot } from "../../../lib/paths";
import type { RunSummary } from "../../../lib/llm/runner/run-types";
import { startOpenAiServer, type Reply } from "../../support/openai-server";

/**
 * The server answers the first `answerFirst` calls, then holds every further call (never answering) until
 * released: so at the moment the child is killed, exactly `answerFirst` answers were paid for, and the calls
 * in flight were not. `answered` counts paid answers across runs.
 */
async function gatedServer(answerFirst: number) {
  const state = { answered: 0, held: 0, gate: answerFirst, releases: [] as Array<(answer: boolean) => void> };
  const server = await startOpenAiServer({
    responder: async (call): Promise<Reply> => {
      if (state.answered >= state.gate) {
        state.held += 1;
        const answer = await new Promise<boolean>((resolve) => state.releases.push(resolve));
        // The client of a held call was killed: nobody receives (or pays for) this answer.
        if (!answer) return { fault: "drop" };
      }
      state.answered += 1;
      return { text: `answer for ${call.promptText}`, inputTokens: 7, outputTokens: 2 };
    },
  });
  /** Answers everything from now on; held calls are answered, or dropped when their client is dead. */
  const open = (answerHeld = true) => {
    state.gate = Infinity;
    for (const release of state.releases.splice(0)) release(answerHeld);
  };
  return { server, state, open };
}

interface ChildRun {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  waitFor(predicate: (lines: string[]) => boolean, timeoutMs?: number): Promise<void>;
}

const root = projectRoot();
const temporary = mkdtempSync(join(tmpdir(), "runner-resume-"));
after(() => rmSync(temporary, { recursive: true, force: true }));

function startChild(baseURL: string, cachePath: string, count: number): ChildRun {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "test/llm/runner/resume-child.ts"), baseURL, cachePath, String(count)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buffered = "";
  const waiters: Array<() => void> = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    lines.push(...parts);
    for (const waiter of waiters) waiter();
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor: (predicate, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        // Polled as well as checked on output: the server-side half of a predicate changes silently.
        const poll = setInterval(() => check(), 20);
        const timer = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`timed out; lines: ${lines.join(" | ")}; stderr: ${stderr}`));
        }, timeoutMs);
        let settled = false;
        const check = () => {
          if (!settled && predicate(lines)) {
            settled = true;
            clearTimeout(timer);
            clearInterval(poll);
            resolve();
          }
        };
        waiters.push(check);
        check();
      }),
  };
}

const summaryOf = (lines: string[]): RunSummary => JSON.parse(lines.find((line) => line.startsWith("summary "))!.slice("summary ".length));
const finished = (lines: string[]) => lines.filter((line) => line.startsWith("result ")).length;
const cachedCount = (path: string) => {
  const cache = openCache({ path, mode: "read-only" });
  try {
    return cache.count();
  } finally {
    cache.close();
  }
};

test("kill -9 midway, then a re-run: nothing done is paid twice, nothing is lost", { timeout: 90_000 }, async () => {
  const total = 40;
  const answerFirst = 15;
  const cachePath = join(temporary, "kill.sqlite");
  const { server, state, open } = await gatedServer(answerFirst);
  try {
    const first = startChild(server.baseURL, cachePath, total);
    // 15 answered and stored; the next 4 calls (concurrency 4) are in flight, held by the server.
    await first.waitFor((lines) => finished(lines) === answerFirst && state.held === 4);
    first.child.kill("SIGKILL");
    assert.equal(await first.exited, null);
    const cachedBeforeKill = cachedCount(cachePath);
    assert.equal(cachedBeforeKill, answerFirst);
    assert.equal(state.answered, answerFirst);

    open(false);
    const answeredBefore = state.answered;
    const second = startChild(server.baseURL, cachePath, total);
    assert.equal(await second.exited, 0);
    const summary = summaryOf(second.lines);
    assert.equal(state.answered - answeredBefore, total - cachedBeforeKill, "server hits in the re-run");
    assert.equal(state.answered, total, "total server hits: none lost, none paid twice");
    assert.equal(summary.cached, cachedBeforeKill);
    assert.equal(summary.paid, total - cachedBeforeKill);
    assert.equal(summary.done, total);
    assert.equal(summary.failed + summary.skipped, 0);
    assert.equal(cachedCount(cachePath), total);
  } finally {
    open(false);
    await server.close();
  }
});

test("Ctrl-C stops scheduling, lets calls in flight finish into the cache, and prints a summary", { timeout: 90_000 }, async () => {
  const total = 30;
  const answerFirst = 10;
  const cachePath = join(temporary, "sigint.sqlite");
  const { server, state, open } = await gatedServer(answerFirst);
  try {
    const run = startChild(server.baseURL, cachePath, total);
    await run.waitFor((lines) => finished(lines) === answerFirst && state.held === 4);
    run.child.kill("SIGINT");
    // Give the child time to see the signal before the held calls are answered.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const requestsAtInterrupt = server.calls.length;
    open();
    assert.equal(await run.exited, 0);
    const summary = summaryOf(run.lines);
    assert.equal(summary.interrupted, true);
    assert.equal(summary.paid, answerFirst + 4, "the 4 calls in flight finished and were kept");
    assert.equal(summary.skipped, total - answerFirst - 4);
    assert.equal(server.calls.length, requestsAtInterrupt, "no call started after Ctrl-C");
    assert.equal(cachedCount(cachePath), answerFirst + 4);

    const rerun = startChild(server.baseURL, cachePath, total);
    assert.equal(await rerun.exited, 0);
    assert.equal(summaryOf(rerun.lines).cached, answerFirst + 4);
    assert.equal(state.answered, total);
  } finally {
    open();
    await server.close();
  }
});
