import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { outcomeOfAnswer, type Answer } from "../../lib/annotate/criteria";
import { inviteAnnotators } from "../../lib/annotate/invite";
import { defaultProtocol, loadProtocol, writeProtocol, type Protocol } from "../../lib/annotate/protocol";
import { protocolPlan, type PlannedItem } from "../../lib/annotate/protocol-plan";
import { createStudy, loadStudy, type Study } from "../../lib/annotate/study-file";
import { studyResults, writeStudyResults } from "../../lib/annotate/study-results";
import { openStudyStore } from "../../lib/annotate/study-store";
import { CHROMIUM_ARGS } from "../../lib/export/figure-exporter";
import { findChromium } from "../../lib/export/find-browser";
import { JUDGE_CRITERIA } from "../../lib/prompts/parse-judgement";
import { tokenOf } from "./link-client";
import { startServeProcess, type ServeProcess } from "./serve-process";
import { HOSTILE_TEXT, writeRq3Fixture } from "./study-fixture";

// The annotation page in a real (Debian) Chromium, served by `persona-talks annotate serve` in its own process:
// two annotators open their private links, read the instructions, must accept the consent, do a practice pair,
// meet the attention checks among the study pairs, and answer by keyboard only; one reloads in the middle of a
// pair, the server is killed with SIGKILL in the middle of the other's pair and restarted. A page on another
// origin and requests as another annotator are refused and change nothing. Then the stored judgements and the
// results are checked.
const lookup = findChromium();
const skip = lookup.executablePath ? false : `no headless Chromium (${lookup.reason}); install it with \`apt-get install chromium\``;

const PAIRS = 3;
const work = mkdtempSync(join(tmpdir(), "annotate-page-"));
const directory = join(work, "study");
let study: Study;
let protocol: Protocol;
let server: ServeProcess;
let browser: Browser;
let links: Record<string, string>;
let attacker: Server;

before(async () => {
  if (skip) return;
  study = createStudy({ from: writeRq3Fixture(join(work, "rq3"), 4), pairs: PAIRS, practice: 1, seed: 5, out: directory }).study;
  const defaults = defaultProtocol();
  writeProtocol(directory, {
    ...defaults,
    instructions: ["INSTRUCTIONS-MARKER: read both dialogues in full."],
    consent: ["CONSENT-MARKER: you agree to take part."],
    attention: {
      ...defaults.attention,
      degraded: 1,
      gold: [{ id: "g1", first: [{ speaker: "seeker", text: "I lost my job." }, { speaker: "supporter", text: "That sounds really hard. What happened?" }], second: [{ speaker: "seeker", text: "I lost my job." }, { speaker: "supporter", text: "Whatever." }], answer: "first" }],
    },
    exclusion: { maxFailedChecks: 0, minMedianSecondsPerItem: 0 },
    completionCode: "PT-CODE-123",
  });
  protocol = loadProtocol(directory);
  links = Object.fromEntries(inviteAnnotators(directory, { names: ["Alice", "Bob", "Probe <i>"] }).map((entry) => [entry.annotator, entry.link]));
  server = await startServeProcess(directory, 0);
  browser = await chromium.launch({ executablePath: lookup.executablePath!, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolveClose) => (attacker ? attacker.close(() => resolveClose()) : resolveClose()));
  rmSync(work, { recursive: true, force: true });
});

function linkFor(name: string): string {
  return `${server.url}#${tokenOf(links[name])}`;
}

function storedJudgements(): string {
  const database = new Database(join(directory, "judgements.sqlite"), { readonly: true });
  try {
    return JSON.stringify(database.prepare("SELECT * FROM judgements ORDER BY annotator, pair_id, criterion").all());
  } finally {
    database.close();
  }
}

/** The screen answer annotator `who` gives on item `item`, criterion c: attention checks answered right. */
function answerFor(who: number, item: PlannedItem, criterion: number): Answer {
  if (item.kind === "attention") return (["left", "tie", "right"] as const).find((answer) => outcomeOfAnswer(answer, item.swapped) === item.expected)!;
  return (["left", "tie", "right"] as const)[(who + item.position * 2 + criterion) % 3];
}
const KEYS: Record<Answer, string> = { left: "1", tie: "2", right: "3" };

