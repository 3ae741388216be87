import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { inviteAnnotators, revokeAnnotator } from "../../lib/annotate/invite";
import { serverOrigins } from "../../lib/annotate/http-guard";
import { serveStudy, type StudyServer } from "../../lib/annotate/server";
import { createStudy } from "../../lib/annotate/study-file";
import { annotateCli } from "./cli-runner";
import { openLink, tokenOf, type LinkSession } from "./link-client";
import { startServeProcess } from "./serve-process";
import { writeRq3Fixture } from "./study-fixture";

// The server against requests a browser on another site, another annotator or a careless client can make:
// each is refused with a status and one line, and none of them writes anything.
const work = mkdtempSync(join(tmpdir(), "annotate-security-"));
const directory = join(work, "study");
let server: StudyServer;
let links: Record<string, string>;
let alice: LinkSession;
let bob: LinkSession;

before(async () => {
  createStudy({ from: writeRq3Fixture(join(work, "rq3"), 5), pairs: 3, seed: 2, out: directory });
  links = Object.fromEntries(inviteAnnotators(directory, { names: ["Alice", "Bob", "Carol"] }).map((entry) => [entry.annotator, entry.link]));
  server = await serveStudy(directory, { port: 0 });
  alice = await openLink(server.url, links.alice);
  bob = await openLink(server.url, links.bob);
});

after(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Every row of every table: what "changes nothing" is checked against. */
function snapshot(): string {
  const database = new Database(join(directory, "judgements.sqlite"), { readonly: true });
  try {
    const tables = ["annotators", "assignments", "judgements", "links"];
    return JSON.stringify(tables.map((table) => database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()));
  } finally {
    database.close();
  }
}

function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolveResponse, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: server.port, path, method: options.method ?? "GET", headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolveResponse({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: response.headers }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

test("a link is needed: no cookie, a wrong token or a revoked link get 403 and write nothing", async () => {
  assert.equal((await alice.answer(0, "Overall", "left")).status, 200);
  const before = snapshot();
  assert.match(before, /"annotator":"alice","pair_id":"[^"]+","criterion":"Overall","answer":"left"/, "the answer was not stored");
  assert.equal((await fetch(`${server.url}annotate`)).status, 403);
  assert.equal((await fetch(`${server.url}annotate`, { headers: { cookie: alice.cookie.replace(/=.*/, "=" + "A".repeat(43)) } })).status, 403);
  assert.equal((await fetch(`${server.url}api/session`, { method: "POST", headers: { authorization: `Bearer ${"B".repeat(43)}` } })).status, 403);
  assert.equal((await fetch(`${server.url}api/session`, { method: "POST" })).status, 403);
  assert.equal((await fetch(`${server.url}api/progress`)).status, 403);
  // An old-style post that names an annotator does nothing without the link.
  assert.equal((await fetch(`${server.url}api/judgements`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ annotator: "alice", position: 0, criterion: "Overall", answer: "tie" }) })).status, 403);
  // The page takes no name: asking for another annotator's page is a bad request.
  assert.equal((await fetch(`${server.url}annotate?name=bob`, { headers: { cookie: alice.cookie } })).status, 400);
  // Merely opening pages creates nothing.
  for (const path of ["/", "/annotate", "/annotate?pair=2", "/app.js", "/nothing"]) await fetch(`${server.url}${path.slice(1)}`, { headers: { cookie: alice.cookie } });
  assert.equal(snapshot(), before);

  const carol = await openLink(server.url, links.carol);
  assert.equal((await carol.answer(0, "Overall", "tie")).status, 200);
  revokeAnnotator(directory, "CAROL");
  const afterRevoke = snapshot();
  assert.equal((await carol.answer(0, "Overall", "left")).status, 403);
  assert.equal((await fetch(`${server.url}annotate`, { headers: { cookie: carol.cookie } })).status, 403);
  assert.equal((await fetch(`${server.url}api/session`, { method: "POST", headers: { authorization: `Bearer ${tokenOf(links.carol)}` } })).status, 403);
  assert.equal(snapshot(), afterRevoke);
  // The token itself is never stored, only its hash.
  assert.ok(!snapshot().includes(tokenOf(links.alice)));
});

