import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../errors";
import { ANNOTATION_CRITERIA, type Answer } from "./criteria";
import { cookieValue, hostAllowed, sameOrigin, send, sendJson, serverOrigins } from "./http-guard";
import { LINK_TOKEN_PATTERN, requestTokenOf, sameSecret } from "./link-token";
import { donePage, forbiddenPage, instructionsPage, pairPage, startPage } from "./page";
import { PAGE_SCRIPT } from "./page-script";
import { PAGE_STYLE } from "./page-style";
import { loadProtocol } from "./protocol";
import { itemDialogues } from "./protocol-plan";
import { readBody } from "./request-body";
import { acquireServeLock } from "./serve-lock";
import { loadStudy } from "./study-file";
import { openStudyStore, type HumanJudgement } from "./study-store";

export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback unless changed on purpose; default 127.0.0.1. */
  host?: string;
  /** The address annotators open (a tunnel or TLS proxy in front of this server): its host is accepted too. */
  publicUrl?: string;
  /** Called with each saved judgement (the CLI logs a line). */
  onJudgement?: (judgement: HumanJudgement) => void;
}

export interface StudyServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const judgementBody = z
  .object({
    position: z.number().int().min(0).max(100_000),
    criterion: z.enum(ANNOTATION_CRITERIA as unknown as [string, ...string[]]),
    /** null clears the answer. */
    answer: z.enum(["left", "tie", "right"]).nullable(),
    ms: z.number().int().min(0).max(86_400_000).default(0),
  })
  .strict();
const consentBody = z.object({ accept: z.literal(true) }).strict();
const annotateQuery = z.object({ pair: z.string().regex(/^[1-9][0-9]{0,5}$/).optional() }).strict();

/** The first problem of a zod parse, as one line for a 400 answer (field names only, never internal text). */
function problem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Serves a study folder's annotation page. Annotators arrive through private links (`annotate invite`): `/`
 * exchanges the link's token (in the URL fragment) for an HttpOnly SameSite=Strict cookie; `/annotate[?pair=K]`
 * shows the instructions and consent, then the practice pairs, then the study pairs with the attention checks
 * among them; POST `/api/judgements` stores one answer at once. Every request is bound to its link: no cookie,
 * a wrong or revoked one gives 403; writes also need the page's request token in a header and the page's own
 * origin. The page never receives conditions, dialogue ids or pair ids: the browser posts its position in the
 * annotator's recorded order, and the server maps it to the item and the answer to an outcome. One server per
 * study (serve.lock); GETs and refused requests write nothing.
 */