async function savedCount(page: Page): Promise<number> {
  return Number(await page.locator("#saved-count").textContent());
}

/** Presses a key and waits until the server has confirmed it (or the next pair has loaded). */
async function press(page: Page, key: string): Promise<void> {
  const before = await savedCount(page);
  const isLastOpen = (await page.locator('.criterion[data-answer=""]').count()) === 1 && key !== "0";
  if (isLastOpen) {
    await Promise.all([page.waitForEvent("framenavigated", { timeout: 15_000 }), page.keyboard.press(key)]);
    await page.waitForSelector("#annotate, #done", { timeout: 15_000 });
    return;
  }
  await page.keyboard.press(key);
  const expected = key === "0" ? before - 1 : before + 1;
  await page.waitForFunction((count) => Number(document.querySelector("#saved-count")?.textContent) === count, expected, { timeout: 15_000 });
}

async function start(page: Page, name: string): Promise<void> {
  await page.goto(linkFor(name));
  await page.waitForSelector("#instructions");
  // The token left the address bar at once; the instructions carry the protocol's texts and the paper's criteria.
  assert.ok(!page.url().includes("#"), page.url());
  const text = (await page.locator("#instructions").textContent())!;
  for (const expected of ["INSTRUCTIONS-MARKER", "CONSENT-MARKER", protocol.criteria.Comforting, "1 practice pair"]) assert.ok(text.includes(expected), expected);
  // Starting without ticking the consent box is refused.
  await page.locator("#accept").click();
  await page.waitForSelector("#status.error");
  assert.equal(await page.locator("#annotate").count(), 0);
  await page.locator("#consent").check();
  await page.locator("#accept").click();
  await page.waitForSelector("#annotate");
}

async function annotate(page: Page, who: number, name: string, events: { reloadAt?: [number, number]; killAt?: [number, number] } = {}): Promise<void> {
  await start(page, name);
  const plan = protocolPlan(study, protocol, name);
  const practice = plan.filter((item) => item.kind === "practice").length;
  assert.equal(await page.locator("#practice").count(), 1, "the first pair is the practice pair");
  for (const item of plan) {
    await page.waitForFunction((position) => document.querySelector("#annotate")?.getAttribute("data-position") === String(position), item.position, { timeout: 15_000 });
    assert.equal(await page.locator("#pair-number").textContent(), String(item.kind === "practice" ? item.position + 1 : item.position - practice + 1));
    // No trace of what the item is: no ids, no "attention" in the page.
    const html = await page.content();
    for (const secret of ["/both", "/none", "pair:esconv", "condition", "attention:", "gold:", "practice:"]) assert.ok(!html.includes(secret), `page reveals ${secret}`);
    for (let criterion = 0; criterion < JUDGE_CRITERIA.length; criterion++) {
      if (events.reloadAt?.[0] === item.position && events.reloadAt[1] === criterion) {
        await page.reload();
        await page.waitForSelector("#annotate");
        assert.equal(await page.locator(".criterion.active").getAttribute("data-criterion"), JUDGE_CRITERIA[criterion]);
      }
      if (events.killAt?.[0] === item.position && events.killAt[1] === criterion) {
        const saved = await savedCount(page);
        const port = server.port;
        await server.killHard();
        server = await startServeProcess(directory, port);
        await page.reload();
        await page.waitForSelector("#annotate");
        // Every answer given before the kill is there.
        assert.equal(await savedCount(page), saved);
        assert.equal(await page.locator(".criterion.active").getAttribute("data-criterion"), JUDGE_CRITERIA[criterion]);
      }
      if (item.kind === "study" && criterion === 0 && item.position === practice) {
        // Arrow keys only scroll; 0 clears the highlighted answer.
        const saved = await savedCount(page);
        for (const key of ["ArrowLeft", "ArrowDown", "ArrowRight", "ArrowUp"]) await page.keyboard.press(key);
        await page.waitForTimeout(300);
        assert.equal(await savedCount(page), saved);
        assert.equal(await page.locator('.criterion:not([data-answer=""])').count(), 0);
        await press(page, "3");
        await page.keyboard.press("Shift+Tab");
        await press(page, "0");
        assert.equal(await page.locator(".criterion").first().getAttribute("data-answer"), "");
        assert.equal(await page.locator(".criterion.active").getAttribute("data-criterion"), JUDGE_CRITERIA[0]);
      }
      await press(page, KEYS[answerFor(who, item, criterion)]);
    }
  }
  await page.waitForSelector("#done");
  assert.equal(await page.locator("#completion-code").textContent(), "PT-CODE-123");
}

