import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../lib/paths";

// test/support/skip-summary.mjs, the reporter `npm test` closes with: it names every skip reason; in CI (CI=true) a
// skip whose reason is not on test/support/skip-allow-list.json fails the run (exit 1), and the summary says which.

const REPORTER = join(projectRoot(), "test", "support", "skip-summary.mjs");

function runTests(source: string, ci: string | undefined) {
  const folder = mkdtempSync(join(tmpdir(), "pt-skip-summary-"));
  try {
    const file = join(folder, "fixture.test.mjs");
    writeFileSync(file, `import { test } from "node:test";\n${source}\n`);
    const environment: NodeJS.ProcessEnv = { ...process.env, CI: ci };
    if (ci === undefined) delete environment.CI;
    delete environment.NODE_TEST_CONTEXT; // else the child thinks it runs inside this test file and runs nothing
    const result = spawnSync(process.execPath, ["--test", "--test-reporter=dot", "--test-reporter-destination=stdout", `--test-reporter=${REPORTER}`, "--test-reporter-destination=stdout", file], { encoding: "utf8", env: environment, timeout: 60_000 });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const MIXED = [
  `test("runs", () => {});`,
  `test("live", { skip: "needs an API key (OPENAI_API_KEY) for a live call" }, () => {});`,
  `test("data", { skip: "the real data not found: needs esconv/train.jsonl" }, () => {});`,
  `test("chromium", (t) => { t.skip("no headless Chromium"); });`,
].join("\n");

test("outside CI every skip is named with its count and the run passes", () => {
  const { status, output } = runTests(MIXED, undefined);
  assert.equal(status, 0, output);
  assert.match(output, /3 tests skipped: .*1 x needs an API key.*1 x the real data not found.*1 x no headless Chromium/);
  assert.doesNotMatch(output, /FAILED THE RUN/);
});

test("in CI a skip off the allow-list fails the run and the summary says which skips were allowed and which failed it", () => {
  const { status, output } = runTests(MIXED, "true");
  assert.equal(status, 1, output);
  assert.match(output, /3 tests skipped \(CI=true/);
  assert.match(output, /allowed: 1 x needs an API key \(OPENAI_API_KEY\) for a live call\n/);
  assert.match(output, /FAILED THE RUN: 1 x the real data not found: needs esconv\/train.jsonl; 1 x no headless Chromium\n/);
});

test("in CI only allowed skips (or none) pass", () => {
  const allowed = runTests(`test("live", { skip: "needs an API key (ANTHROPIC_API_KEY)" }, () => {});\ntest("local", { skip: "needs a local model server (LOCAL_LLM_BASE_URL)" }, () => {});`, "true");
  assert.equal(allowed.status, 0, allowed.output);
  assert.match(allowed.output, /allowed: 1 x needs an API key \(ANTHROPIC_API_KEY\); 1 x needs a local model server/);
  assert.doesNotMatch(allowed.output, /FAILED THE RUN/);
  const none = runTests(`test("runs", () => {});`, "true");
  assert.equal(none.status, 0, none.output);
  assert.doesNotMatch(none.output, /skipped/);
  // A failing test still fails the run when nothing was skipped (the reporter never resets the exit code).
  assert.equal(runTests(`test("fails", () => { throw new Error("x"); });`, "true").status, 1);
});

test("the allow-list is short and every entry says why CI may skip it", () => {
  const list = JSON.parse(readFileSync(join(projectRoot(), "test", "support", "skip-allow-list.json"), "utf8")) as { allowed: { prefix: string; why: string }[] };
  assert.ok(list.allowed.length > 0 && list.allowed.length <= 5, `${list.allowed.length} entries`);
  for (const entry of list.allowed) {
    assert.ok(entry.prefix.length >= 10 && entry.why.length >= 10, JSON.stringify(entry));
    assert.doesNotMatch(entry.prefix, /data|chromium|jupyter|browser|notebook/i, "CI has the data, Chromium and Jupyter");
  }
});