export async function serveStudy(directory: string, options: ServeOptions = {}): Promise<StudyServer> {
  const folder = resolve(directory);
  const study = loadStudy(folder);
  const protocol = loadProtocol(folder);
  let publicUrl: URL | undefined;
  if (options.publicUrl !== undefined) {
    try {
      publicUrl = new URL(options.publicUrl);
    } catch {
      throw new UsageError(`--public-url must be a full URL such as https://annotate.example.org/, got ${JSON.stringify(options.publicUrl)}`);
    }
    if (publicUrl.protocol !== "http:" && publicUrl.protocol !== "https:") throw new UsageError(`--public-url must start with http:// or https://, got ${options.publicUrl}`);
  }
  const lock = acquireServeLock(folder);
  let store: ReturnType<typeof openStudyStore>;
  try {
    store = openStudyStore(folder, study, { protocol });
  } catch (error) {
    lock.release();
    throw error;
  }
  const criteriaCount = ANNOTATION_CRITERIA.length;
  const cookieName = `pt_${createHash("sha256").update(folder).digest("hex").slice(0, 10)}`;
  const secure = publicUrl?.protocol === "https:";

  const stateOf = (annotator: string) => {
    const plan = store.readPlan(annotator);
    const judgements = store.judgements(annotator, { kinds: ["study", "practice", "attention"] });
    const answers = new Map<string, Partial<Record<string, Answer>>>();
    for (const judgement of judgements) answers.set(judgement.pairId, { ...answers.get(judgement.pairId), [judgement.criterion]: judgement.answer });
    const complete = (pairId: string) => Object.keys(answers.get(pairId) ?? {}).length >= criteriaCount;
    return { plan, answers, saved: judgements.length, pairsDone: plan.filter((entry) => complete(entry.pairId)).length, firstOpen: plan.find((entry) => !complete(entry.pairId)) };
  };

  /** The link's token from the cookie and the annotator it belongs to; undefined when missing, wrong or revoked. */
  const session = (request: IncomingMessage) => {
    const token = cookieValue(request, cookieName);
    if (!token || !LINK_TOKEN_PATTERN.test(token)) return undefined;
    const annotator = store.annotatorOfToken(token);
    return annotator ? { token, annotator } : undefined;
  };
  /** A writing request: from this page's origin, with a valid link cookie and the matching request token header. */
  const writer = (request: IncomingMessage, response: ServerResponse) => {
    if (!sameOrigin(request, origins)) return void sendJson(response, 403, { error: "requests from another site are refused" });
    const current = session(request);
    const header = request.headers["x-request-token"];
    if (!current || typeof header !== "string" || !sameSecret(header, requestTokenOf(current.token))) return void sendJson(response, 403, { error: "open your private link again" });
    return current;
  };

  let origins = serverOrigins("127.0.0.1", 0);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // A page on another site could point a DNS name at this server and post answers (DNS rebinding): only this
    // server's own host names (and the public URL's) are served.
    if (!hostAllowed(request, origins)) return send(response, 421, "text/plain", "unexpected Host header (behind a tunnel or proxy, start the server with --public-url)");
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = `${request.method} ${url.pathname}`;
    if (route === "GET /") return send(response, 200, "text/html", startPage(protocol.title));
    if (route === "GET /app.js") return send(response, 200, "text/javascript", PAGE_SCRIPT);
    if (route === "GET /app.css") return send(response, 200, "text/css", PAGE_STYLE);
    if (route === "POST /api/session") {
      await readBody(request, 0);
      if (!sameOrigin(request, origins)) return sendJson(response, 403, { error: "requests from another site are refused" });
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
      const annotator = LINK_TOKEN_PATTERN.test(token) ? store.annotatorOfToken(token) : undefined;
      if (!annotator) return sendJson(response, 403, { error: "this link is not valid (mistyped or revoked)" });
      const cookie = `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${60 * 60 * 24 * 60}${secure ? "; Secure" : ""}`;
      return sendJson(response, 200, { ok: true }, { "set-cookie": cookie });
    }
    if (route === "GET /annotate") {
      const current = session(request);
      if (!current) return send(response, 403, "text/html", forbiddenPage(protocol.title, "This page needs your private link."));
      const query = annotateQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success || [...url.searchParams.keys()].length !== Object.keys(query.data).length) return send(response, 400, "text/plain", "the only parameter is pair=K");
      const { annotator, token } = current;
      const requestToken = requestTokenOf(token);
      const state = stateOf(annotator);
      const practice = state.plan.filter((entry) => entry.kind === "practice").length;
      const counted = state.plan.length - practice;
      if (!store.consentedAt(annotator)) {
        return send(
          response,
          200,
          "text/html",
          instructionsPage({ title: protocol.title, annotator, instructions: protocol.instructions, criteria: protocol.criteria, consent: protocol.consent, practice, pairs: counted, requestToken }),
        );
      }
      let entry = state.firstOpen;
      if (query.data.pair !== undefined) {
        entry = state.plan[Number(query.data.pair) - 1];
        if (!entry) return send(response, 404, "text/plain", `no pair ${query.data.pair}`);
      }
      if (!entry) return send(response, 200, "text/html", donePage({ title: protocol.title, annotator, pairs: counted, saved: state.saved, completionCode: protocol.completionCode }));
      const dialogues = itemDialogues(study, protocol, entry);
      const [left, right] = entry.swapped ? [dialogues.second, dialogues.first] : [dialogues.first, dialogues.second];
      const isPractice = entry.kind === "practice";
      return send(
        response,
        200,
        "text/html",
        pairPage({
          title: protocol.title,
          annotator,
          position: entry.position,
          kind: entry.kind,
          number: isPractice ? entry.position + 1 : entry.position - practice + 1,
          of: isPractice ? practice : counted,
          items: state.plan.length,
          left,
          right,
          criteria: protocol.criteria,
          answers: state.answers.get(entry.pairId) ?? {},
          saved: state.saved,
          total: state.plan.length * criteriaCount,
          pairsDone: state.pairsDone,
          requestToken,
        }),
      );
    }
    if (route === "POST /api/consent" || route === "POST /api/judgements") {
      const body = await readBody(request);
      if (!body.ok) return sendJson(response, 413, { error: "the body is too large" }, body.drained ? {} : { connection: "close" });
      const current = writer(request, response);
      if (!current) return;
      const json = parseJson(body.text);
      if (!json.ok) return sendJson(response, 400, { error: "the body must be JSON" });
      if (route === "POST /api/consent") {
        const parsed = consentBody.safeParse(json.value);
        if (!parsed.success) return sendJson(response, 400, { error: problem(parsed.error) });
        store.consent(current.annotator);
        return sendJson(response, 200, { ok: true });
      }
      const parsed = judgementBody.safeParse(json.value);
      if (!parsed.success) return sendJson(response, 400, { error: problem(parsed.error) });
      if (!store.consentedAt(current.annotator)) return sendJson(response, 409, { error: "accept the consent text first" });
      const entry = store.readPlan(current.annotator)[parsed.data.position];
      if (!entry) return sendJson(response, 400, { error: `no pair at position ${parsed.data.position}` });
      if (parsed.data.answer === null) store.clear(current.annotator, entry.pairId, parsed.data.criterion);
      else {
        const judgement = store.save(current.annotator, entry.pairId, parsed.data.criterion, parsed.data.answer, { ms: parsed.data.ms });
        options.onJudgement?.(judgement);
      }
      const state = stateOf(current.annotator);
      // Only what the screen shows: never the outcome, the placement or the kind of item.
      return sendJson(response, 200, { ok: true, criterion: parsed.data.criterion, answer: parsed.data.answer, saved: state.saved, pairsDone: state.pairsDone });
    }
    if (route === "GET /api/progress") {
      const current = session(request);
      if (!current) return sendJson(response, 403, { error: "open your private link again" });
      const state = stateOf(current.annotator);
      return sendJson(response, 200, { saved: state.saved, pairsDone: state.pairsDone, pairs: state.plan.length, total: state.plan.length * criteriaCount });
    }
    if (request.method !== "GET" && request.method !== "HEAD") await readBody(request, 0);
    return send(response, 404, "text/plain", "not found");
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // The reason goes to the researcher's terminal, never to the browser.
      process.stderr.write(`annotate serve: ${(error as Error).stack ?? String(error)}\n`);
      if (!response.headersSent) send(response, 500, "text/plain", "server error (the researcher's terminal shows why)");
      else response.end();
    });
  });
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) =>
        reject(error.code === "EADDRINUSE" ? new UsageError(`port ${options.port} on ${host} is in use; choose another --port, or 0 for a free one`) : error),
      );
      server.listen(options.port ?? 0, host, () => resolveListen());
    });
  } catch (error) {
    store.close();
    lock.release();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  origins = serverOrigins(host, port, publicUrl);
  const url = publicUrl ? publicUrl.href : `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
  lock.describe(url);
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          lock.release();
          resolveClose();
        });
      }),
  };
}
