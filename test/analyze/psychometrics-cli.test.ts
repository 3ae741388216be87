import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseAnalyzeArgs } from "../../lib/cli/commands/analyze";

/** `analyze psychometrics ARGS` as parsed (psychometrics takes the one parser of every question). */
const parsePsychometricsArgs = (args: string[]) => parseAnalyzeArgs(["psychometrics", ...args]);
import { CSI_DOMAINS, HEXACO_DOMAINS } from "../../lib/analysis/domains";
import { projectRoot } from "../../lib/paths";
import { ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";

// `analyze psychometrics` end to end on the offline simulator with a small N, in a temp out dir and a temp cache.
const REQUIRED = [ESCONV_TRAIN, ...INVENTORY_FILES];
const sharedData = findDataFolder(REQUIRED) ?? "";
const skipData = skipWithoutData(REQUIRED, "the datasets the CLI needs");

function analyze(args: string[], cache: string, environment: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(projectRoot(), "bin", "persona-talks.js"), "analyze", "psychometrics", ...args], {
    cwd: projectRoot(),
    env: { ...process.env, PERSONA_TALKS_DATA: sharedData, PERSONA_TALKS_CACHE: cache, PERSONA_TALKS_CHROMIUM: "/nonexistent", OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", LOCAL_LLM_BASE_URL: "", ...environment },
    encoding: "utf8",
    timeout: 240_000,
  });
}

test("analyze psychometrics parses its options and rejects bad ones", () => {
  assert.equal(parsePsychometricsArgs(["--help"]), undefined);
  const parsed = parsePsychometricsArgs(["--n", "7", "--out", "x", "--samples", "3", "--temperature", "0.7", "--dataset", "cams"])!;
  assert.deepEqual([parsed.n, parsed.samples, parsed.temperature, parsed.datasets], [7, 3, 0.7, ["cams"]]);
  assert.equal(parsePsychometricsArgs(["--out", "x"])!.samples, 1);
  assert.equal(parsePsychometricsArgs(["--out", "x"])!.temperature, 0);
  assert.throws(() => parsePsychometricsArgs([]), /--out DIR is required/);
  assert.throws(() => parsePsychometricsArgs(["--out", "x", "--samples", "0"]), /--samples must be a positive integer/);
  assert.throws(() => parsePsychometricsArgs(["--out", "x", "--temperature", "hot"]), /--temperature must be a number/);
  assert.throws(() => parsePsychometricsArgs(["--out", "x", "--dataset", "reddit"]), /--dataset must be one of/);
});

test("analyze psychometrics on sim writes reliability for every domain, answers-<inventory>.csv and the tables", { skip: skipData, timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-psychometrics-"));
  try {
    const out = join(work, "out");
    const dry = analyze(["--n", "6", "--samples", "2", "--dataset", "esconv", "--dry-run"], join(work, "cache"));
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /psychometrics with sim:.*n = 6, samples = 2/);
    const result = analyze(["--n", "6", "--samples", "2", "--temperature", "1", "--logprobs", "--dataset", "esconv", "--quiet", "--out", out], join(work, "cache"));
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const files = readdirSync(out);
    for (const name of ["psychometrics-reliability", "psychometrics-facets", "psychometrics-flagged-items", "psychometrics-item-total", "psychometrics-mtmm-esconv", "psychometrics-stability", "psychometrics-logprobs"]) {
      for (const extension of ["md", "tex", "csv"]) assert.ok(files.includes(`${name}.${extension}`), `${name}.${extension} missing in ${files.join(", ")}`);
    }
    for (const figure of ["psychometrics-reliability", "psychometrics-item-total-hexaco-60", "psychometrics-item-total-csi"]) assert.ok(files.includes(`${figure}.html`), `${figure}.html missing`);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    assert.equal(summary.question, "psychometrics");
    assert.equal(summary.samples, 2);
    for (const [inventory, domains] of [["HEXACO-60", HEXACO_DOMAINS], ["CSI", CSI_DOMAINS]] as const) {
      for (const domain of domains) {
        const entry = summary.reliability[inventory]?.[domain];
        assert.ok(entry && typeof entry.alpha === "number" && entry.n === 6, `reliability.${inventory}.${domain}: ${JSON.stringify(entry)}`);
        assert.deepEqual(Object.keys(entry).sort(), ["alpha", "alphaHigh", "alphaLow", "items", "n", "omega"]);
      }
    }
    const hexaco = readFileSync(join(out, "answers-HEXACO-60.csv"), "utf8").split(/\r?\n/).filter((line) => line && !line.startsWith("#"));
    const header = hexaco[0].split(",");
    assert.deepEqual(header.slice(0, 4), ["personaId", "dataset", "sample", "1"]);
    assert.equal(header.length, 3 + 60);
    assert.equal(hexaco.length, 1 + 6 * 2, "one row per persona and sample");
    assert.ok(hexaco.slice(1).every((line) => line.split(",").slice(3).every((cell) => cell === "" || /^[1-5]$/.test(cell))));
    const csi = readFileSync(join(out, "answers-CSI.csv"), "utf8").split(/\r?\n/).filter((line) => line && !line.startsWith("#"));
    assert.equal(csi[0].split(",").length, 3 + 96);
    assert.ok(summary.stability.length >= 12 && summary.stability.every((row: { identicalShare: number }) => row.identicalShare < 1), "temperature 1 varies the answers");
    // The sim returns log-probabilities: every answer of the logprob pass has an expected answer.
    assert.equal(summary.logprobReliability.length, 12);
    for (const row of summary.logprobReliability) {
      assert.ok(row.withLogprobs > 0.95 * row.answers && typeof row.alphaExpected === "number", JSON.stringify(row));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("--logprobs on Anthropic is refused before any call: its API gives no log-probabilities", { skip: skipData, timeout: 120_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-psychometrics-"));
  try {
    const result = analyze(["--n", "2", "--dataset", "esconv", "--provider", "anthropic", "--logprobs", "--quiet", "--out", join(work, "out")], join(work, "cache"), {
      ANTHROPIC_API_KEY: "test-placeholder",
      ANTHROPIC_BASE_URL: "http://127.0.0.1:9",
    });
    assert.equal(result.status, 2, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /Anthropic's API returns no log-probabilities/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
