import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import { cacheKey } from "../../lib/llm/cache/cache-key";
import { CACHE_SCHEMA_VERSION } from "../../lib/llm/cache/cache-schema";
import { requestFromSkeleton, splitSegments } from "../../lib/llm/cache/compact-request";
import { openCache } from "../../lib/llm/cache/response-cache";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";
import { extractPersonas } from "../../lib/pipeline/stages/extract-personas";
import { describeTraits } from "../../lib/pipeline/stages/describe-traits";
import { answerInventory } from "../../lib/pipeline/stages/answer-inventory";
import { projectRoot } from "../../lib/paths";
import type { ModelRequest } from "../../lib/llm/types";
import { madeUpDialogues, tinyInventories } from "../pipeline/helpers";

const FIXTURE = join(projectRoot(), "test", "fixtures", "cache", "v0-cache.sqlite");
const temporary = mkdtempSync(join(tmpdir(), "cache-migration-"));
after(() => rmSync(temporary, { recursive: true, force: true }));

interface LegacyRow {
  key: string;
  text: string;
  input_tokens: number;
  output_tokens: number;
  finish_reason: string | null;
  raw_json: string;
  created_at: string;
  request_json: string;
  billing: string;
}

function legacyRows(): LegacyRow[] {
  const db = new Database(FIXTURE, { readonly: true });
  const rows = db.prepare("SELECT * FROM responses ORDER BY key").all() as LegacyRow[];
  db.close();
  return rows;
}

function fixtureCopy(name: string): string {
  const path = join(temporary, name);
  copyFileSync(FIXTURE, path);
  return path;
}

describe("a cache written before the compact format (test/fixtures/cache/v0-cache.sqlite)", () => {
  const rows = legacyRows();

  test("the fixture is a format-0 file with answers from the loopback OpenAI server and the sim", () => {
    assert.ok(rows.length >= 60);
    assert.ok(rows.some((row) => JSON.parse(row.request_json).provider === "openai"));
    assert.ok(rows.some((row) => JSON.parse(row.request_json).provider === "sim"));
    // Every legacy key is the sha256 of its request: the key function did not change. The one intended exception
    // (issue 22, SIM_VERSION 3): a sim request that carried the simulator's side channel (metadata.context) no
    // longer hashes it; every other request, a real provider's above all, keeps its exact key.
    const hadContext = (row: LegacyRow) => JSON.parse(row.request_json).provider === "sim" && JSON.parse(row.request_json).metadata?.context !== undefined;
    for (const row of rows.filter((candidate) => !hadContext(candidate))) assert.equal(cacheKey(JSON.parse(row.request_json) as ModelRequest), row.key);
    for (const row of rows.filter(hadContext)) assert.notEqual(cacheKey(JSON.parse(row.request_json) as ModelRequest), row.key);
    assert.ok(rows.filter((row) => !hadContext(row) && JSON.parse(row.request_json).provider === "openai").length > 0);
  });

  test("read-only mode reads it as it is, without migrating", () => {
    const path = fixtureCopy("read-only.sqlite");
    const cache = openCache({ path, mode: "read-only" });
    assert.equal(cache.schemaVersion, 0);
    assert.equal(cache.count(), rows.length);
    for (const row of rows) {
      const entry = cache.entry(row.key)!;
      assert.equal(entry.completion.text, row.text);
      assert.deepEqual(entry.completion.raw, JSON.parse(row.raw_json));
      assert.deepEqual(entry.request, JSON.parse(row.request_json));
    }
    cache.close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma("user_version", { simple: true }), 0);
    db.close();
  });

  test("read-write mode migrates it once, with a message, and every answer and request comes back the same", () => {
    const path = fixtureCopy("migrated.sqlite");
    const messages: string[] = [];
    const cache = openCache({ path, log: (line) => messages.push(line) });
    assert.equal(messages.length, 1);
    assert.match(messages[0], new RegExp(`migrated ${rows.length} answers to the compact format \\(schema ${CACHE_SCHEMA_VERSION}\\)`));
    assert.equal(cache.schemaVersion, CACHE_SCHEMA_VERSION);
    assert.equal(cache.count(), rows.length);
    for (const row of rows) {
      const entry = cache.entry(row.key)!;
      assert.equal(entry.completion.text, row.text);
      assert.deepEqual(entry.completion.usage, { inputTokens: row.input_tokens, outputTokens: row.output_tokens });
      assert.equal(entry.completion.finishReason ?? null, row.finish_reason);
      assert.equal(entry.completion.createdAt, row.created_at);
      assert.equal(JSON.stringify(entry.completion.raw), row.raw_json, "the raw body is kept exactly");
      assert.equal(JSON.stringify(entry.request), row.request_json, "the exact request is recoverable");
      assert.equal(entry.billing, row.billing);
    }
    cache.close();
    const again: string[] = [];
    openCache({ path, log: (line) => again.push(line) }).close();
    assert.deepEqual(again, [], "migrated once");
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma("user_version", { simple: true }), CACHE_SCHEMA_VERSION);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'responses'").pluck().get(), 0);
    db.close();
  });

  test("the migrated file replays the OpenAI stages in read-only mode with the same answers and no call", async () => {
    const path = fixtureCopy("replay.sqlite");
    openCache({ path, log: () => {} }).close();
    const context = createPipelineContext({
      model: { provider: "openai", model: "gpt-4o-mini" },
      adapter: {
        provider: "openai",
        complete: async () => {
          throw new Error("the model was called: the replay missed the cache");
        },
      },
      cachePath: path,
      cacheMode: "read-only",
      limits: false,
    });
    try {
      const cards = await extractPersonas(madeUpDialogues().slice(0, 2), { context, progress: false });
      const described = await describeTraits(cards.rows, { context, progress: false });
      const answered = await answerInventory(described.rows, { context, progress: false, inventories: tinyInventories() });
      const summary = context.ledger.totals();
      assert.equal(summary.failedCalls, 0);
      assert.equal(summary.paidCalls, 0);
      // Some requests repeat across personas and stages; each is answered from the cache.
      assert.ok(summary.cachedCalls >= rows.filter((row) => JSON.parse(row.request_json).provider === "openai").length);
      assert.ok(answered.rows.length > 0);
    } finally {
      context.close();
    }
  });
});