test("nobody answers as someone else, and another site cannot post: refused, nothing changed", async () => {
  const before = snapshot();
  // Alice's cookie with Bob's request token, and Bob's cookie with Alice's: 403.
  const crossed = await fetch(`${server.url}api/judgements`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: alice.cookie, "x-request-token": bob.requestToken },
    body: JSON.stringify({ position: 0, criterion: "Overall", answer: "right" }),
  });
  assert.equal(crossed.status, 403);
  // Naming another annotator in the body: not a field of the answer (400).
  const named = await alice.post("/api/judgements", { annotator: "bob", position: 0, criterion: "Overall", answer: "right" });
  assert.equal(named.status, 400);
  assert.match((await named.json()).error, /annotator/);
  assert.equal(snapshot(), before);
  const settled = snapshot();
  // From another origin, with Alice's cookie and token (what a browser would attach if it could): 403.
  const forgeries: Record<string, string>[] = [{ origin: "http://localhost:45900" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site", origin: `http://localhost:${server.port}` }];
  for (const headers of forgeries) {
    const forged = await alice.post("/api/judgements", { position: 0, criterion: "Overall", answer: "tie" }, headers);
    assert.equal(forged.status, 403, JSON.stringify(headers));
  }
  // A classic form post (no custom header possible): 403.
  const form = await raw("/api/judgements", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie: alice.cookie, origin: "http://evil.example" }, body: "position=0&criterion=Overall&answer=tie" });
  assert.equal(form.status, 403);
  const sessionFromElsewhere = await fetch(`${server.url}api/session`, { method: "POST", headers: { authorization: `Bearer ${tokenOf(links.bob)}`, origin: "http://evil.example" } });
  assert.equal(sessionFromElsewhere.status, 403);
  assert.equal(snapshot(), settled);
});

test("malformed and oversized bodies get 400 and 413 with one line, never a dropped connection or an internal message", async () => {
  const before = snapshot();
  for (const body of ["null", "[]", '["left"]', '"left"', "{not json", JSON.stringify({ position: 0, criterion: "Overall", answer: ["left"] }), JSON.stringify({ position: -1, criterion: "Overall", answer: "left" }), JSON.stringify({ position: 0, criterion: "Empathy", answer: "left" }), JSON.stringify({ position: 0.5, criterion: "Overall", answer: "left" }), JSON.stringify({ position: 99, criterion: "Overall", answer: "left" })]) {
    const response = await raw("/api/judgements", { method: "POST", headers: { "content-type": "application/json", cookie: alice.cookie, "x-request-token": alice.requestToken }, body });
    assert.equal(response.status, 400, body);
    const error = JSON.parse(response.body).error as string;
    assert.ok(error.length < 200 && !/TypeError|Cannot read|at .*\.ts|SQLITE/.test(error), error);
  }
  for (const size of [17 * 1024, 10 * 1024 * 1024]) {
    const response = await raw("/api/judgements", { method: "POST", headers: { "content-type": "application/json", cookie: alice.cookie, "x-request-token": alice.requestToken }, body: Buffer.alloc(size, 0x20) });
    assert.equal(response.status, 413, `${size} bytes`);
  }
  assert.equal(snapshot(), before);
});

test("headers: no inline script allowed, no referrer, script and style served as files; answers can be cleared", async () => {
  const page = await fetch(`${server.url}annotate`, { headers: { cookie: alice.cookie } });
  const policy = page.headers.get("content-security-policy")!;
  assert.match(policy, /script-src 'self'/);
  assert.ok(!policy.includes("unsafe-inline"), policy);
  assert.equal(page.headers.get("referrer-policy"), "no-referrer");
  const html = await page.text();
  assert.ok(!/<script>|<style>| style=| on[a-z]+=/.test(html), "inline script or style in the page");
  assert.match((await fetch(`${server.url}app.js`)).headers.get("content-type")!, /javascript/);
  const set = await (await fetch(`${server.url}api/session`, { method: "POST", headers: { authorization: `Bearer ${tokenOf(links.bob)}` } })).headers.get("set-cookie")!;
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  // Clear: null removes the answer; the time spent is recorded with each answer.
  const saved = await bob.answer(1, "Comforting", "tie", 3210);
  assert.equal(saved.status, 200, await saved.clone().text());
  const database = new Database(join(directory, "judgements.sqlite"), { readonly: true });
  const row = database.prepare("SELECT ms FROM judgements WHERE annotator = 'bob' AND criterion = 'Comforting'").get() as { ms: number };
  database.close();
  assert.equal(row.ms, 3210);
  assert.equal((await bob.answer(1, "Comforting", null)).status, 200);
  const again = new Database(join(directory, "judgements.sqlite"), { readonly: true });
  assert.equal((again.prepare("SELECT count(*) AS n FROM judgements WHERE annotator = 'bob' AND criterion = 'Comforting'").get() as { n: number }).n, 0);
  again.close();
});

