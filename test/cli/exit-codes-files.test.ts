/**
 * The exit-code table extended to files and folders (README "Exit codes"): everything a user can cause with a
 * file or a folder ends in ONE line on stderr (no stack trace) and the stated code. One test per row.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { projectRoot } from "../../lib/paths";
import { realDataDirectory, realDataSkip, wellFormedReply, promptKind } from "../pipeline/helpers";
import { startOpenAiServer, type LoopbackServer } from "../support/openai-server";
import { cli, type Output } from "../support/cli-child";
import { cliInProcess, stderrLines } from "../support/cli-in-process";

const scratch = mkdtempSync(join(tmpdir(), "pt-exit-codes-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Exactly one line on stderr, the stated code, no stack trace. */
function assertOneLine(output: Output, code: number, pattern: RegExp): string {
  const lines = stderrLines(output);
  assert.equal(output.code, code, `exit ${output.code}, stderr:\n${output.stderr}`);
  assert.equal(lines.length, 1, `one line on stderr, got:\n${output.stderr}`);
  assert.doesNotMatch(output.stderr, /\n\s+at /, "no stack trace");
  assert.match(lines[0], pattern);
  return lines[0];
}

/** Every file in a folder with its bytes. */
function snapshot(directory: string): Record<string, string> {
  return Object.fromEntries(readdirSync(directory).sort().map((name) => [name, readFileSync(join(directory, name)).toString("base64")]));
}

describe("a cache file that is not a persona-talks cache: exit 4, naming the file and the fix, nothing changed", () => {
  const cases: Array<[string, (path: string) => void]> = [
    ["garbage bytes", (path) => writeFileSync(path, Buffer.from(Array.from({ length: 3000 }, (_, index) => (index * 37 + 11) % 256)))],
    [
      "a truncated cache",
      (path) => {
        const db = new Database(path);
        db.pragma("journal_mode = WAL");
        db.exec("CREATE TABLE filler (x TEXT)");
        const insert = db.prepare("INSERT INTO filler VALUES (?)");
        for (let index = 0; index < 200; index++) insert.run("x".repeat(500));
        db.close();
        writeFileSync(path, readFileSync(path).subarray(0, 30_000));
      },
    ],
    [
      "another program's SQLite file",
      (path) => {
        const db = new Database(path);
        db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
        db.close();
      },
    ],
    [
      "a persona-talks version with a damaged schema",
      (path) => {
        const db = new Database(path);
        db.exec("CREATE TABLE answers (key BLOB PRIMARY KEY, other TEXT)");
        db.pragma("user_version = 1");
        db.close();
      },
    ],
  ];
  for (const [name, make] of cases) {
    test(name, async () => {
      const directory = join(scratch, `cache-${name.replace(/\W+/g, "-")}`);
      mkdirSync(directory);
      const path = join(directory, "llm-cache.sqlite");
      make(path);
      const before = snapshot(directory);
      const output = await cliInProcess(["run", "extract", "--dataset", "esconv", "--n", "1"], { PERSONA_TALKS_CACHE: directory });
      const line = assertOneLine(output, 4, /PERSONA_TALKS_CACHE/);
      assert.ok(line.includes(path), line);
      assert.match(line, /restore it/);
      assert.deepEqual(snapshot(directory), before, "the cache folder is unchanged: no bytes written, no -wal/-shm file");
    });
  }
});

describe("--out that cannot be written: exit 2 before any work", { skip: realDataSkip }, () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startOpenAiServer({ responder: wellFormedReply });
  });
  after(() => server.close());

  test("--out under a regular file (README.md/x): exit 2, no call", async () => {
    const output = await cliInProcess(["analyze", "rq1", "--n", "1", "--provider", "openai", "--model", "gpt-4o-mini", "--out", join(projectRoot(), "README.md", "x"), "--quiet"], {
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: server.baseURL,
      PERSONA_TALKS_CACHE: join(scratch, "out-cache"),
    });
    assertOneLine(output, 2, /--out .*README\.md\/x: .*README\.md is a file, not a folder/);
    assert.equal(server.requests.length, 0, "no call was sent");
    assert.equal(existsSync(join(scratch, "out-cache")), false, "no cache was even opened");
  });

  test("--out /proc/nope/out (where mkdir -p never returns): exit 2 at once", { skip: existsSync("/proc/self") ? false : "needs /proc" }, async () => {
    // A child process: the old behaviour spun forever inside one synchronous mkdirSync call.
    const output = await cli(["analyze", "rq1", "--n", "1", "--out", "/proc/nope/out", "--quiet"], { PERSONA_TALKS_CACHE: join(scratch, "proc-cache") }, 60_000);
    assertOneLine(output, 2, /--out \/proc\/nope\/out: cannot create it/);
  });
});

