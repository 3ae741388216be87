import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { createOpenAiAdapter } from "../../lib/llm/adapters/openai-adapter";
import { createHash } from "node:crypto";
import { cacheKey, cacheKeyMaterial, canonicalJson, canonicalRequestText } from "../../lib/llm/cache/cache-key";
import { CacheMissError, withCache } from "../../lib/llm/cache/cached-adapter";
import { openCache } from "../../lib/llm/cache/response-cache";
import { createAdapter } from "../../lib/providers/create-model";
import { ModelCallError } from "../../lib/llm/types";
import type { ModelRequest } from "../../lib/llm/types";
import { startOpenAiServer } from "../support/openai-server";
import type { LoopbackServer, Reply } from "../support/openai-server";

const SECRET = "fake-cache-test-SECRET-9f8e7d6c5b4a";

function baseRequest(): ModelRequest {
  return {
    provider: "openai",
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "persona card" },
      { role: "user", content: "statement 7" },
    ],
    temperature: 0,
    jsonSchema: { name: "answer", schema: { type: "object", properties: { score: { type: "integer" } }, required: ["score"] } },
    metadata: { prompt: { id: "answer-item", version: "v1", hash: "abc" }, stage: "answerInventory", itemId: "p1/HEXACO-60#7", sampleIndex: 0 },
  };
}

