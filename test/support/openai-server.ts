/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI wire format (chat completions, files,
 * batches), for tests that point the real `openai` SDK at it with `baseURL`. A responder decides each
 * model answer, so tests can script answers per prompt and inject faults. Also exports the pieces the
 * Anthropic server shares (responder types, fault handling, request recording).
 */
import { createServer } from "node:http";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One model call as the server saw it: a live request or one line of a batch. */
export interface ModelCall {
  /** The chat completion (OpenAI) or message (Anthropic) request body. */
  body: any;
  /** Every message's text (and Anthropic's system text) joined by newlines: handy for matching prompts. */
  promptText: string;
  via: "http" | "batch";
  /** The batch line's custom_id when via is "batch". */
  customId?: string;
  /** 0-based count of model calls this server has answered so far (live and batch). */
  index: number;
}

export type Fault =
  /** 429 with Retry-After (seconds or an HTTP date) and/or retry-after-ms. */
  | { fault: "rate-limit"; retryAfter?: string; retryAfterMs?: number }
  /** A 5xx (default 500) with an error body. */
  | { fault: "server-error"; status?: number; message?: string }
  /** The socket is destroyed without a response (connection reset). */
  | { fault: "drop" }
  /** 200 with a truncated, unparseable JSON body. */
  | { fault: "malformed" }
  /** Waits, then answers with `then` (default: the default reply). */
  | { fault: "slow"; delayMs: number; then?: Reply };

export interface TextReply {
  text: string;
  inputTokens?: number;
  outputTokens?: number;
  model?: string;
  finishReason?: string;
  /** OpenAI only: explicit logprobs; otherwise they are made up from the text when requested. */
  logprobs?: Array<{ token: string; logprob: number; top: Array<{ token: string; logprob: number }> }>;
}

export interface RawReply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string. */
  body: unknown;
}

/** A reply text, a text with details, an exact HTTP response, or a fault. */
export type Reply = string | TextReply | RawReply | Fault;

export type Responder = (call: ModelCall) => Reply | Promise<Reply>;

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body as received (multipart uploads included). */
  bodyText: string;
  /** The parsed JSON body, when it was JSON. */
  body: unknown;
  receivedAt: number;
}

export interface LoopbackServerOptions {
  /** Decides each model answer; default: "echo: <last user message>". */
  responder?: Responder;
  /** Added before every response (ms). */
  latencyMs?: number;
  /** How many status polls a batch answers "in progress" before it completes; default 1. */
  batchPollsUntilDone?: number;
  /**
   * Sees every HTTP request before routing (files, batch polls, results downloads too) and may
   * answer it with a fault instead, e.g. a 500 on the second batch poll. Undefined: route normally.
   */
  intercept?: (request: ReceivedRequest) => Fault | undefined | Promise<Fault | undefined>;
  /**
   * OpenAI Batch only: checks a batch's input lines as the API's validation step does; errors returned make the
   * batch "failed" with them in `errors.data` (code, message, 1-based line), as the API documents.
   */
  batchValidation?: (lines: Array<{ custom_id: string; body: any }>) => Array<{ code: string; message: string; line: number }> | undefined;
}

export interface LoopbackServer {
  /** What to pass to the SDK as baseURL (OpenAI: ends in /v1; Anthropic: the bare origin). */
  baseURL: string;
  origin: string;
  /** Every HTTP request received, in order. */
  requests: ReceivedRequest[];
  /** Every model call answered (live and batch lines), in order. */
  calls: ModelCall[];
  close(): Promise<void>;
}

export function defaultReply(call: ModelCall): string {
  const messages: Array<{ role: string; content: unknown }> = call.body?.messages ?? [];
  const lastUser = [...messages].reverse().find((message) => message.role === "user");
  return `echo: ${typeof lastUser?.content === "string" ? lastUser.content : JSON.stringify(lastUser?.content ?? "")}`;
}

export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function isFault(reply: Reply): reply is Fault {
  return typeof reply === "object" && "fault" in reply;
}

export function isRawReply(reply: Reply): reply is RawReply {
  return typeof reply === "object" && "status" in reply && "body" in reply;
}

