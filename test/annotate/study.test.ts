import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { annotatorPlan } from "../../lib/annotate/annotator-plan";
import { createStudy, loadStudy } from "../../lib/annotate/study-file";
import { studyOverview } from "../../lib/annotate/study-overview";
import { readStudyJudgements, studyProgress } from "../../lib/annotate/study-progress";
import { studyResults, writeStudyResults } from "../../lib/annotate/study-results";
import { openStudyStore } from "../../lib/annotate/study-store";
import { serveStudy } from "../../lib/annotate/server";
import { request as httpRequest } from "node:http";
import { inviteAnnotators } from "../../lib/annotate/invite";
import { openLink } from "./link-client";
import { annotateCli } from "./cli-runner";
import { writeRq3Fixture } from "./study-fixture";

const work = mkdtempSync(join(tmpdir(), "annotate-study-"));
after(() => rmSync(work, { recursive: true, force: true }));
const rq3 = writeRq3Fixture(join(work, "rq3"), 6);

test("create draws complete pairs with the seed, keeps the LLM rows of those pairs, and refuses to overwrite", () => {
  const { study } = createStudy({ from: rq3, pairs: 4, seed: 7, out: join(work, "a") });
  const again = createStudy({ from: rq3, pairs: 4, seed: 7, out: join(work, "b") }).study;
  assert.deepEqual(study.pairs.map((pair) => pair.pairId), again.pairs.map((pair) => pair.pairId));
  assert.equal(study.pairs.length, 4);
  assert.ok(study.pairs.every((pair) => pair.first.condition === "both" && pair.second.condition === "none"));
  assert.ok(!study.pairs.some((pair) => pair.pairId === "pair:failed"));
  const llm = readFileSync(join(work, "a", "llm-judgements.jsonl"), "utf8").trim().split("\n");
  assert.equal(llm.length, 4 * 5);
  assert.throws(() => createStudy({ from: rq3, pairs: 4, seed: 7, out: join(work, "a") }), /already holds a study/);
  assert.throws(() => createStudy({ from: rq3, pairs: 9, seed: 7, out: join(work, "c") }), /only 6 complete pairs/);
  assert.throws(() => createStudy({ from: join(work, "nowhere"), out: join(work, "d") }), /analyze rq3/);
});

test("plans differ between annotators, are stable per name, and are recorded on the first visit", () => {
  const study = loadStudy(join(work, "a"));
  const alice = annotatorPlan(study, "Alice");
  assert.deepEqual(annotatorPlan(study, "  Alice "), alice);
  const others = ["Bob", "Carol", "Dan", "Eve"].map((name) => annotatorPlan(study, name));
  assert.ok(others.some((plan) => JSON.stringify(plan) !== JSON.stringify(alice)), "every annotator got the same order and placement");
  assert.deepEqual([...alice.map((entry) => entry.pairId)].sort(), study.pairs.map((pair) => pair.pairId).sort());
  const store = openStudyStore(join(work, "a"), study);
  try {
    // The recorded plan is the study order above, with practice pairs before it and attention checks among it.
    const recorded = store.planOf("Alice");
    assert.deepEqual(recorded.filter((entry) => entry.kind === "study").map(({ pairId, swapped }) => ({ pairId, swapped })), alice.map(({ pairId, swapped }) => ({ pairId, swapped })));
    assert.equal(recorded.filter((entry) => entry.kind === "practice").length, 2);
    assert.equal(recorded.filter((entry) => entry.kind === "attention").length, 2);
    const saved = store.save("Alice", alice[0].pairId, "Overall", "left");
    assert.equal(saved.outcome, alice[0].swapped ? "loss" : "win");
    store.save("Alice", alice[0].pairId, "Overall", "right");
    assert.equal(store.judgements("Alice").length, 1, "a changed answer replaces the earlier one");
    assert.equal(store.judgements("Alice")[0].answer, "right");
    assert.throws(() => store.save("Alice", "pair:nope", "Overall", "left"), /unknown pair/);
    assert.throws(() => store.save("Alice", alice[0].pairId, "Empathy", "left"), /unknown criterion/);
    assert.throws(() => store.save("", alice[0].pairId, "Overall", "left"), /1 to 80 characters/);
  } finally {
    store.close();
  }
  assert.equal(studyProgress(join(work, "a")).totalJudgements, 1);
});

