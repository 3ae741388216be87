import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { annotatorPlan } from "../../lib/annotate/annotator-plan";
import { outcomeOfAnswer, type Answer } from "../../lib/annotate/criteria";
import { serveStudy, type StudyServer } from "../../lib/annotate/server";
import { createStudy, loadStudy, type Study } from "../../lib/annotate/study-file";
import { studyResults, writeStudyResults } from "../../lib/annotate/study-results";
import { openStudyStore } from "../../lib/annotate/study-store";
import { CHROMIUM_ARGS } from "../../lib/export/figure-exporter";
import { findChromium } from "../../lib/export/find-browser";
import { JUDGE_CRITERIA } from "../../lib/prompts/parse-judgement";
import { HOSTILE_TEXT, writeRq3Fixture } from "./study-fixture";

// The annotation page in a real (Debian) Chromium: two annotators judge every pair with the keyboard only,
// one reloads in the middle of a pair, and the stored judgements and the results table are checked.
const lookup = findChromium();
const skip = lookup.executablePath ? false : `no headless Chromium (${lookup.reason}); install it with \`apt-get install chromium\``;

const PAIRS = 3;
const work = mkdtempSync(join(tmpdir(), "annotate-page-"));
let study: Study;
let server: StudyServer;
let browser: Browser;

