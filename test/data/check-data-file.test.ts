import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { MissingDataError } from "../../lib/errors";
import { markFetchedFolder, VERIFIED_FILE } from "../../lib/data/check-data-file";
import { loadEsconv } from "../../lib/data/esconv";
import { main } from "../../lib/cli/main";
import { realDataDirectory, realDataSkip } from "../pipeline/helpers";

describe("data files are checked against data/manifest.json at load", { skip: realDataSkip }, () => {
  const root = mkdtempSync(join(tmpdir(), "pt-check-data-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  const original = join(realDataDirectory() ?? "", "esconv", "train.jsonl");
  const lines = readFileSync(original, "utf8").split("\n");
  const truncated = lines.slice(0, lines.length - 100).join("\n") + "\n";

  /** A data folder holding ESConv train (as given), optionally marked as filled by `npm run data`. */
  function folder(name: string, text: string | undefined, fetched: boolean): string {
    const directory = join(root, name);
    mkdirSync(join(directory, "esconv"), { recursive: true });
    if (text === undefined) copyFileSync(original, join(directory, "esconv", "train.jsonl"));
    else writeFileSync(join(directory, "esconv", "train.jsonl"), text);
    if (fetched) markFetchedFolder(directory);
    return directory;
  }

  test("an ESConv file cut at a line boundary fails, naming the file and `npm run data -- --force`", () => {
    const directory = folder("truncated", truncated, true);
    assert.throws(
      () => loadEsconv({ directory, split: "train" }),
      (error: unknown) => error instanceof MissingDataError && /esconv\/train\.jsonl/.test(error.message) && /npm run data -- --force/.test(error.message),
    );
  });

  test("an intact file is verified once and remembered by size and mtime", () => {
    const directory = folder("intact", undefined, true);
    assert.equal(loadEsconv({ directory, split: "train" }).length, lines.filter((line) => line.trim()).length);
    const verified = JSON.parse(readFileSync(join(directory, VERIFIED_FILE), "utf8"));
    assert.equal(verified["esconv/train.jsonl"].sha256.length, 64);
    // Same size, different bytes, same remembered mtime would pass; a new mtime makes it checked again.
    const text = readFileSync(join(directory, "esconv", "train.jsonl"), "utf8");
    writeFileSync(join(directory, "esconv", "train.jsonl"), text.replace("a", "b"));
    assert.throws(() => loadEsconv({ directory, split: "train" }), /sha256 .* expected/);
  });

  test("a folder `npm run data` did not fill (a test fixture) is not checked", () => {
    const directory = folder("fixture", truncated, false);
    assert.equal(loadEsconv({ directory, split: "train" }).length, truncated.split("\n").filter((line) => line.trim()).length);
    assert.equal(existsSync(join(directory, VERIFIED_FILE)), false);
  });

  test("`data stats` on a truncated file exits 4 with one line", async () => {
    const directory = folder("stats", truncated, true);
    const errors: string[] = [];
    const saved = { error: console.error, log: console.log, data: process.env.PERSONA_TALKS_DATA };
    console.error = (...parts: unknown[]) => errors.push(parts.join(" "));
    console.log = () => {};
    process.env.PERSONA_TALKS_DATA = directory;
    try {
      assert.equal(await main(["data", "stats"]), 4);
    } finally {
      console.error = saved.error;
      console.log = saved.log;
      if (saved.data === undefined) delete process.env.PERSONA_TALKS_DATA;
      else process.env.PERSONA_TALKS_DATA = saved.data;
    }
    assert.equal(errors.length, 1);
    assert.match(errors[0], /npm run data -- --force/);
  });
});