describe("cache key", () => {
  test("canonical JSON sorts keys at every depth", () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  test("is stable under reordered JSON keys and explicit defaults", () => {
    const original = baseRequest();
    const reordered: ModelRequest = {
      metadata: { sampleIndex: 0, itemId: "p1/HEXACO-60#7", stage: "answerInventory", prompt: { hash: "abc", version: "v1", id: "answer-item" } },
      jsonSchema: { schema: { required: ["score"], properties: { score: { type: "integer" } }, type: "object" }, name: "answer" },
      messages: [
        { content: "persona card", role: "system" },
        { content: "statement 7", role: "user" },
      ],
      model: "gpt-4o-mini",
      provider: "openai",
    };
    assert.equal(cacheKey(reordered), cacheKey(original), "temperature 0 and sampleIndex 0 are defaults");
    assert.match(cacheKey(original), /^[0-9a-f]{64}$/);
  });

  test("any parameter change gives a new key", () => {
    const original = cacheKey(baseRequest());
    const variants: Array<[string, (request: ModelRequest) => void]> = [
      ["provider", (request) => (request.provider = "local")],
      ["model", (request) => (request.model = "gpt-4o-mini-2024-07-18")],
      ["message text", (request) => (request.messages[1].content = "statement 8")],
      ["message role", (request) => (request.messages[0].role = "user")],
      ["message order", (request) => request.messages.reverse()],
      ["temperature", (request) => (request.temperature = 0.7)],
      ["maxTokens", (request) => (request.maxTokens = 10)],
      ["topP", (request) => (request.topP = 0.5)],
      ["seed", (request) => (request.seed = 1)],
      ["jsonSchema", (request) => (request.jsonSchema!.name = "other")],
      ["no jsonSchema", (request) => delete request.jsonSchema],
      ["topLogprobs", (request) => (request.topLogprobs = 5)],
      ["prompt hash", (request) => (request.metadata.prompt!.hash = "abd")],
      ["prompt version", (request) => (request.metadata.prompt!.version = "v2")],
      ["prompt id", (request) => (request.metadata.prompt!.id = "other")],
      ["sampleIndex", (request) => (request.metadata.sampleIndex = 1)],
    ];
    const seen = new Set([original]);
    for (const [name, change] of variants) {
      const request = baseRequest();
      change(request);
      const key = cacheKey(request);
      assert.ok(!seen.has(key), `${name} must change the key`);
      seen.add(key);
    }
  });

  test("the system message (the persona card) is part of the key: another card, another key", () => {
    // Checked on the hashed key itself, not only through the key material (issue 28: a key that leaves the card out
    // would answer every persona with the first persona's cached answers).
    const other = baseRequest();
    other.messages[0].content = "another persona card";
    assert.notEqual(cacheKey(other), cacheKey(baseRequest()));
    assert.ok(canonicalRequestText(baseRequest()).includes('"content":"persona card","role":"system"'));
    assert.deepEqual((cacheKeyMaterial(other).messages as { content: string }[]).map((message) => message.content), ["another persona card", "statement 7"]);
  });

  test("the fast key text equals the generic canonical JSON of the key material", () => {
    const requests: ModelRequest[] = [
      baseRequest(),
      { provider: "local", model: "m", messages: [{ role: "user", content: 'quote " and \\ and \u00e9 and \n' }], metadata: {} },
      {
        provider: "sim",
        model: "sim",
        messages: [],
        temperature: 0.7,
        maxTokens: 5,
        topP: 0.9,
        seed: 3,
        topLogprobs: 2,
        jsonSchema: { name: "n", schema: { b: { 10: 1, 2: 2 }, a: [1, { y: 1, x: 2 }] } },
        metadata: { sampleIndex: 4, prompt: { id: "p", version: "v9", hash: "h" } },
      },
    ];
    for (const request of requests) {
      assert.equal(canonicalRequestText(request), canonicalJson(cacheKeyMaterial(request)));
      assert.equal(cacheKey(request), createHash("sha256").update(canonicalJson(cacheKeyMaterial(request))).digest("hex"));
    }
  });

  test("stage and item id do not change the key, for real providers and sim alike", () => {
    const original = baseRequest();
    const otherStage = baseRequest();
    otherStage.metadata.stage = "other";
    otherStage.metadata.itemId = "p2";
    assert.equal(cacheKey(otherStage), cacheKey(original));
    // The simulator answers from the request alone (SIM_VERSION 3): no side channel enters its key either.
    const sim = { ...baseRequest(), provider: "sim" as const, model: "sim" };
    const simOtherStage = { ...sim, metadata: { ...sim.metadata, stage: "other", itemId: "p2" } };
    assert.equal(cacheKey(simOtherStage), cacheKey(sim));
    assert.notEqual(cacheKey(sim), cacheKey(original));
  });

  test("a real provider's key keeps its exact bytes (pinned on main before the simulator's side channel was removed)", () => {
    // Computed on main at a06719d (before issue 22) with canonicalRequestText / cacheKey of lib/llm/cache/cache-key.ts.
    // The constant "simContext":null stays in the hashed text so an existing cache of a real provider replays.
    assert.equal(
      canonicalRequestText(baseRequest()),
      '{"jsonSchema":{"name":"answer","schema":{"properties":{"score":{"type":"integer"}},"required":["score"],"type":"object"}},"keyVersion":1,"maxTokens":null,"messages":[{"content":"persona card","role":"system"},{"content":"statement 7","role":"user"}],"model":"gpt-4o-mini","prompt":{"hash":"abc","id":"answer-item","version":"v1"},"provider":"openai","sampleIndex":0,"seed":null,"simContext":null,"temperature":0,"topLogprobs":null,"topP":null}',
    );
    assert.equal(cacheKey(baseRequest()), "4bf68ca6fc193728e89349a63489708e5f90fd509ebea9885053d81325f2561d");
    const anthropic: ModelRequest = {
      provider: "anthropic",
      model: "claude-3-5-haiku-20241022",
      messages: [{ role: "user", content: "Hello" }],
      temperature: 0.7,
      maxTokens: 64,
      topP: 0.9,
      seed: 3,
      topLogprobs: 5,
      metadata: { sampleIndex: 2 },
    };
    assert.equal(cacheKey(anthropic), "f353dc4715d07fdce684c3f860e73063ab1579fb670c276ba2367f78d16d1e93");
  });
});

describe("cached adapter", () => {
  let server: LoopbackServer;
  let directory: string;
  const script = new Map<string, Reply>();
  const hits = new Map<string, number>();

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), "llm-cache-test-"));
    server = await startOpenAiServer({
      responder: (call) => {
        const last = call.promptText.split("\n").at(-1) ?? "";
        hits.set(last, (hits.get(last) ?? 0) + 1);
        return script.get(last) ?? `answer: ${last}`;
      },
    });
  });
  after(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const adapter = () => createOpenAiAdapter({ connection: () => ({ apiKey: SECRET, baseURL: server.baseURL }) });
  const ask = (text: string): ModelRequest => ({
    provider: "openai",
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: text }],
    metadata: { stage: "answerInventory", itemId: `item:${text}` },
  });

  test("a second identical call is served from the cache and marked cached", async () => {
    const cache = openCache({ path: join(directory, "hit.sqlite") });
    const model = withCache(adapter(), cache);
    const first = await model.complete(ask("hit me"));
    const second = await model.complete(ask("hit me"));
    assert.equal(first.cached, false);
    assert.equal(second.cached, true);
    assert.equal(second.text, first.text);
    assert.deepEqual(second.usage, first.usage);
    assert.deepEqual(second.raw, first.raw);
    assert.equal(hits.get("hit me"), 1);
    const entry = cache.entry(cacheKey(ask("hit me")))!;
    assert.equal(entry.request.metadata.itemId, "item:hit me", "the request is stored for audit");
    cache.close();
  });

  test("getMany returns hits and misses in the order asked", async () => {
    const cache = openCache({ path: join(directory, "many.sqlite") });
    const model = withCache(adapter(), cache);
    await model.complete(ask("many a"));
    await model.complete(ask("many b"));
    const keys = [cacheKey(ask("many b")), cacheKey(ask("never asked")), cacheKey(ask("many a"))];
    const found = cache.getMany(keys, 2);
    assert.deepEqual(
      found.map((completion) => completion?.text),
      ["answer: many b", undefined, "answer: many a"],
    );
    assert.ok(found[0]!.cached);
    assert.equal(cache.has(keys[0]), true);
    assert.equal(cache.has(keys[1]), false);
    cache.close();
  });

  test("errors are never cached: the next call reaches the model again", async () => {
    const cache = openCache({ path: join(directory, "errors.sqlite") });
    const model = withCache(adapter(), cache);
    script.set("flaky", { fault: "server-error" });
    await assert.rejects(model.complete(ask("flaky")), ModelCallError);
    assert.equal(cache.count(), 0);
    script.delete("flaky");
    const completion = await model.complete(ask("flaky"));
    assert.equal(completion.cached, false);
    assert.equal(hits.get("flaky"), 2);
    cache.close();
  });

  test("identical concurrent requests reach the model once", async () => {
    const cache = openCache({ path: join(directory, "dedupe.sqlite") });
    const model = withCache(adapter(), cache);
    script.set("together", { fault: "slow", delayMs: 100 });
    const results = await Promise.all(Array.from({ length: 8 }, () => model.complete(ask("together"))));
    assert.equal(hits.get("together"), 1);
    assert.equal(results.filter((completion) => !completion.cached).length, 1, "one paid call, seven shared");
    assert.ok(results.every((completion) => completion.text === "echo: together"));
    cache.close();
  });

  test("when a shared in-flight call fails, every waiter gets the error and nothing is stored", async () => {
    const cache = openCache({ path: join(directory, "dedupe-fail.sqlite") });
    const model = withCache(adapter(), cache);
    script.set("doomed", { fault: "slow", delayMs: 100, then: { fault: "server-error", status: 503 } });
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => model.complete(ask("doomed"))));
    assert.ok(outcomes.every((outcome) => outcome.status === "rejected" && outcome.reason instanceof ModelCallError && outcome.reason.status === 503));
    assert.equal(hits.get("doomed"), 1);
    assert.equal(cache.count(), 0);
    cache.close();
  });

  test("read-only mode serves hits and names stage and item on a miss", async () => {
    const path = join(directory, "readonly.sqlite");
    const writer = openCache({ path });
    await withCache(adapter(), writer).complete(ask("known"));
    writer.close();
    const reader = openCache({ path, mode: "read-only" });
    const model = withCache(adapter(), reader);
    assert.equal((await model.complete(ask("known"))).cached, true);
    const before = hits.get("unknown") ?? 0;
    await assert.rejects(model.complete(ask("unknown")), (error: unknown) => {
      assert.ok(error instanceof CacheMissError);
      assert.ok(error instanceof ModelCallError);
      assert.equal(error.retryable, false);
      assert.match(error.message, /stage answerInventory/);
      assert.match(error.message, /item item:unknown/);
      return true;
    });
    assert.equal(hits.get("unknown") ?? 0, before, "a read-only miss never calls the model");
    reader.close();
    assert.throws(() => openCache({ path: join(directory, "absent.sqlite"), mode: "read-only" }), /does not exist/);
  });

  test("off mode always calls the model and stores nothing", async () => {
    const cache = openCache({ path: join(directory, "off.sqlite"), mode: "off" });
    const model = withCache(adapter(), cache);
    await model.complete(ask("uncached"));
    const again = await model.complete(ask("uncached"));
    assert.equal(again.cached, false);
    assert.equal(hits.get("uncached"), 2);
    assert.equal(existsSync(join(directory, "off.sqlite")), false);
  });

  test("the API key never reaches the cache file", async () => {
    const path = join(directory, "secret.sqlite");
    const cache = openCache({ path });
    const model = withCache(adapter(), cache);
    for (let index = 0; index < 5; index += 1) await model.complete(ask(`secret probe ${index}`));
    cache.close();
    const bytes = Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)));
    assert.ok(bytes.includes(Buffer.from("secret probe 3")), "the file holds the requests (so the grep can find text)");
    assert.equal(bytes.includes(Buffer.from(SECRET)), false);
    assert.equal(bytes.includes(Buffer.from("9f8e7d6c5b4a")), false);
  });

  test("a cached run needs no API key", async () => {
    const path = join(directory, "nokey.sqlite");
    const writer = openCache({ path });
    await withCache(adapter(), writer).complete(ask("paid once"));
    writer.close();
    const cache = openCache({ path });
    const unconfigured = createAdapter("openai", { env: {}, envFile: join(directory, "no.env") });
    const model = withCache(unconfigured, cache);
    assert.equal((await model.complete(ask("paid once"))).cached, true);
    await assert.rejects(model.complete(ask("never paid")), /OPENAI_API_KEY/);
    cache.close();
  });

  test("another connection's writes are visible after the read window; with window 0 at once", async () => {
    const path = join(directory, "window.sqlite");
    const completion = {
      provider: "openai" as const,
      model: "gpt-4o-mini",
      text: "w",
      usage: { inputTokens: 1, outputTokens: 1 },
      raw: {},
      latencyMs: 1,
      createdAt: new Date().toISOString(),
      cached: false,
      warnings: [],
    };
    const writer = openCache({ path });
    const windowed = openCache({ path, readWindowMs: 200 });
    const immediate = openCache({ path, readWindowMs: 0 });
    assert.equal(windowed.get("w1"), undefined);
    assert.equal(immediate.get("w1"), undefined);
    writer.put("w1", ask("w"), completion);
    assert.ok(immediate.get("w1"), "window 0 sees the write at once");
    assert.equal(windowed.get("w1"), undefined, "inside the window the snapshot is kept");
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(windowed.get("w1"), "after the window the write is visible");
    for (const cache of [writer, windowed, immediate]) cache.close();
  });

  test("a tampered entry fails zod validation on read", () => {
    const path = join(directory, "tampered.sqlite");
    const cache = openCache({ path });
    cache.put("k1", ask("x"), {
      provider: "openai",
      model: "gpt-4o-mini",
      text: "x",
      usage: { inputTokens: 1, outputTokens: 1 },
      raw: {},
      latencyMs: 1,
      createdAt: new Date().toISOString(),
      cached: false,
      warnings: [],
    });
    const raw = new Database(path);
    raw.prepare("UPDATE answers SET input_tokens = 'many' WHERE key = CAST('k1' AS BLOB)").run();
    raw.close();
    assert.throws(() => cache.get("k1"), /malformed/);
    cache.close();
  });
});

