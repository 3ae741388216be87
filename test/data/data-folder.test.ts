import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataDirectory, projectRoot } from "../../lib/paths";
import { dataFolderCandidates, ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, SHARED_DATA, skipWithoutData } from "../support/data-folder";

// The tests' data lookup is the application's: PERSONA_TALKS_DATA (else data/raw) first, ../shared/data last.
function withEnvironment(values: Record<string, string | undefined>, body: () => void): void {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    body();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

test("a fresh clone with its data only in the data folder: found there, ../shared/data never consulted", () => {
  const folder = mkdtempSync(join(tmpdir(), "pt-data-folder-"));
  try {
    for (const file of [ESCONV_TRAIN, ...INVENTORY_FILES]) {
      mkdirSync(join(folder, file, ".."), { recursive: true });
      writeFileSync(join(folder, file), "");
    }
    withEnvironment({ PERSONA_TALKS_DATA: folder, PERSONA_TALKS_TEST_NO_SHARED: "1" }, () => {
      assert.equal(dataDirectory(), folder);
      assert.deepEqual(dataFolderCandidates(), [folder]);
      assert.equal(findDataFolder([ESCONV_TRAIN, ...INVENTORY_FILES]), folder);
      assert.equal(skipWithoutData([ESCONV_TRAIN, ...INVENTORY_FILES]), false);
      assert.match(String(skipWithoutData([join("cams", "added_CAMS_data.csv")])), /cams.*not found|needs cams/);
    });
    withEnvironment({ PERSONA_TALKS_DATA: folder, PERSONA_TALKS_TEST_NO_SHARED: undefined }, () => {
      assert.deepEqual(dataFolderCandidates(), [folder, SHARED_DATA]);
      // The data folder wins over the reference copy when both have the file.
      assert.equal(findDataFolder([ESCONV_TRAIN]), folder);
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("no test looks for data only in ../shared/data: every data lookup goes through test/support/data-folder.ts", () => {
  // The two tests that built the path themselves skipped in a clone after `npm run data` (issue 28).
  const testRoot = join(projectRoot(), "test");
  const offenders: string[] = [];
  for (const file of readdirSync(testRoot, { recursive: true, encoding: "utf8" })) {
    if (!/\.(ts|mjs)$/.test(file) || file.startsWith(join("support", "data-folder.ts"))) continue;
    const source = readFileSync(join(testRoot, file), "utf8");
    if (/["'`]shared["'`],\s*["'`]data["'`]|["'`]\.\.\/shared\/data["'`]\s*\)/.test(source)) offenders.push(file);
  }
  assert.deepEqual(offenders, [], "use findDataFolder / skipWithoutData from test/support/data-folder.ts");
});
