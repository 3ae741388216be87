/**
 * Read-only replays anywhere (README "Cache"): `--cache read-only` never writes next to the cache (no -wal, -shm,
 * -journal file appears; every file keeps its bytes) and replays with 0 calls. CI runs as root, where a chmod'ed
 * folder is writable anyway, so these tests compare the folder's file list and bytes before and after instead.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { realDataSkip } from "../pipeline/helpers";
import { cliInProcess } from "../support/cli-in-process";

const scratch = mkdtempSync(join(tmpdir(), "pt-read-only-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** No Chromium: figures as HTML only (the replay, not the export, is under test). */
const NO_BROWSER = { PATH: "/nonexistent" };
const ARGS = ["analyze", "rq1", "--n", "20", "--dataset", "esconv", "--quiet"];

function snapshot(directory: string): Record<string, string> {
  return Object.fromEntries(readdirSync(directory).sort().map((name) => [name, readFileSync(join(directory, name)).toString("base64")]));
}

function copyCache(from: string, name: string): string {
  const directory = join(scratch, name);
  cpSync(from, directory, { recursive: true });
  return directory;
}

describe("analyze rq1 --n 20 --cache read-only against a finished cache", { skip: realDataSkip }, () => {
  const finished = join(scratch, "finished");
  let firstSummary = "";
  before(async () => {
    const output = await cliInProcess([...ARGS, "--out", join(scratch, "out-first")], { ...NO_BROWSER, PERSONA_TALKS_CACHE: finished });
    assert.equal(output.code, 0, output.stderr);
    firstSummary = readFileSync(join(scratch, "out-first", "summary.json"), "utf8");
  });

  const replay = async (cache: string, out: string) => {
    const before = snapshot(cache);
    const output = await cliInProcess([...ARGS, "--cache", "read-only", "--out", join(scratch, out)], { ...NO_BROWSER, PERSONA_TALKS_CACHE: cache });
    assert.equal(output.code, 0, output.stderr);
    assert.match(output.stderr, /Summary: \d+ done \((\d+) from cache, 0 paid\)/, "0 calls");
    assert.deepEqual(snapshot(cache), before, "the cache folder holds the same files with the same bytes");
    const scores = (name: string) => readFileSync(join(scratch, name, "scores.csv"), "utf8");
    assert.equal(scores(out), scores("out-first"), "the replay measures the same numbers");
    return output;
  };

  test("a WAL cache closed cleanly (read from a temporary copy): nothing appears beside it", async () => {
    const cache = copyCache(finished, "clean");
    assert.deepEqual(readdirSync(cache), ["llm-cache.sqlite"]);
    await replay(cache, "out-clean");
    assert.ok(firstSummary.length > 0);
  });

  test("a WAL cache another process holds open (with -wal and -shm files): read, not touched", async () => {
    const cache = copyCache(finished, "held");
    const holder = new Database(join(cache, "llm-cache.sqlite"));
    try {
      holder.pragma("wal_autocheckpoint = 0");
      // A committed write that lives only in the -wal file: a reader must see it, and nothing may checkpoint it.
      holder.exec("CREATE TABLE IF NOT EXISTS notes (body TEXT); INSERT INTO notes VALUES ('held')");
      assert.ok(existsSync(join(cache, "llm-cache.sqlite-wal")));
      await replay(cache, "out-held");
    } finally {
      holder.close();
    }
  });

  test("a cache in rollback-journal (DELETE) mode, as on read-only media: opened in place, no file created", async () => {
    const cache = copyCache(finished, "delete-mode");
    const db = new Database(join(cache, "llm-cache.sqlite"));
    db.pragma("journal_mode = DELETE");
    db.close();
    assert.deepEqual(readdirSync(cache), ["llm-cache.sqlite"]);
    await replay(cache, "out-delete-mode");
    assert.deepEqual(readdirSync(tmpdir()).filter((name) => name.startsWith("pt-cache-read-only-")), [], "no temporary copy left behind");
  });
});