test("results: Table 9 from outcomes (not screen sides), agreement and human vs LLM tables are written", () => {
  const directory = join(work, "b");
  const study = loadStudy(directory);
  const store = openStudyStore(directory, study);
  // Both annotators always prefer the with-persona dialogue, wherever it is shown.
  for (const name of ["Ann", "Ben"]) {
    for (const entry of store.planOf(name)) {
      // 20 s per answer: above the protocol's default minimum median time per pair.
      for (const criterion of ["Suggestion", "Consistency", "Comforting", "Identification", "Overall"]) store.save(name, entry.pairId, criterion, entry.swapped ? "right" : "left", { ms: 20_000 });
    }
  }
  store.close();
  const results = studyResults(directory, { resamples: 50 });
  assert.ok(results.pairwise.every((row) => row.winShare === 1 && row.n === 8));
  assert.ok(results.agreement.every((row) => row.items === 4 && row.fleissRaters === 2 && Number.isNaN(row.alpha)), "no variation: alpha undefined");
  assert.equal(results.llmAgreement.length, 5);
  const out = join(work, "results");
  const files = writeStudyResults(results, out);
  for (const name of ["annotate-table9.md", "annotate-table9.csv", "annotate-table9-majority.md", "annotate-agreement.md", "annotate-human-vs-llm.md", "annotate-paper-table9.md", "judgements.csv", "summary.json"]) {
    assert.ok(files.includes(join(out, name)), `${name} missing`);
  }
  assert.match(readFileSync(join(out, "annotate-table9.md"), "utf8"), /\| Overall \| \*\*100%\*\*/);
});

const cli = annotateCli;

test("the CLI: create, results, and one-line usage errors with exit code 2", async () => {
  const out = join(work, "cli-study");
  const created = await cli("create", "--from", rq3, "--pairs", "3", "--seed", "1", "--out", out);
  assert.equal(created.status, 0, created.stderr);
  assert.ok(existsSync(join(out, "study.json")));
  const results = await cli("results", "--study", out, "--out", join(work, "cli-results"), "--resamples", "20");
  assert.equal(results.status, 0, results.stderr);
  assert.match(results.stdout, /0 judgements by 0 annotator/);
  const bad = await cli("serve", "--study", out, "--prot", "1");
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split("\n").length, 1, bad.stderr);
  assert.match(bad.stderr, /Unknown option '--prot'.*usage: persona-talks annotate/);
  assert.equal((await cli("create", "--from", rq3)).status, 2);
  assert.equal((await cli("create", "--from", rq3, "--out", join(work, "e"), "--pairs", "0")).status, 2);
  assert.equal((await cli("judge")).status, 2);
  // A missing study is a data problem (1 today; 4 once lib/cli/main.ts maps data errors to the shared exit code 4).
  assert.ok([1, 4].includes((await cli("results", "--study", join(work, "nowhere"), "--out", join(work, "x"))).status));
});

