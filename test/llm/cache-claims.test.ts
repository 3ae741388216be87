import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import { cacheKey } from "../../lib/llm/cache/cache-key";
import { openCache } from "../../lib/llm/cache/response-cache";
import { projectRoot } from "../../lib/paths";
import type { Completion, ModelRequest } from "../../lib/llm/types";
import { startOpenAiServer } from "../support/openai-server";

const root = projectRoot();
const temporary = mkdtempSync(join(tmpdir(), "cache-claims-"));
after(() => rmSync(temporary, { recursive: true, force: true }));

function startChild(baseURL: string, cachePath: string, count: number, leaseMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "test/llm/claims-child.ts"), baseURL, cachePath, String(count), String(leaseMs)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buffered = "";
  let errors = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const summary = () => {
    const line = lines.find((entry) => entry.startsWith("summary "));
    if (!line) throw new Error(`no summary; stderr: ${errors}`);
    return JSON.parse(line.slice("summary ".length)) as { done: number; paid: number; cached: number; failed: number };
  };
  return { child, lines, exited, summary };
}

function duplicateBodies(bodies: string[]): number {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const body of bodies) {
    if (seen.has(body)) duplicates += 1;
    seen.add(body);
  }
  return duplicates;
}

describe("two processes sharing one cache file", () => {
  test("the same work in two processes pays every distinct request once", async () => {
    const server = await startOpenAiServer({ latencyMs: 3 });
    try {
      const path = join(temporary, "shared.sqlite");
      const count = 80;
      const first = startChild(server.baseURL, path, count, 60_000);
      const second = startChild(server.baseURL, path, count, 60_000);
      assert.deepEqual(await Promise.all([first.exited, second.exited]), [0, 0]);
      const bodies = server.calls.map((call) => JSON.stringify(call.body));
      assert.equal(duplicateBodies(bodies), 0, "no request body reached the server twice");
      assert.equal(new Set(bodies).size, count);
      const [a, b] = [first.summary(), second.summary()];
      assert.equal(a.done, count);
      assert.equal(b.done, count);
      assert.equal(a.paid + b.paid, count, "each request paid by exactly one of them");
      const cache = openCache({ path, mode: "read-only" });
      assert.equal(cache.count(), count);
      cache.close();
      const raw = new Database(path, { readonly: true });
      assert.equal(raw.prepare("SELECT count(*) FROM claims").pluck().get(), 0, "every claim ended with its answer");
      raw.close();
    } finally {
      await server.close();
    }
  });

  test("kill -9 of one process: the other takes over its claims and finishes everything", async () => {
    // Slow answers, so the killed process has claims in flight.
    const server = await startOpenAiServer({ latencyMs: 40 });
    try {
      const path = join(temporary, "killed.sqlite");
      const count = 60;
      const victim = startChild(server.baseURL, path, count, 60_000);
      const survivor = startChild(server.baseURL, path, count, 60_000);
      while (victim.lines.filter((line) => line.startsWith("result ")).length < 10) await new Promise((resolve) => setTimeout(resolve, 10));
      victim.child.kill("SIGKILL");
      assert.equal(await survivor.exited, 0);
      const summary = survivor.summary();
      assert.equal(summary.done, count, "the survivor got every answer");
      assert.equal(summary.failed, 0);
      const cache = openCache({ path, mode: "read-only" });
      assert.equal(cache.count(), count, "nothing lost");
      cache.close();
      // Only calls the victim had in flight when it died (4 slots) can have been sent twice.
      assert.ok(duplicateBodies(server.calls.map((call) => JSON.stringify(call.body))) <= 4);
    } finally {
      await server.close();
    }
  });
});

describe("claims", () => {
  const request: ModelRequest = { provider: "openai", model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], metadata: {} };
  const completion: Completion = {
    provider: "openai",
    model: "gpt-4o-mini",
    text: "hello",
    usage: { inputTokens: 1, outputTokens: 1 },
    raw: { id: "x" },
    latencyMs: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    cached: false,
    warnings: [],
  };

  test("a live claim makes others wait until it expires; an answer ends it; read-only never claims", () => {
    const path = join(temporary, "lease.sqlite");
    const key = cacheKey(request);
    const one = openCache({ path, claimLeaseMs: 1000 });
    const two = openCache({ path, claimLeaseMs: 1000 });
    const now = Date.now();
    assert.equal(one.claim(key, now).kind, "claimed");
    assert.equal(two.claim(key, now + 500).kind, "busy");
    assert.equal(two.claim(key, now + 1500).kind, "claimed", "an expired lease is taken over");
    assert.equal(one.claim(key, now + 1600).kind, "busy");
    two.put(key, request, completion);
    assert.equal(one.claim(key, now + 1700).kind, "answered");
    assert.equal(one.getFresh(key)?.text, "hello");
    one.close();
    two.close();
    const readOnly = openCache({ path, mode: "read-only" });
    readOnly.claim(cacheKey({ ...request, messages: [{ role: "user", content: "other" }] }));
    readOnly.close();
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.prepare("SELECT count(*) FROM claims").pluck().get(), 0, "no claim left, none from read-only mode");
    raw.close();
  });

  test("a claim whose owner process is dead is taken over at once", () => {
    const path = join(temporary, "dead.sqlite");
    const key = cacheKey(request);
    const cache = openCache({ path });
    const db = new Database(path);
    // pid 2^22 + 1 is above Linux's pid_max default, so no process has it.
    const deadOwner = `${cache.claimOwner.split("/")[0]}/4194305/abc`;
    db.prepare("INSERT INTO claims (key, owner, expires_at) VALUES (?, ?, ?)").run(Buffer.from(key, "hex"), deadOwner, Date.now() + 60_000);
    db.close();
    assert.equal(cache.claim(key).kind, "claimed");
    cache.close();
  });
});
