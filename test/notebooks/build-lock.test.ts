import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchProject } from "../support/scratch-project";

// Kernels and test files prepare the notebook library concurrently (npm test runs two files at a time, and the
// notebook test two kernels). Without the lock, two tsc runs wrote the same declarations while a kernel read them.

/** Runs `script` in a node child with the scratch project's loader as `loader`; resolves with its stdout. */
function child(root: string, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const code = `const loader = require(${JSON.stringify(join(root, "notebooks", "persona-talks.cjs"))});\n${script}`;
    const process_ = spawn(process.execPath, ["-e", code], { env: { ...process.env, PERSONA_TALKS_ROOT: root }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    process_.stdout.on("data", (chunk) => (out += chunk));
    process_.stderr.on("data", (chunk) => (err += chunk));
    process_.on("close", (status) => (status === 0 ? resolve(out) : reject(new Error(`child exited ${status}: ${err}`))));
  });
}

test("two processes never hold the build lock at once, and a lock left by an ended process is taken over", { timeout: 120_000 }, async () => {
  const scratch = scratchProject("persona-talks-lock-");
  try {
    const timed = `const t = []; loader.withBuildLock(() => { t.push(Date.now()); const end = Date.now() + 400; while (Date.now() < end); t.push(Date.now()); }); console.log(JSON.stringify(t));`;
    const holdOneAtATime = async () => {
      const intervals = (await Promise.all([0, 1, 2].map(() => child(scratch.root, timed)))).map((out) => JSON.parse(out) as [number, number]);
      intervals.sort((a, b) => a[0] - b[0]);
      for (let index = 1; index < intervals.length; index += 1) {
        assert.ok(intervals[index][0] >= intervals[index - 1][1], `held at once: ${JSON.stringify(intervals)}`);
      }
    };
    await holdOneAtATime();
    const lock = join(scratch.root, ".jupyter", "build", ".prepare.lock");
    assert.equal(existsSync(lock), false, "released");
    // Up to date first (the checkout's build may predate an edit under lib/), so that what follows builds nothing.
    await child(scratch.root, "loader.prepare()");
    // A kernel stopped mid-build leaves its lock: a pid that no longer runs.
    const ended = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    mkdirSync(join(scratch.root, ".jupyter", "build"), { recursive: true });
    writeFileSync(lock, ended.stdout.trim());
    assert.deepEqual(JSON.parse(await child(scratch.root, "console.log(JSON.stringify(loader.prepare()))")), { types: false, bundle: false });
    assert.equal(existsSync(lock), false);
    // Three processes finding the same stale lock at once: one takes it over, the others wait their turn.
    writeFileSync(lock, ended.stdout.trim());
    await holdOneAtATime();
    assert.equal(existsSync(lock), false);
  } finally {
    scratch.remove();
  }
});

test("two forced prepares at once both finish, and the bundle they leave loads", { timeout: 300_000 }, async () => {
  const scratch = scratchProject("persona-talks-lock-");
  try {
    const outs = await Promise.all([0, 1].map(() => child(scratch.root, "console.log(JSON.stringify(loader.prepare({ force: true })))")));
    for (const out of outs) assert.deepEqual(JSON.parse(out), { types: true, bundle: true });
    const loaded = await child(scratch.root, "console.log(typeof loader.load({ quiet: true }).session)");
    assert.equal(loaded.trim(), "function");
  } finally {
    scratch.remove();
  }
});