before(async () => {
  if (skip) return;
  const directory = join(work, "study");
  study = createStudy({ from: writeRq3Fixture(join(work, "rq3"), 4), pairs: PAIRS, seed: 5, out: directory }).study;
  server = await serveStudy(directory, { port: 0 });
  browser = await chromium.launch({ executablePath: lookup.executablePath!, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The answer annotator `who` gives on pair position p, criterion c (screen side), and the key that gives it. */
function answerFor(who: number, position: number, criterion: number): Answer {
  return (["left", "tie", "right"] as const)[(who + position * 2 + criterion) % 3];
}
const KEYS: Record<Answer, [string, string]> = { left: ["1", "ArrowLeft"], tie: ["2", "ArrowDown"], right: ["3", "ArrowRight"] };

async function savedCount(page: Page): Promise<number> {
  return Number(await page.locator("#saved-count").textContent());
}

/** Presses the key for one answer and waits until the server has confirmed it. */
async function press(page: Page, answer: Answer, useArrows: boolean): Promise<void> {
  const before = await savedCount(page);
  const isLastOpen = (await page.locator('.criterion[data-answer=""]').count()) === 1;
  await page.keyboard.press(KEYS[answer][useArrows ? 1 : 0]);
  if (isLastOpen) await page.waitForURL((url) => url.searchParams.get("pair") === null, { timeout: 10_000 });
  await page.waitForFunction((count) => Number(document.querySelector("#saved-count")?.textContent) === count || document.querySelector("#done") !== null, before + 1, { timeout: 10_000 });
}

async function annotate(page: Page, who: number, name: string, reloadAt?: { position: number; criterion: number }): Promise<void> {
  await page.goto(server.url);
  await page.locator("#name").fill(name);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#annotate");
  for (let position = 0; position < PAIRS; position++) {
    await page.waitForFunction((expected) => document.querySelector("#pair-number")?.textContent === String(expected), position + 1);
    for (let criterion = 0; criterion < JUDGE_CRITERIA.length; criterion++) {
      if (reloadAt && reloadAt.position === position && reloadAt.criterion === criterion) {
        await page.reload();
        await page.waitForSelector("#annotate");
        // Resumed on the same pair, the answered criteria kept and the first open one highlighted.
        assert.equal(await page.locator("#pair-number").textContent(), String(position + 1));
        assert.equal(await savedCount(page), position * 5 + criterion);
        assert.equal(await page.locator(".criterion.active").getAttribute("data-criterion"), JUDGE_CRITERIA[criterion]);
      }
      await press(page, answerFor(who, position, criterion), (position + criterion) % 2 === 1);
    }
  }
  await page.waitForSelector("#done");
}

test("two annotators judge every pair by keyboard, one reloads mid-pair; judgements and Table 9 are right", { skip, timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  // Blind and escaped: no condition, dialogue id or pair id in the page; the markup in a turn is text.
  await page.goto(`${server.url}annotate?name=${encodeURIComponent("Probe <i>")}`);
  const html = await page.content();
  for (const secret of ["/both", "/none", "pair:esconv", "condition"]) assert.ok(!html.includes(secret), `page reveals ${secret}`);
  assert.ok(await page.locator("header").textContent().then((text) => text!.includes("Probe <i>")));

  await annotate(page, 0, "Alice", { position: 1, criterion: 2 });
  // A fresh browser context: nothing carried over but the name the second annotator types.
  const second = await browser.newContext();
  const bobPage = await second.newPage();
  await annotate(bobPage, 1, "Bob");

  // Escaping: find the pair with the hostile turn and check it is shown as text and never ran.
  const hostile = study.pairs.findIndex((pair) => pair.first.turns.some((turn) => turn.text.includes("<script>")));
  const bobPosition = annotatorPlan(study, "Bob").findIndex((entry) => entry.pairId === study.pairs[hostile].pairId);
  await bobPage.goto(`${server.url}annotate?name=Bob&pair=${bobPosition + 1}`);
  assert.ok((await bobPage.locator(".dialogue").first().textContent())!.includes(HOSTILE_TEXT));
  assert.equal(await bobPage.evaluate(() => (window as unknown as { injected?: number }).injected), undefined);
  // Placement as recorded: the fixture marks the with-persona turns, which sit on the right when swapped.
  const swapped = annotatorPlan(study, "Bob")[bobPosition].swapped;
  assert.equal((await bobPage.locator(".dialogue").first().textContent())!.includes("WITHTRAITS"), !swapped);
  assert.equal((await bobPage.locator(".dialogue").nth(1).textContent())!.includes("WITHTRAITS"), swapped);
  await second.close();
  assert.deepEqual(pageErrors, []);

  // Stored: every answer as pressed, mapped to outcomes through each annotator's recorded placement.
  const directory = join(work, "study");
  const store = openStudyStore(directory, loadStudy(directory), { readonly: true });
  const stored = store.judgements();
  store.close();
  const annotators = ["Alice", "Bob"];
  assert.equal(stored.filter((row) => annotators.includes(row.annotator)).length, 2 * PAIRS * 5);
  const expectedOutcomes: Record<string, Record<string, number>> = {};
  annotators.forEach((name, who) => {
    const plan = annotatorPlan(study, name);
    for (const entry of plan) {
      JUDGE_CRITERIA.forEach((criterion, index) => {
        const answer = answerFor(who, entry.position, index);
        const row = stored.find((judgement) => judgement.annotator === name && judgement.pairId === entry.pairId && judgement.criterion === criterion);
        assert.ok(row, `${name} ${entry.pairId} ${criterion} not stored`);
        assert.equal(row.answer, answer);
        assert.equal(row.swapped, entry.swapped);
        assert.equal(row.outcome, outcomeOfAnswer(answer, entry.swapped));
        const tally = (expectedOutcomes[criterion] ??= { win: 0, tie: 0, loss: 0 });
        tally[row.outcome]++;
      });
    }
  });

  // Results: Table 9 counts the outcomes above (the probe annotator answered nothing).
  const results = studyResults(directory, { resamples: 100 });
  for (const row of results.pairwise) {
    const tally = expectedOutcomes[row.criterion];
    assert.deepEqual([row.wins, row.ties, row.losses], [tally.win, tally.tie, tally.loss], row.criterion);
  }
  assert.ok(results.agreement.every((row) => row.items === PAIRS && row.fleissRaters === 2));
  const out = join(work, "results");
  writeStudyResults(results, out);
  const table9 = readFileSync(join(out, "annotate-table9.csv"), "utf8");
  assert.match(table9, /Overall/);
  assert.match(readFileSync(join(out, "annotate-agreement.md"), "utf8"), /Krippendorff alpha \(ordinal\)/);
});
