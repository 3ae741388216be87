import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../../lib/paths";
import { realDataDirectory, realDataSkip, temporaryCache } from "./helpers";

// `run inventory --cards FILE`: a researcher's own cards (a role-play benchmark's shape) measured on sim.
function run(args: string[], cacheDirectory: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OPENAI|ANTHROPIC|LOCAL_LLM)_/.test(name)));
  return spawnSync(process.execPath, [join(projectRoot(), "bin", "persona-talks.js"), "run", "inventory", ...args], {
    cwd: projectRoot(),
    env: { ...env, PERSONA_TALKS_DATA: realDataDirectory() ?? "", PERSONA_TALKS_CACHE: cacheDirectory },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

test("run inventory --cards FILE --n N --json scores N own personas and reports the mapping", { skip: realDataSkip, timeout: 120_000 }, () => {
  const cache = temporaryCache();
  try {
    const file = join(cache.directory, "cards.jsonl");
    const ages = ["Not mentioned", "26", "in her forties", "teenager"];
    writeFileSync(file, ages.map((age, index) => JSON.stringify({ Age: age, Gender: index % 2 ? "Male" : "Female", Occupation: "teacher", Problem: `Problem number ${index}.` })).join("\n") + "\n");
    const result = run(["--cards", file, "--source", "roleplay", "--n", "3", "--json"], cache.directory);
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout);
    assert.equal(output.count, 3);
    assert.equal(output.dataset, "roleplay");
    assert.equal(output.mapping.cards, 4);
    assert.equal(output.mapping.defaulted.id.count, 4);
    assert.deepEqual(output.scores.map((row: { personaId: string }) => row.personaId.split(":")[0]), ["roleplay", "roleplay", "roleplay"]);
    assert.equal(output.statistics[0].dataset, "roleplay");
    assert.equal(output.statistics[0].personas, 3);
    assert.match(result.stderr, /Read 4 persona cards .* as source "roleplay"/);
    assert.match(result.stderr, /"in her forties" -> middle-aged/);
    const dry = run(["--cards", file, "--n", "2", "--dry-run", "--json"], cache.directory);
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal(JSON.parse(dry.stdout).dryRun, true);
    const wrong = run(["--cards", file, "--dataset", "cams"], cache.directory);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /--cards FILE or --dataset/);
  } finally {
    cache.remove();
  }
});
