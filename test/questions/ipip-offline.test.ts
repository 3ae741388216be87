import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { temporaryCache } from "../pipeline/helpers";
import { cli } from "../support/cli-child";
import { ESCONV_TRAIN, findDataFolder, skipWithoutData } from "../support/data-folder";

// Issue 23's acceptance on the simulator, offline, with a data folder that holds ESConv but no inventory file:
// IPIP-NEO-120 (from its npm package) is answered, scored and checked for reliability and response sets.

describe("IPIP-NEO-120 offline, no licensed inventory file", { skip: skipWithoutData([ESCONV_TRAIN]) }, () => {
  const cache = temporaryCache();
  const root = mkdtempSync(join(tmpdir(), "pt-ipip-offline-"));
  const data = join(root, "data");
  after(() => {
    cache.remove();
    rmSync(root, { recursive: true, force: true });
  });

  test("run inventory --json and analyze psychometrics (acquiescent: every persona flagged; aligned: none)", async () => {
    const source = findDataFolder([ESCONV_TRAIN])!;
    // The data folder: only esconv/ (a link), no inventories/.
    mkdirSync(data);
    symlinkSync(join(source, dirname(ESCONV_TRAIN)), join(data, dirname(ESCONV_TRAIN)));
    assert.ok(!existsSync(join(data, "inventories")));
    const env = { PERSONA_TALKS_DATA: data, PERSONA_TALKS_CACHE: cache.directory };

    const run = await cli(["run", "inventory", "--inventory", "ipip-neo-120", "--n", "5", "--json"], env);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.simulated, true);
    assert.equal(result.count, 5);
    assert.deepEqual(result.scoreColumns, ["IPIP-NEO-120:Neuroticism", "IPIP-NEO-120:Extraversion", "IPIP-NEO-120:Openness To Experience", "IPIP-NEO-120:Agreeableness", "IPIP-NEO-120:Conscientiousness"]);
    assert.doesNotMatch(run.stderr, /in no inventory the simulator can read/);

    for (const [model, flagged] of [["aligned", 0], ["acquiescent", 8]] as const) {
      const out = join(root, `psy-${model}`);
      const analysis = await cli(["analyze", "psychometrics", "--inventory", "ipip-neo-120", "--dataset", "esconv", "--n", "8", "--provider", "sim", "--model", model, "--out", out, "--quiet"], env, 120_000);
      assert.equal(analysis.code, 0, analysis.stderr);
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
      assert.equal(summary.responseSets.personas, 8);
      assert.equal(summary.responseSets.byCheck.acquiescence, flagged, `${model}: ${JSON.stringify(summary.responseSets)}`);
      assert.equal(summary.responseSets.excluded, 0);
      assert.ok(existsSync(join(out, "psychometrics-response-sets.md")));
      assert.ok(summary.reliability, "reliability per domain");
    }
  });
});