describe("compact requests", () => {
  test("segments split after newlines and after ': ', and join back to the exact text", () => {
    assert.deepEqual(splitSegments("The personality description: kind\nThe statement: I lie."), ["The personality description: ", "kind\n", "The statement: ", "I lie."]);
    for (const text of ["", "\n", "a:b", ": ", "x\n\ny: z\n", "emoji 😀: yes"]) assert.equal(splitSegments(text).join(""), text);
  });

  test("a request survives the skeleton round trip", () => {
    const request: ModelRequest = {
      provider: "openai",
      model: "m",
      messages: [
        { role: "system", content: "You: are\nhelpful" },
        { role: "user", content: "" },
      ],
      temperature: 0,
      metadata: { itemId: "x", stage: "s", sampleIndex: 1 },
    };
    const texts: string[] = [];
    const skeleton = JSON.stringify({
      ...request,
      messages: request.messages.map((message) => ({ ...message, content: splitSegments(message.content).map((segment) => texts.push(segment) - 1) })),
    });
    assert.equal(JSON.stringify(requestFromSkeleton(skeleton, (id) => texts[id])), JSON.stringify(request));
  });
});

describe("delta codec", () => {
  test("texts come back exactly from their difference to the dictionary, and similar texts are short", async () => {
    const { decodeDelta, deltaDictionary, encodeDelta } = await import("../../lib/llm/cache/delta-codec");
    const base = '{"id":"chatcmpl-loopback-5","object":"chat.completion","created":1796084845,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"4"}}]}';
    const dictionary = deltaDictionary(base);
    const similar = base.replace("loopback-5", "loopback-1234").replace('"4"', '"2"').replace("1796084845", "1796084999");
    for (const text of [base, similar, "", "short", "😀 unicode ✓ " + base, base + base]) assert.equal(decodeDelta(base, encodeDelta(dictionary, text)), text);
    assert.ok(encodeDelta(dictionary, similar).length < 60, encodeDelta(dictionary, similar));
  });
});
