import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { DataError, UsageError } from "../errors";
import { ANNOTATION_CRITERIA, type Answer } from "./criteria";
import { normalizeAnnotatorName } from "./annotator-plan";
import { donePage, pairPage, startPage } from "./page";
import { loadStudy } from "./study-file";
import { openStudyStore, type HumanJudgement } from "./study-store";

export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only unless changed on purpose; default 127.0.0.1. */
  host?: string;
  /** Called with each saved judgement (the CLI logs a line). */
  onJudgement?: (judgement: HumanJudgement) => void;
}

export interface StudyServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    "content-type": `${type}; charset=utf-8`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    // Inline script and style only; nothing is fetched from anywhere else.
    "content-security-policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; base-uri 'none'",
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, "application/json", JSON.stringify(value));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new DataError("request body too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolveBody(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/**
 * Serves a study folder's annotation page on 127.0.0.1: `/` asks for a name, `/annotate?name=N[&pair=K]` shows the
 * annotator's next open pair (or pair K of their order), and POST `/api/judgements` stores one answer at once.
 * The page never receives conditions, dialogue ids or pair ids: the browser posts its position in the
 * annotator's recorded order, and the server maps it to the pair and the answer to an outcome.
 */
export async function serveStudy(directory: string, options: ServeOptions = {}): Promise<StudyServer> {
  const folder = resolve(directory);
  const study = loadStudy(folder);
  const store = openStudyStore(folder, study);
  const pairsById = new Map(study.pairs.map((pair) => [pair.pairId, pair]));
  const criteriaCount = ANNOTATION_CRITERIA.length;

  const stateOf = (annotator: string) => {
    const plan = store.planOf(annotator);
    const judgements = store.judgements(annotator);
    const answers = new Map<string, Partial<Record<string, Answer>>>();
    for (const judgement of judgements) answers.set(judgement.pairId, { ...answers.get(judgement.pairId), [judgement.criterion]: judgement.answer });
    const complete = (pairId: string) => Object.keys(answers.get(pairId) ?? {}).length >= criteriaCount;
    return { plan, answers, saved: judgements.length, pairsDone: plan.filter((entry) => complete(entry.pairId)).length, firstOpen: plan.find((entry) => !complete(entry.pairId)) };
  };

  let allowedHosts = new Set<string>();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // A page on another site could point a DNS name at 127.0.0.1 and post answers (DNS rebinding): only the
    // loopback names of this server are served.
    if (!allowedHosts.has((request.headers.host ?? "").toLowerCase())) return send(response, 421, "text/plain", "unexpected Host header");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method === "GET" && url.pathname === "/") return send(response, 200, "text/html", startPage({ pairs: study.pairs.length }));
    if (request.method === "GET" && url.pathname === "/annotate") {
      const annotator = normalizeAnnotatorName(url.searchParams.get("name") ?? "");
      if (!annotator) return send(response, 400, "text/html", startPage({ pairs: study.pairs.length, error: "Please type your name." }));
      if (annotator.length > 80) return send(response, 400, "text/html", startPage({ pairs: study.pairs.length, error: "Names have at most 80 characters." }));
      const state = stateOf(annotator);
      const requested = url.searchParams.get("pair");
      let entry = state.firstOpen;
      if (requested !== null) {
        const position = Number(requested) - 1;
        if (!Number.isInteger(position) || position < 0 || position >= state.plan.length) return send(response, 404, "text/plain", `no pair ${requested}`);
        entry = state.plan[position];
      }
      if (!entry) return send(response, 200, "text/html", donePage({ annotator, pairs: study.pairs.length, saved: state.saved }));
      const pair = pairsById.get(entry.pairId)!;
      const [left, right] = entry.swapped ? [pair.second, pair.first] : [pair.first, pair.second];
      return send(
        response,
        200,
        "text/html",
        pairPage({
          annotator,
          position: entry.position,
          pairs: state.plan.length,
          left: left.turns,
          right: right.turns,
          answers: state.answers.get(entry.pairId) ?? {},
          saved: state.saved,
          total: state.plan.length * criteriaCount,
          pairsDone: state.pairsDone,
        }),
      );
    }
    if (request.method === "POST" && url.pathname === "/api/judgements") {
      let body: { annotator?: unknown; position?: unknown; criterion?: unknown; answer?: unknown };
      try {
        body = JSON.parse(await readBody(request));
      } catch (error) {
        return sendJson(response, 400, { error: error instanceof DataError ? error.message : "the body must be JSON" });
      }
      if (typeof body.annotator !== "string" || typeof body.position !== "number") return sendJson(response, 400, { error: "annotator (text) and position (number) are required" });
      try {
        const plan = store.planOf(body.annotator);
        const entry = plan[body.position];
        if (!entry) return sendJson(response, 400, { error: `no pair at position ${body.position}` });
        const judgement = store.save(body.annotator, entry.pairId, String(body.criterion), String(body.answer));
        options.onJudgement?.(judgement);
        const state = stateOf(body.annotator);
        // Only what the screen shows: never the outcome or the placement.
        return sendJson(response, 200, { ok: true, criterion: judgement.criterion, answer: judgement.answer, saved: state.saved, pairsDone: state.pairsDone });
      } catch (error) {
        if (error instanceof DataError) return sendJson(response, 400, { error: error.message });
        throw error;
      }
    }
    if (request.method === "GET" && url.pathname === "/api/progress") {
      const annotator = normalizeAnnotatorName(url.searchParams.get("name") ?? "");
      if (!annotator) return sendJson(response, 400, { error: "name is required" });
      const state = stateOf(annotator);
      return sendJson(response, 200, { saved: state.saved, pairsDone: state.pairsDone, pairs: state.plan.length, total: state.plan.length * criteriaCount });
    }
    return send(response, 404, "text/plain", "not found");
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, "text/plain", `server error: ${(error as Error).message}`);
      else response.end();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      store.close();
      reject(error.code === "EADDRINUSE" ? new UsageError(`port ${options.port} on ${options.host ?? "127.0.0.1"} is in use; choose another --port, or 0 for a free one`) : error);
    });
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolveClose();
        });
      }),
  };
}