test("two annotators finish a study from their links with practice, attention checks, a reload and a kill -9; forged requests change nothing", { skip, timeout: 300_000 }, async () => {
  const alice = await browser.newContext();
  const page = await alice.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // A blocked inline script or style would show up here as a content security policy violation.
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });

  // A name with markup is shown as text.
  const probe = await browser.newContext();
  const probePage = await probe.newPage();
  await probePage.goto(linkFor("probe <i>"));
  await probePage.waitForSelector("#instructions");
  assert.ok((await probePage.locator("#instructions").textContent())!.includes("probe <i>"));
  await probe.close();

  // The keys are on the page.
  await annotate(page, 0, "alice", { reloadAt: [3, 2] });
  const buttons = await page.goto(`${server.url}annotate?pair=2`).then(() => page.locator(".criterion").first().textContent());
  for (const key of ["1 Left better", "2 Tie", "3 Right better", "0 Clear"]) assert.ok(buttons!.includes(key), buttons!);

  const second = await browser.newContext();
  const bobPage = await second.newPage();
  bobPage.on("pageerror", (error) => pageErrors.push(error.message));
  bobPage.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  await annotate(bobPage, 1, "bob", { killAt: [2, 3] });

  // Escaping: the pair with the hostile turn shows it as text and it never ran; placement as recorded.
  const bobPlan = protocolPlan(study, protocol, "bob");
  const hostile = study.pairs.find((pair) => pair.first.turns.some((turn) => turn.text.includes("<script>")))!;
  const bobItem = bobPlan.find((item) => item.pairId === hostile.pairId)!;
  await bobPage.goto(`${server.url}annotate?pair=${bobItem.position + 1}`);
  assert.ok((await bobPage.locator(".dialogue").first().textContent())!.includes(HOSTILE_TEXT));
  assert.equal(await bobPage.evaluate(() => (window as unknown as { injected?: number }).injected), undefined);
  assert.equal((await bobPage.locator(".dialogue").first().textContent())!.includes("WITHTRAITS"), !bobItem.swapped);
  assert.equal((await bobPage.locator(".dialogue").nth(1).textContent())!.includes("WITHTRAITS"), bobItem.swapped);

  // Forgeries, with both annotators' cookies in the browser: nothing they try is stored.
  const before = storedJudgements();
  // 1. From Bob's own page, an answer naming Alice, and one with Alice's request token.
  const aliceToken = await page.locator('meta[name="request-token"]').getAttribute("content");
  // (a string, not a function: tsx would add a helper the page does not have)
  const asOther = (await bobPage.evaluate(`(async () => {
    const own = document.querySelector('meta[name="request-token"]').getAttribute("content");
    const post = (token, body) => fetch("/api/judgements", { method: "POST", headers: { "content-type": "application/json", "x-request-token": token }, body: JSON.stringify(body) }).then((response) => response.status);
    return [await post(own, { annotator: "alice", position: 0, criterion: "Overall", answer: "tie" }), await post(${JSON.stringify(aliceToken)}, { position: 0, criterion: "Overall", answer: "tie" })];
  })()`)) as number[];
  assert.deepEqual(asOther, [400, 403]);
  // 2. A page on another origin (same site: 127.0.0.1 on another port, so even SameSite cookies go along) posts a form and fetches.
  const target = `${server.url}api/judgements`;
  attacker = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!doctype html><form id="f" method="post" action="${target}" enctype="text/plain"><input name='{"position":0,"criterion":"Overall","answer":"tie","x":"' value='"}'></form>
