/**
 * The built CLI takes its commands from a fixed list (lib/cli/command-list.ts) so each bundles as its own chunk;
 * the list must name every file in lib/cli/commands/, or a new command would be unreachable.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { commandNames, loadCommand } from "../../lib/cli/command-list";
import { libraryAsset, projectRoot } from "../../lib/paths";

test("the command list names exactly the files in lib/cli/commands/, and each loads", async () => {
  const files = readdirSync(libraryAsset("cli", "commands"))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => file.slice(0, -3))
    .sort();
  assert.deepEqual(commandNames(), files);
  for (const name of commandNames()) assert.equal(typeof (await loadCommand(name)).run, "function", name);
});

test("bin/persona-talks.js runs the built CLI when dist/ matches lib/, else the sources with exactly one line saying so", () => {
  const env = { ...process.env };
  delete env.PERSONA_TALKS_SOURCE;
  const child = spawnSync(process.execPath, [join(projectRoot(), "bin", "persona-talks.js"), "--help"], { cwd: projectRoot(), env, encoding: "utf8" });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /usage: persona-talks <command>/);
  for (const name of commandNames()) assert.match(child.stdout, new RegExp(`\\n  ${name} +\\S`), `${name} in --help`);
  const lines = child.stderr.split("\n").filter((line) => line.trim() !== "");
  const built = existsSync(join(projectRoot(), "dist", "cli.mjs"));
  if (lines.length) {
    assert.equal(lines.length, 1, child.stderr);
    assert.match(lines[0], /^persona-talks: the built CLI is (missing|older than lib\/); running the sources through tsx/);
  } else assert.ok(built, "no line only when the build is there and current");
});