describe("reading rows back", () => {
  const completion = (text: string) => ({
    provider: "anthropic" as const,
    model: "claude-x",
    text,
    usage: { inputTokens: 12, outputTokens: 3 },
    finishReason: "end_turn",
    logprobs: [{ token: "4", logprob: -0.25, top: [{ token: "4", logprob: -0.25 }, { token: "5", logprob: -1.5 }] }],
    raw: { id: `msg-${text}`, content: [{ type: "text", text }], nested: { list: [1, null, "x"] } },
    latencyMs: 12.5,
    createdAt: "2026-01-02T03:04:05.000Z",
    cached: false,
    warnings: ["logprobs unsupported by anthropic"],
  });
  const request = (text: string): ModelRequest => ({
    provider: "anthropic",
    model: "claude-x",
    messages: [{ role: "user", content: text }],
    metadata: { stage: "rows", itemId: text },
  });

  test("get and getMany give back every field as stored, marked cached", () => {
    const directory = mkdtempSync(join(tmpdir(), "llm-cache-rows-"));
    try {
      const cache = openCache({ path: join(directory, "rows.sqlite") });
      cache.put("a", request("a"), completion("a"));
      const { finishReason: _finish, logprobs: _logprobs, ...bare } = completion("b");
      cache.putMany([{ key: "b", request: request("b"), completion: { ...bare, warnings: [] } }]);
      const expectedA = { ...completion("a"), cached: true };
      assert.deepEqual(cache.get("a"), expectedA);
      const [a, missing, b] = cache.getMany(["a", "nope", "b"]);
      assert.deepEqual(a, expectedA);
      assert.equal(missing, undefined);
      assert.deepEqual(b, { ...bare, cached: true, warnings: [] });
      assert.equal("finishReason" in b!, false, "absent optional fields stay absent");
      assert.equal("logprobs" in b!, false);
      cache.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test("each kind of damaged column fails validation on read, naming the column", () => {
    const directory = mkdtempSync(join(tmpdir(), "llm-cache-damaged-"));
    try {
      const path = join(directory, "damaged.sqlite");
      const damages: Array<[string, string]> = [
        ["provider = 'acme'", "provider"],
        ["response_model = X'41'", "response_model"],
        ["output_tokens = -1", "output_tokens"],
        ["input_tokens = 1.5", "input_tokens"],
        ["latency_ms = -3", "latency_ms"],
        ["raw = X'00'", "raw"],
        ["warnings_json = '[1]'", "warnings_json"],
        ["logprobs_json = '[{\"token\": 1}]'", "logprobs_json"],
        ["finish_reason = X'41'", "finish_reason"],
      ];
      const writer = openCache({ path });
      damages.forEach((_, index) => writer.put(`k${index}`, request(`d${index}`), completion(`d${index}`)));
      writer.put("good", request("good"), completion("good"));
      writer.close();
      const raw = new Database(path);
      damages.forEach(([change], index) => raw.prepare(`UPDATE answers SET ${change} WHERE key = ?`).run(Buffer.from(`k${index}`)));
      raw.close();
      const cache = openCache({ path });
      damages.forEach(([, column], index) => {
        const pattern = new RegExp(`entry k${index} is malformed: ${column}`);
        // The raw body is decoded when first read, so reading it is part of reading the row.
        assert.throws(() => cache.get(`k${index}`)?.raw, pattern);
        assert.throws(() => cache.getMany(["good", `k${index}`]).map((hit) => hit?.raw), pattern);
      });
      assert.equal(cache.get("good")?.text, "good", "a damaged row does not spoil the others");
      cache.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test("puts between gets are visible at once and keep the WAL file small", () => {
    const directory = mkdtempSync(join(tmpdir(), "llm-cache-wal-"));
    try {
      const path = join(directory, "wal.sqlite");
      const cache = openCache({ path });
      for (let index = 0; index < 3000; index += 1) {
        assert.equal(cache.get(`w${index}`), undefined);
        cache.put(`w${index}`, request(`w${index}`), completion(`w${index}`));
        assert.equal(cache.get(`w${index}`)?.text, `w${index}`, "a put is seen by the next get");
      }
      // SQLite checkpoints the WAL back into the file every ~1000 pages; that only works when no
      // read transaction of this process is open across the commit, else the WAL keeps growing.
      const walBytes = statSync(`${path}-wal`).size;
      assert.ok(walBytes < 8 * 1024 * 1024, `WAL is ${walBytes} bytes`);
      cache.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("two processes writing at once", () => {
  test("1000 entries from two writers are all readable and the file is intact", async () => {
    const directory = mkdtempSync(join(tmpdir(), "llm-cache-two-"));
    try {
      const path = join(directory, "shared.sqlite");
      const writer = join(process.cwd(), "test", "llm", "cache-writer.ts");
      const run = (prefix: string) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ["--import", "tsx", writer, path, prefix, "500"], { stdio: ["ignore", "ignore", "pipe"] });
          let errors = "";
          child.stderr.on("data", (chunk) => (errors += chunk));
          child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer ${prefix} exited ${code}: ${errors}`))));
        });
      await Promise.all([run("alpha"), run("beta")]);
      const cache = openCache({ path });
      assert.equal(cache.count(), 1000);
      for (const prefix of ["alpha", "beta"]) {
        for (let index = 0; index < 500; index += 1) assert.equal(cache.get(`${prefix}-${index}`)?.text, `${prefix}:${index}`);
      }
      cache.close();
      const raw = new Database(path, { readonly: true });
      assert.equal(raw.pragma("integrity_check", { simple: true }), "ok");
      assert.equal(raw.pragma("journal_mode", { simple: true }), "wal");
      raw.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