<script>
fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: JSON.stringify({ position: 0, criterion: "Overall", answer: "tie" }) }).catch(() => null)
  .then(() => fetch(${JSON.stringify(target)}, { method: "POST", credentials: "include", headers: { "content-type": "application/json", "x-request-token": "0" }, body: "{}" }).catch(() => null))
  .then(() => document.getElementById("f").submit());
</script>`);
  });
  await new Promise<void>((resolveListen) => attacker.listen(0, "127.0.0.1", () => resolveListen()));
  const statuses: number[] = [];
  page.on("response", (response) => {
    if (response.url() === target) statuses.push(response.status());
  });
  const attempts: string[] = [];
  page.on("request", (request) => {
    if (request.url() === target) attempts.push(`${request.method()} ${request.resourceType()}`);
  });
  await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
  await page.waitForURL(target, { timeout: 15_000 });
  await page.waitForTimeout(300);
  // The no-cors fetch reaches the server (its 403 is opaque to the page), the fetch with a custom header stops at
  // its preflight, and the form post's answer is a 403 page.
  assert.deepEqual(attempts, ["POST fetch", "POST fetch", "POST document"]);
  assert.ok(statuses.length >= 1 && statuses.every((status) => status === 403), `statuses ${statuses}`);
  assert.equal(storedJudgements(), before);
  await alice.close();
  await second.close();
  assert.deepEqual(pageErrors, []);

  // Stored: every answer as pressed, mapped to outcomes through each annotator's recorded placement.
  const store = openStudyStore(directory, loadStudy(directory), { readonly: true });
  const stored = store.judgements(undefined, { kinds: ["study", "practice", "attention"] });
  store.close();
  const annotators = ["alice", "bob"];
  const items = PAIRS + 1 + 2;
  assert.equal(stored.length, 2 * items * 5);
  const expectedOutcomes: Record<string, Record<string, number>> = {};
  annotators.forEach((name, who) => {
    for (const item of protocolPlan(study, protocol, name)) {
      JUDGE_CRITERIA.forEach((criterion, index) => {
        const answer = answerFor(who, item, index);
        const row = stored.find((judgement) => judgement.annotator === name && judgement.pairId === item.pairId && judgement.criterion === criterion);
        assert.ok(row, `${name} ${item.pairId} ${criterion} not stored`);
        assert.equal(row.answer, answer);
        assert.equal(row.kind, item.kind);
        assert.equal(row.swapped, item.swapped);
        assert.equal(row.outcome, outcomeOfAnswer(answer, item.swapped));
        if (item.kind !== "study") return;
        const tally = (expectedOutcomes[criterion] ??= { win: 0, tie: 0, loss: 0 });
        tally[row.outcome]++;
      });
    }
  });
  assert.ok(stored.every((row) => row.ms >= 0) && stored.some((row) => row.ms > 0), "time per item recorded");

  // Results: Table 9 counts the study outcomes above only (no practice, no checks); both pass their checks.
  const results = studyResults(directory, { resamples: 100 });
  for (const row of results.pairwise) {
    const tally = expectedOutcomes[row.criterion];
    assert.deepEqual([row.wins, row.ties, row.losses], [tally.win, tally.tie, tally.loss], row.criterion);
  }
  assert.deepEqual(results.exclusions.map((row) => [row.annotator, row.checks, row.failedChecks, row.excluded]), [["alice", 2, 0, false], ["bob", 2, 0, false]]);
  assert.ok(results.agreement.every((row) => row.items === PAIRS && row.fleissRaters === 2));
  const out = join(work, "results");
  writeStudyResults(results, out);
  assert.match(readFileSync(join(out, "annotate-table9.csv"), "utf8"), /Overall/);
  assert.match(readFileSync(join(out, "annotate-agreement.md"), "utf8"), /Krippendorff alpha \(ordinal\)/);
});