test("the CLI: invite prints one private link per annotator, refuses a second link for one name, revoke ends it", async () => {
  const out = join(work, "cli-invite");
  assert.equal((await cli("create", "--from", rq3, "--pairs", "3", "--seed", "1", "--out", out)).status, 0);
  const named = await cli("invite", "--study", out, "--names", "Ann,Ben", "--public-url", "https://study.example.org");
  assert.equal(named.status, 0, named.stderr);
  const lines = named.stdout.split("\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^ann\thttps:\/\/study\.example\.org\/#[A-Za-z0-9_-]{43}$/);
  assert.match(lines[1], /^ben\t/);
  const counted = await cli("invite", "--study", out, "--annotators", "2");
  assert.deepEqual(counted.stdout.split("\n").map((line) => line.split("\t")[0]), ["annotator-1", "annotator-2"]);
  assert.match(counted.stdout, /http:\/\/127\.0\.0\.1:8377\/#/);
  // "ANN" and "A\u200Bnn" are Ann: refused with one line and exit 2.
  for (const name of ["ANN", "A\u200Bnn"]) {
    const again = await cli("invite", "--study", out, "--names", name);
    assert.equal(again.status, 2);
    assert.equal(again.stderr.split("\n").length, 1);
    assert.match(again.stderr, /"ann" already has a link; revoke it first/);
  }
  assert.equal((await cli("invite", "--study", out)).status, 2);
  assert.equal((await cli("revoke", "--study", out, "--annotator", "Ann")).status, 0);
  assert.equal((await cli("revoke", "--study", out, "--annotator", "Ann")).status, 2);
  assert.equal((await cli("invite", "--study", out, "--names", "ann")).status, 0, "a revoked name can get a new link");
});

test("a study folder from before links and the protocol is read and served after an upgrade", () => {
  const directory = join(work, "old");
  const { study } = createStudy({ from: rq3, pairs: 2, seed: 9, out: directory });
  rmSync(join(directory, "protocol.json"));
  // The first version's tables, with one answer in them.
  const database = new Database(join(directory, "judgements.sqlite"));
  database.exec(`CREATE TABLE annotators (annotator TEXT PRIMARY KEY, started_at TEXT NOT NULL);
    CREATE TABLE assignments (annotator TEXT NOT NULL, pair_id TEXT NOT NULL, position INTEGER NOT NULL, swapped INTEGER NOT NULL, PRIMARY KEY (annotator, pair_id));
    CREATE TABLE judgements (annotator TEXT NOT NULL, pair_id TEXT NOT NULL, criterion TEXT NOT NULL, answer TEXT NOT NULL, swapped INTEGER NOT NULL, outcome TEXT NOT NULL, position INTEGER NOT NULL, saved_at TEXT NOT NULL, PRIMARY KEY (annotator, pair_id, criterion));`);
  database.prepare("INSERT INTO annotators VALUES ('old', '2026-01-01')").run();
  database.prepare("INSERT INTO assignments VALUES ('old', ?, 0, 0)").run(study.pairs[0].pairId);
  database.prepare("INSERT INTO judgements VALUES ('old', ?, 'Overall', 'left', 0, 'win', 0, '2026-01-01')").run(study.pairs[0].pairId);
  database.close();
  assert.deepEqual(
    readStudyJudgements(directory).judgements.map((row) => [row.annotator, row.kind, row.outcome, row.ms]),
    [["old", "study", "win", 0]],
  );
  // Invited by the same name, the old annotator keeps the recorded plan and answer.
  const [link] = inviteAnnotators(directory, { names: ["Old"] });
  assert.match(link.link, /#/);
  const store = openStudyStore(directory, study);
  assert.deepEqual(store.planOf("old").map((entry) => [entry.pairId, entry.kind]), [[study.pairs[0].pairId, "study"]]);
  store.close();
});

test("the notebook overview says how to make a study when there is none, and shows progress and tables when there is", () => {
  const none = studyOverview(join(work, "no-study-here"), { rq3Directory: "out/rq3" });
  assert.equal(none.results, undefined);
  assert.match(none.message, /annotate create --from out\/rq3 --pairs 50 --seed 1 --out .*no-study-here/);
  const some = studyOverview(join(work, "b"), { resamples: 20 });
  assert.match(some.message, /4 pairs, 2 annotator\(s\) \(2 finished\), 40 judgements; 4 pairs judged by two or more/);
  assert.deepEqual(some.results?.tables.map((table) => table.name), ["annotate-table9", "annotate-table9-majority", "annotate-paper-table9", "annotate-agreement", "annotate-human-vs-llm", "annotate-exclusions"]);
});

test("the server answers only its own loopback host names and never sends outcomes or placement", async () => {
  const server = await serveStudy(join(work, "a"), { port: 0 });
  try {
    const status = (host: string) =>
      new Promise<number>((resolveStatus, reject) => {
        const request = httpRequest({ host: "127.0.0.1", port: server.port, path: "/", headers: { host } }, (response) => {
          response.resume();
          resolveStatus(response.statusCode ?? 0);
        });
        request.on("error", reject);
        request.end();
      });
    assert.equal(await status(`127.0.0.1:${server.port}`), 200);
    assert.equal(await status(`localhost:${server.port}`), 200);
    assert.equal(await status(`attacker.example:${server.port}`), 421);
    // Answers come through a private link (annotate invite) now: the session cookie and the page's request token.
    const [zed] = inviteAnnotators(join(work, "a"), { names: ["Zed"] });
    const session = await openLink(server.url, zed.link);
    const response = await session.answer(0, "Overall", "tie");
    const body = await response.json();
    assert.deepEqual(Object.keys(body).sort(), ["answer", "criterion", "ok", "pairsDone", "saved"]);
    const bad = await session.post("/api/judgements", "{not json");
    assert.equal(bad.status, 400);
    // Without a link: refused, whatever the body says.
    const anonymous = await fetch(`${server.url}api/judgements`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ annotator: "Zed", position: 0, criterion: "Overall", answer: "tie" }) });
    assert.equal(anonymous.status, 403);
  } finally {
    await server.close();
  }
});
