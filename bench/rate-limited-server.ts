/**
 * A minimal OpenAI-compatible chat completions server for the LLM benchmark: it enforces a requests/min
 * limit the way providers describe theirs (a token bucket refilled continuously, holding one second's
 * worth, so a whole minute's quota cannot arrive in one burst), answers 429 with Retry-After beyond it,
 * and adds a random latency to every accepted request. Answers echo the last user message so the client
 * can check that every answer belongs to its request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRandom } from "../lib/random/index";
import { TokenBucket } from "../lib/llm/runner/token-bucket";

export interface RateLimitedServerOptions {
  limitRpm: number;
  minLatencyMs: number;
  maxLatencyMs: number;
  seed?: number;
}

export interface RateLimitedServer {
  baseURL: string;
  /** Requests answered 200. */
  accepted(): number;
  /** Requests answered 429. */
  rejected(): number;
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

export async function startRateLimitedServer(options: RateLimitedServerOptions): Promise<RateLimitedServer> {
  const bucket = new TokenBucket({ perMinute: options.limitRpm });
  const random = createRandom(options.seed ?? 7).next;
  let accepted = 0;
  let rejected = 0;
  let sequence = 0;

  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
        send(response, 404, { error: { message: `no route ${request.method} ${request.url}`, type: "invalid_request_error" } });
        return;
      }
      const body = await readJson(request);
      if (!bucket.tryTake(1)) {
        rejected += 1;
        const waitMs = Math.max(1, Math.ceil(bucket.waitTime(1)));
        send(response, 429, { error: { message: "Rate limit reached for requests", type: "requests", code: "rate_limit_exceeded" } }, {
          "retry-after": String(Math.ceil(waitMs / 1000)),
          "retry-after-ms": String(waitMs),
        });
        return;
      }
      accepted += 1;
      const latency = options.minLatencyMs + random() * (options.maxLatencyMs - options.minLatencyMs);
      await new Promise((resolve) => setTimeout(resolve, latency));
      const messages: Array<{ role: string; content: string }> = body.messages ?? [];
      const lastUser = [...messages].reverse().find((message) => message.role === "user")?.content ?? "";
      const text = `echo: ${lastUser}`;
      const inputTokens = Math.ceil(messages.reduce((total, message) => total + message.content.length, 0) / 4);
      const outputTokens = Math.ceil(text.length / 4);
      sequence += 1;
      send(response, 200, {
        id: `chatcmpl-bench-${sequence}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" }],
        usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
      });
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: { message: String(error), type: "server_error" } });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    accepted: () => accepted,
    rejected: () => rejected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
