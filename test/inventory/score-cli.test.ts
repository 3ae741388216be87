import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../lib/cli/main";
import { projectRoot } from "../../lib/paths";

const fixtures = join(projectRoot(), "test", "fixtures", "inventory");
const inventoryPath = join(fixtures, "tiny.json");
const answersPath = join(fixtures, "answers.csv");

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const originalLog = console.log;
  const originalError = console.error;
  console.log = (...parts: unknown[]) => stdout.push(parts.join(" "));
  console.error = (...parts: unknown[]) => stderr.push(parts.join(" "));
  try {
    const code = await main(["score", ...args]);
    return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
  } finally {
    console.log = originalLog;
    console.error = originalError;
  }
}

// Hand-computed in test/inventory/score-inventory.test.ts (fixture key in its header comment).
test("CSV mode prints respondent and domain columns; invalid answers go to stderr", async () => {
  const { code, stdout, stderr } = await run(["--inventory", inventoryPath, "--answers", answersPath]);
  assert.equal(code, 0);
  const lines = stdout.trim().split("\n");
  assert.equal(lines[0], "respondent,Warmth,Order,Calm");
  assert.equal(lines.length, 4);
  const [r1, r2, r3] = lines.slice(1).map((line) => line.split(","));
  assert.equal(r1[0], "r1");
  assert.ok(Math.abs(Number(r1[1]) - 4.2) < 1e-12);
  assert.ok(Math.abs(Number(r1[2]) - 3.5) < 1e-12);
  assert.ok(Math.abs(Number(r1[3]) - 11 / 3) < 1e-12);
  assert.equal(r2[2], ""); // Order missing: 3 of 4 valid
  assert.ok(Math.abs(Number(r2[1]) - 2.5) < 1e-12);
  assert.ok(Math.abs(Number(r3[3]) - 13 / 3) < 1e-12);
  assert.match(stderr, /respondent r2: 2 invalid \(item 7: "x", item 11: ""\)/);
  assert.match(stderr, /respondent r3: 2 invalid \(item 1: "6", item 8: "3\.5"\)/);
  assert.match(stderr, /4 invalid answer\(s\); 2 domain score\(s\) missing/);
  assert.doesNotMatch(stderr, /respondent r1/);
});

test("JSON mode prints exactly the domain keys, null for a missing domain, and invalidAnswers", async () => {
  const { code, stdout } = await run(["--inventory", inventoryPath, "--answers", answersPath, "--json"]);
  assert.equal(code, 0);
  const rows = JSON.parse(stdout);
  assert.equal(rows.length, 3);
  assert.deepEqual(Object.keys(rows[0]), ["respondent", "Warmth", "Order", "Calm", "invalidAnswers"]);
  assert.deepEqual(rows[1], { respondent: "r2", Warmth: 2.5, Order: null, Calm: 4 / 3, invalidAnswers: 2 });
  assert.equal(rows[0].Warmth, 4.2);
});

test("--min-valid and --facets change the rule and add facet scores", async () => {
  const json = await run(["--inventory", inventoryPath, "--answers", answersPath, "--json", "--min-valid", "0.7", "--facets"]);
  const rows = JSON.parse(json.stdout);
  assert.ok(Math.abs(rows[1].Order - 10 / 3) < 1e-12);
  assert.ok(Math.abs(rows[2].Order - 4 / 3) < 1e-12);
  assert.equal(rows[1].facets.Warmth.Kindness, null);
  assert.equal(rows[0].facets.Order.Tidiness, 4.5);
  const csv = await run(["--inventory", inventoryPath, "--answers", answersPath, "--facets"]);
  assert.equal(
    csv.stdout.split("\n")[0],
    "respondent,Warmth,Order,Calm,Warmth/Kindness,Warmth/Sociability,Order/Tidiness,Order/Planning,Calm/Patience,Calm/Composure",
  );
});

test("bad options exit 2; bad files exit 4 (data error) naming file and field", async () => {
  assert.equal((await run(["--answers", answersPath])).code, 2);
  assert.equal((await run(["--inventory", inventoryPath])).code, 2);
  assert.equal((await run(["--inventory", inventoryPath, "--answers", answersPath, "--min-valid", "1.2"])).code, 2);
  assert.equal((await run(["--inventory", inventoryPath, "--answers", answersPath, "--min-valid", "most"])).code, 2);
  assert.equal((await run(["--inventory", inventoryPath, "--answers", answersPath, "--bogus"])).code, 2);
  const folder = mkdtempSync(join(tmpdir(), "score-cli-"));
  try {
    const bad = join(folder, "bad.csv");
    writeFileSync(bad, "who,1,2\nA,1,2\n");
    const result = await run(["--inventory", inventoryPath, "--answers", bad]);
    assert.equal(result.code, 4, "a data error");
    assert.match(result.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*field "respondent"`));
    const missing = await run(["--inventory", join(folder, "none.json"), "--answers", answersPath]);
    assert.equal(missing.code, 4, "a data error");
    assert.match(missing.stderr, /none\.json/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("the bin script runs the command end to end", async () => {
  const { spawnSync } = await import("node:child_process");
  const result = spawnSync(
    process.execPath,
    [join(projectRoot(), "bin", "persona-talks.js"), "score", "--inventory", inventoryPath, "--answers", answersPath, "--json"],
    { encoding: "utf8", cwd: projectRoot() },
  );
  assert.equal(result.status, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout)[2].Warmth, 3.75);
});

test("two inventories, one answers file each: one wide row per respondent with <name>:<domain> columns", async () => {
  const folder = mkdtempSync(join(tmpdir(), "pt-score-two-"));
  try {
    const mood = join(projectRoot(), "test", "fixtures", "inventories", "mood6.json");
    const moodAnswers = join(folder, "mood.csv");
    // Items 2, 4, 6 are reversed: r1 keyed Cheer (4 + 6-2)/2 = 4, Calm (3 + 6-3)/2 = 3, Drive (5 + 6-1)/2 = 5.
    writeFileSync(moodAnswers, "respondent,1,2,3,4,5,6\nr1,4,2,3,3,5,1\n");
    const { code, stdout } = await run(["--inventory", inventoryPath, "--answers", answersPath, "--inventory", mood, "--answers", moodAnswers]);
    assert.equal(code, 0);
    const lines = stdout.trim().split("\n");
    assert.equal(lines[0], "respondent,TINY-12:Warmth,TINY-12:Order,TINY-12:Calm,MOOD-6:Cheer,MOOD-6:Calm,MOOD-6:Drive");
    assert.deepEqual(lines[1].split(",").slice(4), ["4", "3", "5"]);
    assert.equal(lines[2].split(",").slice(4).join(","), ",,", "r2 has no MOOD-6 answers: empty cells");
    const unequal = await run(["--inventory", inventoryPath, "--answers", answersPath, "--inventory", mood]);
    assert.equal(unequal.code, 2);
    assert.match(unequal.stderr, /one --answers file per --inventory/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
