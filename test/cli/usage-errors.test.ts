/**
 * Every command and subcommand rejects an unknown flag and a bad value with one line and exit 2, never a stack
 * trace. Commands are discovered from lib/cli/commands (as the CLI does), so a command added later is covered.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import type { CliCommand } from "../../lib/cli/command";
import { joinNegativeValues, main } from "../../lib/cli/main";
import { libraryAsset } from "../../lib/paths";

/** Runs the CLI in this process; returns the exit code and what went to stderr. */
async function capture(argv: string[]): Promise<{ code: number; stderr: string[]; stdout: string[] }> {
  const stderr: string[] = [];
  const stdout: string[] = [];
  const originalError = console.error;
  const originalLog = console.log;
  const originalWrite = process.stderr.write.bind(process.stderr);
  console.error = (...parts: unknown[]) => stderr.push(parts.join(" "));
  console.log = (...parts: unknown[]) => stdout.push(parts.join(" "));
  process.stderr.write = ((text: string) => (stderr.push(String(text).trimEnd()), true)) as typeof process.stderr.write;
  try {
    return { code: await main(argv), stderr, stdout };
  } finally {
    console.error = originalError;
    console.log = originalLog;
    process.stderr.write = originalWrite;
  }
}

async function commands(): Promise<Array<{ name: string; command: CliCommand }>> {
  const directory = libraryAsset("cli", "commands");
  const names = readdirSync(directory).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts")).map((file) => file.slice(0, -3));
  return Promise.all(
    names.map(async (name) => ({ name, command: ((await import(pathToFileURL(join(directory, `${name}.ts`)).href)) as { command: CliCommand }).command })),
  );
}

test("every command and subcommand: --bogus is a one-line usage error, exit 2", async () => {
  const found = await commands();
  assert.ok(found.length >= 5, `found ${found.length} commands`);
  for (const { name, command } of found) {
    for (const words of [[name], ...(command.subcommands ?? []).map((sub) => [name, sub])]) {
      const { code, stderr } = await capture([...words, "--bogus"]);
      const label = words.join(" ");
      assert.equal(code, 2, `${label} --bogus exited ${code}: ${stderr.join("\n")}`);
      const lines = stderr.filter((line) => line.trim() !== "");
      assert.equal(lines.length, 1, `${label} --bogus: one line, got:\n${lines.join("\n")}`);
      assert.match(lines[0], /bogus/, label);
      // No advice about positionals starting with "-" (node:util parseArgs's; this CLI takes none).
      assert.doesNotMatch(lines[0], /positional argument/, label);
      assert.doesNotMatch(lines[0], /\bat .*:\d+:\d+/, `${label}: no stack trace`);
    }
  }
});

test("a negative --n says what is wrong instead of 'argument is ambiguous'", async () => {
  assert.deepEqual(joinNegativeValues(["inventory", "--n", "-5", "--json"]), ["inventory", "--n=-5", "--json"]);
  for (const argv of [["run", "inventory", "--n", "-5"], ["analyze", "rq1", "--n", "-5", "--dry-run"]]) {
    const { code, stderr } = await capture(argv);
    assert.equal(code, 2, argv.join(" "));
    assert.equal(stderr.filter((line) => line.trim() !== "").length, 1);
    assert.match(stderr.join("\n"), /--n must be a positive integer/);
  }
});