export function asTextReply(reply: string | TextReply): TextReply {
  return typeof reply === "string" ? { text: reply } : reply;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves slow faults (waiting) until the reply is text, raw, or an immediate fault. */
export async function settleReply(reply: Reply, call: ModelCall): Promise<Exclude<Reply, { fault: "slow" }>> {
  let current = reply;
  while (isFault(current) && current.fault === "slow") {
    await sleep(current.delayMs);
    current = current.then ?? defaultReply(call);
  }
  return current as Exclude<Reply, { fault: "slow" }>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts a node:http server on 127.0.0.1, port 0, recording every request and passing it to route.
 * Exceptions in route become 500s so a test bug shows up as an error response, not a hang.
 */
export async function startLoopback(
  route: (request: IncomingMessage, response: ServerResponse, received: ReceivedRequest, raw: Buffer) => Promise<void>,
  requests: ReceivedRequest[],
  latencyMs = 0,
  intercept?: LoopbackServerOptions["intercept"],
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const bodyText = raw.toString("utf8");
      let body: unknown;
      if ((request.headers["content-type"] ?? "").includes("json") && bodyText.length > 0) {
        try {
          body = JSON.parse(bodyText);
        } catch {
          body = undefined;
        }
      }
      const received: ReceivedRequest = {
        method: request.method ?? "GET",
        path: (request.url ?? "/").split("?")[0],
        headers: request.headers,
        bodyText,
        body,
        receivedAt: Date.now(),
      };
      requests.push(received);
      if (latencyMs > 0) await sleep(latencyMs);
      let fault = intercept ? await intercept(received) : undefined;
      while (fault?.fault === "slow") {
        await sleep(fault.delayMs);
        fault = fault.then !== undefined && isFault(fault.then) ? fault.then : undefined;
      }
      if (fault) return sendFault(response, fault);
      await route(request, response, received, raw);
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: `loopback server bug: ${String(error)}`, type: "server_error" } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Retry-After headers of a rate-limit fault (seconds or an HTTP date, and retry-after-ms). */
export function retryHeaders(fault: Extract<Fault, { fault: "rate-limit" }>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
  if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs);
  return headers;
}

/** Records each model call (live or batch line) in `calls`, numbered in the order the server answers them. */
export function callRecorder(calls: ModelCall[]): (body: unknown, via: ModelCall["via"], customId?: string) => ModelCall {
  return (body, via, customId) => {
    const call: ModelCall = { body, promptText: promptTextOf(body), via, customId, index: calls.length };
    calls.push(call);
    return call;
  };
}

/** Answers with an immediate fault; the error body has both providers' shapes' essentials. */
export function sendFault(response: ServerResponse, fault: Exclude<Fault, { fault: "slow" }>): void {
  const errorBody = (_status: number, type: string, message: string) => ({ type: "error", error: { type, message, code: null, param: null } });
  switch (fault.fault) {
    case "rate-limit": {
      return sendJson(response, 429, errorBody(429, "rate_limit_error", "Rate limited (loopback)"), retryHeaders(fault));
    }
    case "server-error": {
      const status = fault.status ?? 500;
      return sendJson(response, status, errorBody(status, "api_error", fault.message ?? "internal error (loopback)"));
    }
    case "drop":
      response.socket?.destroy();
      return;
    case "malformed":
      return sendJson(response, 200, '{"id":"broken","obj');
  }
}

/** Joins chat message texts (string or content-part arrays) and an Anthropic system prompt. */
export function promptTextOf(body: any): string {
  const parts: string[] = [];
  const flatten = (content: unknown): string =>
    typeof content === "string"
      ? content
      : Array.isArray(content)
        ? content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("")
        : "";
  if (body?.system !== undefined) parts.push(flatten(body.system));
  for (const message of body?.messages ?? []) parts.push(flatten(message.content));
  return parts.join("\n");
}

// ---- OpenAI wire format ----

function openAiError(status: number, message: string, type: string): unknown {
  return { error: { message, type, param: null, code: null } };
}

function madeUpLogprobs(text: string, top: number): TextReply["logprobs"] {
  const tokens = text.match(/\s*\S+|\s+/g) ?? [];
  return tokens.map((token, position) => ({
    token,
    logprob: -0.01 * (position + 1),
    top: [{ token, logprob: -0.01 * (position + 1) }, ...Array.from({ length: Math.max(0, top - 1) }, (_, k) => ({ token: `alt${k + 1}`, logprob: -2 - k }))],
  }));
}

export function openAiCompletionBody(call: ModelCall, reply: TextReply, sequence: number): unknown {
  const requested = call.body ?? {};
  const logprobs = requested.logprobs
    ? {
        content: (reply.logprobs ?? madeUpLogprobs(reply.text, requested.top_logprobs ?? 0) ?? []).map((entry) => ({
          token: entry.token,
          logprob: entry.logprob,
          bytes: [...Buffer.from(entry.token)],
          top_logprobs: entry.top.map((alternative) => ({ ...alternative, bytes: [...Buffer.from(alternative.token)] })),
        })),
        refusal: null,
      }
    : null;
  const inputTokens = reply.inputTokens ?? estimateTokens(call.promptText);
  const outputTokens = reply.outputTokens ?? estimateTokens(reply.text);
  return {
    id: `chatcmpl-loopback-${sequence}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? requested.model ?? "unknown",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: reply.text, refusal: null, annotations: [] },
        logprobs,
        finish_reason: reply.finishReason ?? "stop",
      },
    ],
    usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
    system_fingerprint: "fp_loopback",
  };
}

interface StoredFile {
  id: string;
  purpose: string;
  filename: string;
  content: string;
  createdAt: number;
}

interface OpenAiBatch {
  id: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  createdAt: number;
  polls: number;
  status: "validating" | "in_progress" | "completed" | "failed";
  validationErrors?: Array<{ code: string; message: string; line: number }>;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { total: number; completed: number; failed: number };
  metadata: unknown;
}

export async function startOpenAiServer(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
  const responder = options.responder ?? defaultReply;
  const pollsUntilDone = options.batchPollsUntilDone ?? 1;
  const requests: ReceivedRequest[] = [];
  const calls: ModelCall[] = [];
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, OpenAiBatch>();
  let sequence = 0;

  const newCall = callRecorder(calls);

  async function chat(response: ServerResponse, received: ReceivedRequest): Promise<void> {
    if (received.body === undefined) {
      sendJson(response, 400, openAiError(400, "request body is not JSON", "invalid_request_error"));
      return;
    }
    const call = newCall(received.body, "http");
    const reply = await settleReply(await responder(call), call);
    if (isFault(reply)) {
      switch (reply.fault) {
        case "rate-limit":
          sendJson(response, 429, openAiError(429, "Rate limit reached (loopback)", "rate_limit_error"), retryHeaders(reply));
          return;
        case "server-error":
          sendJson(response, reply.status ?? 500, openAiError(reply.status ?? 500, reply.message ?? "internal error (loopback)", "server_error"));
          return;
        case "drop":
          response.socket?.destroy();
          return;
        case "malformed":
          sendJson(response, 200, '{"id":"chatcmpl-broken","object":"chat.completion","choi');
          return;
      }
    }
    if (isRawReply(reply)) {
      sendJson(response, reply.status, reply.body, reply.headers);
      return;
    }
    sendJson(response, 200, openAiCompletionBody(call, asTextReply(reply), ++sequence), { "x-request-id": `req_loopback_${sequence}` });
  }

  async function upload(response: ServerResponse, request: IncomingMessage, raw: Buffer): Promise<void> {
    const form = await new Request("http://loopback/upload", {
      method: "POST",
      headers: { "content-type": request.headers["content-type"] ?? "" },
      body: new Uint8Array(raw),
    }).formData();
    const file = form.get("file");
    if (!file || typeof file === "string") {
      sendJson(response, 400, openAiError(400, "missing file part", "invalid_request_error"));
      return;
    }
    const stored: StoredFile = {
      id: `file-loopback-${files.size + 1}`,
      purpose: String(form.get("purpose") ?? ""),
      filename: (file as File).name || "upload.jsonl",
      content: await (file as Blob).text(),
      createdAt: Math.floor(Date.now() / 1000),
    };
    files.set(stored.id, stored);
    sendJson(response, 200, fileObject(stored));
  }

  function fileObject(file: StoredFile): unknown {
    return {
      id: file.id,
      object: "file",
      bytes: Buffer.byteLength(file.content),
      created_at: file.createdAt,
      filename: file.filename,
      purpose: file.purpose,
      status: "processed",
    };
  }

  function storeFile(purpose: string, content: string): StoredFile {
    const file: StoredFile = { id: `file-loopback-${files.size + 1}`, purpose, filename: `${purpose}.jsonl`, content, createdAt: Math.floor(Date.now() / 1000) };
    files.set(file.id, file);
    return file;
  }

  function batchObject(batch: OpenAiBatch): unknown {
    return {
      id: batch.id,
      object: "batch",
      endpoint: batch.endpoint,
      errors: batch.validationErrors ? { object: "list", data: batch.validationErrors.map((error) => ({ ...error, param: null })) } : null,
      input_file_id: batch.inputFileId,
      completion_window: batch.completionWindow,
      status: batch.status,
      output_file_id: batch.outputFileId,
      error_file_id: batch.errorFileId,
      created_at: batch.createdAt,
      in_progress_at: batch.status === "validating" ? null : batch.createdAt,
      expires_at: batch.createdAt + 86400,
      completed_at: batch.status === "completed" ? Math.floor(Date.now() / 1000) : null,
      failed_at: batch.status === "failed" ? batch.createdAt : null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: batch.counts,
      metadata: batch.metadata ?? null,
    };
  }

  async function runBatch(batch: OpenAiBatch): Promise<void> {
    const input = files.get(batch.inputFileId)?.content ?? "";
    const outputLines: string[] = [];
    const errorLines: string[] = [];
    for (const line of input.split("\n").filter((text) => text.trim() !== "")) {
      const item = JSON.parse(line) as { custom_id: string; body: unknown };
      const call = newCall(item.body, "batch", item.custom_id);
      const reply = await settleReply(await responder(call), call);
      const id = `batch_req_${calls.length}`;
      if (isFault(reply) || (isRawReply(reply) && reply.status >= 400)) {
        const status = isRawReply(reply) ? reply.status : reply.fault === "rate-limit" ? 429 : reply.fault === "server-error" ? (reply.status ?? 500) : 500;
        const body = isRawReply(reply) ? reply.body : openAiError(status, `batch item failed (${reply.fault})`, "server_error");
        errorLines.push(JSON.stringify({ id, custom_id: item.custom_id, response: { status_code: status, request_id: id, body }, error: null }));
        batch.counts.failed += 1;
      } else {
        const body = isRawReply(reply) ? reply.body : openAiCompletionBody(call, asTextReply(reply), ++sequence);
        outputLines.push(JSON.stringify({ id, custom_id: item.custom_id, response: { status_code: 200, request_id: id, body }, error: null }));
        batch.counts.completed += 1;
      }
    }
    if (outputLines.length > 0) batch.outputFileId = storeFile("batch_output", outputLines.join("\n") + "\n").id;
    if (errorLines.length > 0) batch.errorFileId = storeFile("batch_output", errorLines.join("\n") + "\n").id;
    batch.status = "completed";
  }

  const server = await startLoopback(
    async (request, response, received, raw) => {
      const { method, path } = received;
      let match: RegExpMatchArray | null;
      if (method === "POST" && path === "/v1/chat/completions") return chat(response, received);
      if (method === "POST" && path === "/v1/files") return upload(response, request, raw);
      if (method === "GET" && (match = path.match(/^\/v1\/files\/([^/]+)\/content$/))) {
        const file = files.get(decodeURIComponent(match[1]));
        if (!file) return sendJson(response, 404, openAiError(404, "no such file", "invalid_request_error"));
        response.writeHead(200, { "content-type": "application/octet-stream", "content-length": Buffer.byteLength(file.content) });
        response.end(file.content);
        return;
      }
      if (method === "GET" && (match = path.match(/^\/v1\/files\/([^/]+)$/))) {
        const file = files.get(decodeURIComponent(match[1]));
        return file ? sendJson(response, 200, fileObject(file)) : sendJson(response, 404, openAiError(404, "no such file", "invalid_request_error"));
      }
      if (method === "POST" && path === "/v1/batches") {
        const body = received.body as { input_file_id?: string; endpoint?: string; completion_window?: string; metadata?: unknown } | undefined;
        const input = body?.input_file_id ? files.get(body.input_file_id) : undefined;
        if (!input) return sendJson(response, 400, openAiError(400, "input_file_id not found", "invalid_request_error"));
        const total = input.content.split("\n").filter((text) => text.trim() !== "").length;
        const batch: OpenAiBatch = {
          id: `batch_loopback_${batches.size + 1}`,
          inputFileId: input.id,
          endpoint: body?.endpoint ?? "/v1/chat/completions",
          completionWindow: body?.completion_window ?? "24h",
          createdAt: Math.floor(Date.now() / 1000),
          polls: 0,
          status: "validating",
          outputFileId: null,
          errorFileId: null,
          counts: { total, completed: 0, failed: 0 },
          metadata: body?.metadata,
        };
        batches.set(batch.id, batch);
        return sendJson(response, 200, batchObject(batch));
      }
      if (method === "GET" && (match = path.match(/^\/v1\/batches\/([^/]+)$/))) {
        const batch = batches.get(decodeURIComponent(match[1]));
        if (!batch) return sendJson(response, 404, openAiError(404, "no such batch", "invalid_request_error"));
        if (batch.status === "validating" && options.batchValidation) {
          const input = files.get(batch.inputFileId)!.content.split("\n").filter((text) => text.trim() !== "").map((text) => JSON.parse(text));
          const errors = options.batchValidation(input);
          if (errors?.length) {
            batch.status = "failed";
            batch.validationErrors = errors;
          }
        }
        if (batch.status !== "completed" && batch.status !== "failed") {
          batch.polls += 1;
          if (batch.polls >= pollsUntilDone) await runBatch(batch);
          else batch.status = "in_progress";
        }
        return sendJson(response, 200, batchObject(batch));
      }
      sendJson(response, 404, openAiError(404, `no route ${method} ${path}`, "invalid_request_error"));
    },
    requests,
    options.latencyMs,
    options.intercept,
  );
  return { baseURL: `${server.origin}/v1`, origin: server.origin, requests, calls, close: server.close };
}
