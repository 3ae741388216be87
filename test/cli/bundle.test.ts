/**
 * Replication bundles (issue 27): `bundle create` packs an analysis with exactly the answers it used, `bundle verify`
 * re-runs it from the bundle alone (no key, nothing written beside it) and finds every table, summary.json and
 * figure spec identical; an edited answer makes verify fail naming what differs. On the sim provider (offline).
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { realDataSkip } from "../pipeline/helpers";
import { cliInProcess, stderrLines } from "../support/cli-in-process";

const scratch = mkdtempSync(join(tmpdir(), "pt-bundle-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
/** No Chromium: figures as HTML (their specs), as the comparison reads them. */
const NO_BROWSER = { PATH: "/nonexistent" };

function snapshot(directory: string): Record<string, string> {
  return Object.fromEntries(readdirSync(directory).sort().map((name) => [name, readFileSync(join(directory, name)).toString("base64")]));
}

describe("bundle create, then bundle verify", { skip: realDataSkip }, () => {
  const shelf = join(scratch, "shelf");
  const bundle = join(shelf, "rq1.bundle");
  before(async () => {
    const cache = join(scratch, "cache");
    const analysis = await cliInProcess(["analyze", "rq1", "--n", "3", "--dataset", "esconv", "--out", join(scratch, "out-rq1"), "--quiet"], { ...NO_BROWSER, PERSONA_TALKS_CACHE: cache });
    assert.equal(analysis.code, 0, analysis.stderr);
    mkdirSync(shelf);
    const created = await cliInProcess(["bundle", "create", join(scratch, "out-rq1"), "--out", bundle], { ...NO_BROWSER, PERSONA_TALKS_CACHE: cache });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /\d+ answers, \d+ files/);
  });

  test("verify with no key: exit 0, identical outputs, nothing written beside the bundle", async () => {
    const before = snapshot(shelf);
    const output = await cliInProcess(["bundle", "verify", bundle], { ...NO_BROWSER, PERSONA_TALKS_CACHE: join(scratch, "unused-cache") });
    assert.equal(output.code, 0, output.stderr);
    assert.match(output.stdout, /tables, summary\.json and figure specs identical/);
    assert.deepEqual(snapshot(shelf), before, "the bundle's folder holds the same files with the same bytes");
    const db = new Database(bundle, { readonly: true });
    try {
      assert.equal(db.pragma("journal_mode", { simple: true }), "delete", "DELETE journal mode: opens in place from read-only media");
      const manifest = JSON.parse((db.prepare("SELECT json FROM bundle_manifest").get() as { json: string }).json);
      assert.deepEqual(manifest.command.slice(0, 3), ["persona-talks", "analyze", "rq1"]);
      assert.equal(manifest.n, 3);
      assert.equal(manifest.seed, 1);
      assert.equal(manifest.provider, "sim");
      assert.ok(manifest.files["summary.json"].length === 64);
    } finally {
      db.close();
    }
  });

  test("an analysis reads a bundle as its cache (PERSONA_TALKS_CACHE names the file): 0 calls", async () => {
    const output = await cliInProcess(["analyze", "rq1", "--n", "3", "--dataset", "esconv", "--cache", "read-only", "--out", join(scratch, "from-bundle"), "--quiet"], { ...NO_BROWSER, PERSONA_TALKS_CACHE: bundle });
    assert.equal(output.code, 0, output.stderr);
    assert.match(output.stderr, /Summary: \d+ done \(\d+ from cache, 0 paid\)/);
  });

  test("one edited answer: verify fails (exit 4) naming what differs", async () => {
    const edited = join(scratch, "edited.bundle");
    copyFileSync(bundle, edited);
    const db = new Database(edited);
    try {
      const changed = db.prepare("UPDATE answers SET text = CASE text WHEN '1' THEN '5' ELSE '1' END WHERE key = (SELECT key FROM answers WHERE text GLOB '[1-5]' ORDER BY key LIMIT 1)").run();
      assert.equal(changed.changes, 1);
    } finally {
      db.close();
    }
    const output = await cliInProcess(["bundle", "verify", edited], NO_BROWSER);
    assert.equal(output.code, 4, output.stderr);
    const lines = stderrLines(output);
    assert.equal(lines.length, 1, output.stderr);
    assert.match(lines[0], /output\(s\) differ from the re-run, first [\w.-]+\.(csv|md|tex|json|html): line \d+: expected/);
    assert.match(output.stdout, /differs: scores\.csv/);
  });
});