test("one server per study: a second serve exits 2 with one line; --public-url is accepted as Host and origin", async () => {
  await assert.rejects(serveStudy(directory, { port: 0 }), /already being served by process \d+/);
  const second = await annotateCli("serve", "--study", directory, "--port", "0");
  assert.equal(second.status, 2);
  assert.equal(second.stderr.split("\n").length, 1, second.stderr);
  assert.match(second.stderr, /already being served/);

  const other = join(work, "proxied");
  createStudy({ from: join(work, "rq3"), pairs: 2, seed: 1, out: other });
  const [dan] = inviteAnnotators(other, { names: ["Dan"], publicUrl: "https://annotate.example.org/sub" });
  assert.match(dan.link, /^https:\/\/annotate\.example\.org\/#[A-Za-z0-9_-]{43}$/);
  const proxied = await serveStudy(other, { port: 0, publicUrl: "https://annotate.example.org/" });
  try {
    const status = (host: string, extra: Record<string, string> = {}) =>
      new Promise<{ status: number; cookie?: string }>((resolveStatus, reject) => {
        const request = httpRequest({ host: "127.0.0.1", port: proxied.port, path: "/api/session", method: "POST", headers: { host, authorization: `Bearer ${tokenOf(dan.link)}`, ...extra } }, (response) => {
          response.resume();
          resolveStatus({ status: response.statusCode ?? 0, cookie: response.headers["set-cookie"]?.[0] });
        });
        request.on("error", reject);
        request.end();
      });
    const through = await status("annotate.example.org", { origin: "https://annotate.example.org" });
    assert.equal(through.status, 200);
    assert.match(through.cookie!, /; Secure/);
    assert.equal((await status("annotate.example.org", { origin: "http://annotate.example.org" })).status, 403);
    assert.equal((await status("elsewhere.example")).status, 421);
  } finally {
    await proxied.close();
  }
});

test("--host beyond loopback warns in one line; a wildcard address answers to the machine's own addresses only", { timeout: 120_000 }, async () => {
  const wildcard = serverOrigins("0.0.0.0", 8377, undefined, ["192.0.2.7", "2001:db8::1"]);
  assert.deepEqual([...wildcard.hosts].sort(), ["127.0.0.1:8377", "192.0.2.7:8377", "[2001:db8::1]:8377", "[::1]:8377", "localhost:8377"]);
  assert.ok(wildcard.origins.has("http://192.0.2.7:8377"));
  const proxied = serverOrigins("127.0.0.1", 8377, new URL("https://annotate.example.org/"));
  assert.ok(proxied.hosts.has("annotate.example.org") && proxied.origins.has("https://annotate.example.org"));
  // 127.0.0.2 is not the loopback name the page is made for: served, with the warning.
  const other = join(work, "hosted");
  createStudy({ from: join(work, "rq3"), pairs: 2, seed: 4, out: other });
  const served = await startServeProcess(other, 0, ["--host", "127.0.0.2"]);
  try {
    assert.match(served.url, /^http:\/\/127\.0\.0\.2:\d+\/$/);
    const warnings = served.output().split("\n").filter((line) => line.includes("warning"));
    assert.equal(warnings.length, 1, served.output());
    assert.match(warnings[0], /TLS proxy.*SSH tunnel/);
    assert.equal((await fetch(served.url)).status, 200);
  } finally {
    await served.stop();
  }
});
