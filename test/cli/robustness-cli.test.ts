/**
 * `analyze robustness` at the command line (in-process): the dry run prints the design and every condition's calls
 * and cost before anything is sent (its time at --n 1155 is in the bench, not here); bad factors, levels, designs and
 * a grid over --max-calls stop with one line and exit 2, nothing sent.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { realDataSkip } from "../pipeline/helpers";
import { cliInProcess, stderrLines } from "../support/cli-in-process";

const scratch = mkdtempSync(join(tmpdir(), "pt-robustness-cli-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Answers in the cache folder's file (0 when no file was made). */
function answersIn(directory: string): number {
  const path = join(directory, "llm-cache.sqlite");
  if (!existsSync(path)) return 0;
  const db = new Database(path);
  try {
    return (db.prepare("SELECT COUNT(*) AS count FROM answers").get() as { count: number }).count;
  } finally {
    db.close();
  }
}

/** The lines a user sees, without the SIMULATED banner. */
const problemLines = (output: Parameters<typeof stderrLines>[0]) => stderrLines(output).filter((line) => !line.startsWith("SIMULATED"));

describe("analyze robustness --dry-run", { skip: realDataSkip }, () => {
  it("prints the design and every condition's calls and cost at --n 1155 (2 x 2 x 2 x 3)", async () => {
    const cache = join(scratch, "dry");
    const output = await cliInProcess(["analyze", "robustness", "--n", "1155", "--dry-run", "--inventory", "ipip-neo-120"], { PERSONA_TALKS_CACHE: cache });
    assert.equal(output.code, 0, output.stderr);
    assert.match(output.stdout, /Design: itemOrder 2 x optionOrder 2 x labels 2 x wording 3: 24 cells, 24 conditions \(full factorial\)/);
    const conditionLines = output.stdout.split("\n").filter((line) => /^ {2}\S+ +138600 +[\d,]+ +\$/.test(line));
    assert.equal(conditionLines.length, 12, "one paying line per condition with its own requests: 1155 personas x 120 statements");
    assert.ok(conditionLines[0].trimStart().startsWith("paper "), "the paper condition first");
    // A shuffled item order sends the paper order's requests (one statement per prompt): 0 new calls, counted once.
    const sameLines = output.stdout.split("\n").filter((line) => /^ {2}items-shuffled\S* +0 +0 +\$0 +\$0 +\(the requests of \S+, from the cache\)$/.test(line));
    assert.equal(sameLines.length, 12, output.stdout);
    const total = Number(/(\d+) calls, \d+ already cached, \d+ to make\./.exec(output.stdout)?.[1]);
    assert.ok(total < 13 * 138600 && total > 12 * 138600, `the total counts the 12 distinct conditions' answers once (and the persona stages): ${total}`);
    assert.equal(answersIn(cache), 0, "nothing sent");
  });

  it("states the half fraction's defining relation and aliases", async () => {
    const output = await cliInProcess(["analyze", "robustness", "--n", "3", "--dry-run", "--design", "half", "--inventory", "ipip-neo-120"], { PERSONA_TALKS_CACHE: join(scratch, "half") });
    assert.equal(output.code, 0, output.stderr);
    assert.match(output.stdout, /12 cells, 12 conditions \(half fraction \(I = -itemOrder\*optionOrder\*labels, resolution III\)\); aliases: itemOrder = -optionOrder\*labels/);
  });
});

describe("analyze robustness: bad input is one line, exit 2, nothing sent", { skip: realDataSkip }, () => {
  const cases: Array<[string, string[], RegExp]> = [
    ["an unknown factor", ["--factor", "itemorder"], /unknown factor "itemorder" in --factor itemorder; use one of itemOrder/],
    ["a factor with one level", ["--factor", "labels=words"], /factor labels has one level \(--factor labels=words\).*add one/],
    ["an unknown level", ["--factor", "optionOrder=paper,sideways"], /unknown level "sideways" of factor optionOrder.*use paper, reversed/],
    ["a grid over --max-calls (dry run)", ["--max-calls", "1000", "--dry-run"], /the grid plans \d+ calls .*over --max-calls 1000; nothing was sent\. Lower --n/],
    ["a grid over --max-calls", ["--max-calls", "1000"], /the grid plans \d+ calls .*over --max-calls 1000; nothing was sent/],
    ["repeats at temperature 0", ["--repeats", "2"], /--repeats 2 needs --temperature T > 0/],
  ];
  for (const [what, args, pattern] of cases) {
    it(what, async () => {
      const cache = join(scratch, what.replace(/\W+/g, "-"));
      const output = await cliInProcess(["analyze", "robustness", "--n", "30", "--out", join(scratch, "out"), "--quiet", "--inventory", "ipip-neo-120", ...args], { PERSONA_TALKS_CACHE: cache, PATH: "/nonexistent" });
      assert.equal(output.code, 2, output.stderr);
      const lines = problemLines(output);
      assert.equal(lines.length, 1, lines.join("\n"));
      assert.match(lines[0], pattern);
      assert.equal(answersIn(cache), 0, "nothing sent");
    });
  }
});

describe("analyze robustness reuses the ordinary run", { skip: realDataSkip }, () => {
  it("pays nothing for the paper cell after analyze psychometrics (RQ1's measurement) on the same personas: only the other cells are sent", async () => {
    const cache = join(scratch, "reuse");
    const common = ["--n", "4", "--dataset", "esconv", "--inventory", "ipip-neo-120", "--quiet"];
    const rq1 = await cliInProcess(["analyze", "psychometrics", ...common, "--out", join(scratch, "psychometrics")], { PERSONA_TALKS_CACHE: cache, PATH: "/nonexistent" });
    assert.equal(rq1.code, 0, rq1.stderr);
    const paid = (output: { stderr: string }) => Number(/Summary: \d+ done \((\d+) from cache, (\d+) paid\)/.exec(output.stderr)?.[2]);
    const first = paid(rq1);
    const grid = await cliInProcess(["analyze", "robustness", ...common, "--factor", "optionOrder", "--out", join(scratch, "grid")], { PERSONA_TALKS_CACHE: cache, PATH: "/nonexistent" });
    assert.equal(grid.code, 0, grid.stderr);
    const [, cached, sent] = /Summary: \d+ done \((\d+) from cache, (\d+) paid\)/.exec(grid.stderr)!.map(Number);
    assert.ok(cached >= first, `every call of the earlier run comes from the cache (${cached} cached, it paid ${first})`);
    assert.ok(sent >= 4 * 120 && sent <= 4 * 120 + 20, `only the options-reversed cell is sent (4 personas x 120 statements, a few repairs): ${sent}`);
  });
});
