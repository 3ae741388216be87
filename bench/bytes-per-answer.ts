/**
 * Bytes per inventory answer on disk, on rows written from real provider responses: answer-statement requests
 * (the paper's Figure 13 prompt, one persona description of typical length per persona, every statement of
 * the inventories) sent through the real OpenAI adapter to the loopback OpenAI server (whose response bodies
 * have the shape and size of the API's), into a fresh cache. The raw response body is kept in the cache.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createOpenAiAdapter } from "../lib/llm/adapters/openai-adapter";
import { cacheKey } from "../lib/llm/cache/cache-key";
import { withCache } from "../lib/llm/cache/cached-adapter";
import { openCache } from "../lib/llm/cache/response-cache";
import { runRequests } from "../lib/llm/runner/run-requests";
import type { ModelRequest } from "../lib/llm/types";
import { renderPrompt } from "../lib/prompts/render-prompt";
import { createRandom } from "../lib/random";
import { startOpenAiServer } from "../test/support/openai-server";

const WORDS = "calm anxious friendly organised careful curious honest patient direct shy talkative warm critical quiet creative practical".split(" ");

/** A made-up trait description of the paper's typical length (~280 words), different for every persona. */
function description(persona: number): string {
  const random = createRandom(persona + 1).next;
  const sentences: string[] = [];
  for (let index = 0; index < 28; index += 1) {
    const words = Array.from({ length: 8 }, () => WORDS[Math.floor(random() * WORDS.length)]);
    sentences.push(`The person is ${words.join(" and ")}.`);
  }
  return sentences.join(" ");
}

export async function measureBytesPerAnswer(personas: number, statements: readonly string[]): Promise<{ bytesPerAnswer: number; answers: number; rawKept: boolean }> {
  const directory = mkdtempSync(join(tmpdir(), "bench-bytes-"));
  const server = await startOpenAiServer({ responder: () => ({ text: "4", inputTokens: 420, outputTokens: 1 }) });
  try {
    const path = join(directory, "cache.sqlite");
    const cache = openCache({ path });
    const model = withCache(createOpenAiAdapter({ connection: { apiKey: "bench-not-a-secret", baseURL: server.baseURL } }), cache);
    const requests: ModelRequest[] = [];
    for (let persona = 0; persona < personas; persona += 1) {
      const text = description(persona);
      statements.forEach((statement, item) => {
        const rendered = renderPrompt("answer-statement", { description: text, statement });
        requests.push({
          provider: "openai",
          model: "gpt-4o-mini",
          messages: rendered.messages,
          temperature: 0,
          metadata: { prompt: rendered.prompt, stage: "answerInventory", itemId: `bench:${persona}/item#${item + 1}` },
        });
      });
    }
    const { summary } = await runRequests(requests, { model, concurrency: 16, progress: false });
    if (summary.done !== requests.length) throw new Error(`bytes bench: ${summary.done} of ${requests.length} answered`);
    const sample = cache.entry(cacheKey(requests[0]));
    const rawKept = typeof sample?.completion.raw === "object" && sample.completion.raw !== null;
    if (JSON.stringify(sample?.request) !== JSON.stringify(requests[0])) throw new Error("bytes bench: the stored request differs from the one sent");
    cache.close();
    const db = new Database(path);
    db.pragma("wal_checkpoint(TRUNCATE)");
    const bytes = (db.pragma("page_count", { simple: true }) as number) * (db.pragma("page_size", { simple: true }) as number);
    db.close();
    return { bytesPerAnswer: bytes / requests.length, answers: requests.length, rawKept };
  } finally {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