describe("input files named by flags", () => {
  const missing = join(scratch, "no-such-file");
  const binary = join(scratch, "binary.bin");
  const headerOnly = join(scratch, "header-only.csv");
  const empty = join(scratch, "empty.csv");
  before(() => {
    writeFileSync(binary, Buffer.from(Array.from({ length: 600 }, (_, index) => (index * 151 + 7) % 256)));
    writeFileSync(headerOnly, "respondent,1,2,3\n");
    writeFileSync(empty, "");
  });
  const inventory = join(projectRoot(), "test", "fixtures", "pipeline", "tiny-hexaco.json");
  const commands = (file: string): Array<[string, string[]]> => [
    ["run inventory --cards", ["run", "inventory", "--cards", file, "--n", "1"]],
    ["score --answers", ["score", "--inventory", inventory, "--answers", file]],
    ["score --inventory", ["score", "--inventory", file, "--answers", headerOnly]],
    ["analyze --prompt ID=FILE", ["analyze", "rq1", "--n", "1", "--variant", "v", "--prompt", `answer-statement=${file}`, "--dry-run"]],
    ["strategies predict --file", ["strategies", "predict", "--file", file]],
  ];

  test("a missing file named by any flag: the same code (4) everywhere, one line naming it", async () => {
    for (const [name, args] of commands(missing)) {
      const output = await cliInProcess(args, { PERSONA_TALKS_CACHE: join(scratch, "inputs-cache") });
      const line = assertOneLine(output, 4, /not found/);
      assert.ok(line.includes(missing), `${name}: ${line}`);
    }
  });

  test("a binary file: 'not a text file', without its bytes", async () => {
    for (const [name, args] of commands(binary)) {
      const output = await cliInProcess(args, { PERSONA_TALKS_CACHE: join(scratch, "inputs-cache") });
      const line = assertOneLine(output, 4, /not a text file/);
      assert.ok(line.includes(binary), `${name}: ${line}`);
      assert.ok(line.length < 400 && !line.includes("\uFFFD"), `${name}: no raw bytes in ${JSON.stringify(line)}`);
    }
  });

  test("an answers file with only a header: exit 4, one line", async () => {
    const output = await cliInProcess(["score", "--inventory", inventory, "--answers", headerOnly]);
    assertOneLine(output, 4, /only a header row, no respondents/);
  });

  test("an empty answers file: exit 4, one line", async () => {
    const output = await cliInProcess(["score", "--inventory", inventory, "--answers", empty]);
    assertOneLine(output, 4, /empty/);
  });
});

test("data verify on a changed file: exit 4, one line naming it and the fix", { skip: realDataSkip }, async () => {
  const data = join(scratch, "data");
  cpSync(realDataDirectory()!, data, { recursive: true });
  appendFileSync(join(data, "esconv", "strategy.json"), " ");
  const output = await cliInProcess(["data", "verify"], { PERSONA_TALKS_DATA: data });
  const line = assertOneLine(output, 4, /esconv\/strategy\.json: checksum mismatch/);
  assert.match(line, /npm run data -- --force/);
  assert.match(output.stdout, /esconv\/strategy\.json: checksum mismatch/);
});

describe("provider answers about files and counts", { skip: realDataSkip }, () => {
  const servers: LoopbackServer[] = [];
  after(() => Promise.all(servers.map((server) => server.close())));

  test("a 404 for a base URL without /v1 suggests /v1", async () => {
    const server = await startOpenAiServer({ responder: wellFormedReply });
    servers.push(server);
    const root = server.baseURL.replace(/\/v1$/, "");
    const output = await cliInProcess(["run", "extract", "--dataset", "esconv", "--n", "1", "--provider", "local", "--model", "llama"], {
      LOCAL_LLM_BASE_URL: root,
      PERSONA_TALKS_CACHE: join(scratch, "v1-cache"),
    });
    assertOneLine(output, 3, new RegExp(`does not end in /v1: try ${root.replace(/[.]/g, "\\.")}/v1`));
  });

  test("an early stop counts the personas kept out of n, never more than n", async () => {
    let filterCalls = 0;
    const server = await startOpenAiServer({
      responder: (call) => {
        // Every card is kept, but one filter call fails for good (400): the chunk of 10 keeps 9 of n = 2.
        if (promptKind(call) === "filter" && filterCalls++ === 0) return { status: 400, body: { error: { message: "Invalid prompt", type: "invalid_request_error" } } };
        return wellFormedReply(call);
      },
    });
    servers.push(server);
    const output = await cliInProcess(["run", "inventory", "--n", "2", "--provider", "openai", "--model", "gpt-4o-mini"], {
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: server.baseURL,
      PERSONA_TALKS_CACHE: join(scratch, "early-stop-cache"),
    });
    const counts = [...output.stderr.matchAll(/\((\d+) of (\d+) personas kept\)/g)].map((match) => [Number(match[1]), Number(match[2])]);
    assert.ok(counts.length >= 1, `an early-stop line, got:\n${output.stderr}`);
    for (const [kept, n] of counts) assert.ok(kept <= n, `${kept} of ${n} personas kept`);
  });
});
