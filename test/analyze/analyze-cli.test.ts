import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { parseAnalyzeArgs } from "../../lib/cli/commands/analyze";
import { findChromium } from "../../lib/export/find-browser";
import { projectRoot } from "../../lib/paths";
import { ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";

// The analyze CLI end to end on the offline simulator with a small N, in a temp out dir and a temp cache.
const REQUIRED = [ESCONV_TRAIN, ...INVENTORY_FILES];
const sharedData = findDataFolder(REQUIRED) ?? "";
const skipData = skipWithoutData(REQUIRED, "the datasets the CLI needs");
const browser = findChromium().executablePath;

function analyze(args: string[], cache: string) {
  const result = spawnSync(process.execPath, [join(projectRoot(), "bin", "persona-talks.js"), "analyze", ...args], {
    cwd: projectRoot(),
    env: { ...process.env, PERSONA_TALKS_DATA: sharedData, PERSONA_TALKS_CACHE: cache, OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", LOCAL_LLM_BASE_URL: "" },
    encoding: "utf8",
    timeout: 180_000,
  });
  assert.equal(result.status, 0, `analyze ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

function checkCommonFiles(out: string, tables: string[], figures: string[]) {
  const files = readdirSync(out);
  // Names per dataset/model group end in the model id (e.g. "-esconv-sim..."), so match by prefix.
  const has = (prefix: string, extension: string) => files.some((file) => file.startsWith(prefix) && file.endsWith(`.${extension}`));
  for (const table of tables) for (const extension of ["md", "tex", "csv"]) assert.ok(has(table, extension), `${table}*.${extension} missing in ${files.join(", ")}`);
  for (const figure of figures) {
    assert.ok(has(figure, "html"), `${figure}*.html missing`);
    // HTML text figures (the case study, its persona card and history, a persona card) have no SVG.
    const formats = /case-study|persona-card/.test(figure) ? ["png", "pdf"] : ["png", "svg", "pdf"];
    if (browser) for (const extension of formats) assert.ok(has(figure, extension), `${figure}*.${extension} missing`);
  }
  // Every CSV read by a plain parser with default options: the header is line 1, every record as wide as it.
  for (const file of files.filter((name) => name.endsWith(".csv"))) {
    const text = readFileSync(join(out, file), "utf8");
    const records = parse(text) as string[][];
    // Line 1 is the header: column keys, never a comment or the SIMULATED label (that is in README.md).
    assert.ok(!text.startsWith("#") && !/SIMULATED/i.test(records[0].join(",")), `${file}: line 1 is ${records[0].join(",")}`);
    assert.equal(new Set(records[0]).size, records[0].length, `${file}: header names are distinct`);
    assert.ok(records.length >= 2, `${file}: a header and rows`);
    assert.ok(records.every((record) => record.length === records[0].length), `${file}: every record has the header's width`);
  }
  const csv = parse(readFileSync(join(out, "scores.csv"), "utf8"), { columns: true }) as Record<string, string>[];
  for (const column of ["personaId", "condition", "HEXACO-60:Extraversion", "HEXACO-60:Honesty-Humility", "CSI:Expressiveness", "CSI:Emotionality", "provider", "model"]) {
    assert.ok(column in csv[0], `scores.csv lacks ${column}`);
  }
  assert.ok(csv.length > 1, "scores.csv has rows");
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  assert.equal(summary.simulated, true);
  assert.equal(summary.provider, "sim");
  // Provenance that is the same for every row: in summary.json and the folder's README.md.
  assert.equal(summary.provenance.seed, 1);
  assert.ok(summary.provenance.n >= 1 && summary.provenance.prompts.length >= 2, "N and the prompts in force");
  assert.ok(summary.provenance.prompts.every((prompt: { hash: string }) => /^[0-9a-f]{64}$/.test(prompt.hash)));
  const readme = readFileSync(join(out, "README.md"), "utf8");
  assert.match(readme, /\(SIMULATED\)/);
  assert.match(readme, /\| seed \| 1 \|/);
  assert.match(readme, /scores\.csv/);
  return summary;
}

test("analyze parses its options and rejects bad ones", () => {
  assert.equal(parseAnalyzeArgs(["--help"]), undefined);
  const parsed = parseAnalyzeArgs(["rq1", "--n", "7", "--out", "x", "--dataset", "cams"])!;
  assert.equal(parsed.question, "rq1");
  assert.equal(parsed.n, 7);
  assert.deepEqual(parsed.datasets, ["cams"]);
  assert.equal(parsed.classifier, "auto");
  assert.throws(() => parseAnalyzeArgs(["rq4", "--out", "x"]), /unknown question "rq4"/);
  // Without --out each prompt variant gets its own folder, out/<question>/<variant> (the paper's prompts: "paper").
  assert.match(parseAnalyzeArgs(["rq1"])!.out, /[\\/]rq1[\\/]paper$/);
  assert.throws(() => parseAnalyzeArgs(["rq1", "--out", "x", "--n", "0"]), /--n must be a positive integer/);
  assert.throws(() => parseAnalyzeArgs(["rq2", "--out", "x", "--dataset", "esconv"]), /rq1 only/);
  assert.throws(() => parseAnalyzeArgs(["rq3", "--out", "x", "--classifier", "maybe"]), /auto, train or off/);
});

test("analyze rq1, rq2 and rq3 on sim write every table, figure, scores.csv and summary.json", { skip: skipData, timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-analyze-"));
  const cache = join(work, "cache");
  try {
    const rq1 = join(work, "rq1");
    analyze(["rq1", "--n", "6", "--dataset", "esconv", "--provider", "sim", "--quiet", "--out", rq1], cache);
    const summary1 = checkCommonFiles(rq1, ["table1-persona-cards", "rq1-correlations-esconv-sim", "rq1-alignment-esconv-sim", "rq1-correlations-detail-esconv-sim", "paper-rq1", "paper-table1"], ["rq1-heatmap-esconv-sim", "rq1-persona-card"]);
    assert.equal(summary1.question, "rq1");
    assert.equal(summary1.groups[0].matrix.r.length, 6, "6 HEXACO rows");
    assert.equal(summary1.groups[0].matrix.r[0].length, 6, "6 CSI columns");
    assert.equal(summary1.groups[0].alignment.length, 6);

    const estimate = analyze(["rq2", "--n", "3", "--provider", "sim", "--dry-run"], cache);
    assert.match(estimate.stdout, /rq2 with sim:.*n = 3/);
    assert.match(estimate.stdout, /\d+ calls, \d+ already cached, \d+ to make/);

    const rq2 = join(work, "rq2");
    analyze(["rq2", "--n", "5", "--provider", "sim", "--quiet", "--out", rq2], cache);
    const summary2 = checkCommonFiles(rq2, ["rq2-consistency", "rq2-pca-spread", "paper-rq2"], ["rq2-hexaco-scores", "rq2-csi-scores", "rq2-pca-ablation"]);
    assert.equal(summary2.dimensions.length, 12);
    assert.ok(summary2.dimensions.every((row: { meanShift: number | null; p: number | null }) => "meanShift" in row && "p" in row));
    assert.deepEqual(summary2.pca.spread.map((spread: { condition: string }) => spread.condition).sort(), ["with persona", "without persona"]);
    const conditions = new Set((parse(readFileSync(join(rq2, "scores.csv"), "utf8"), { columns: true }) as Array<{ condition: string }>).map((row) => row.condition));
    assert.deepEqual([...conditions].sort(), ["no-persona", "original", "persona"]);

    const rq3 = join(work, "rq3");
    analyze(["rq3", "--n", "4", "--provider", "sim", "--quiet", "--classifier", "off", "--out", rq3], cache);
    const summary3 = checkCommonFiles(
      rq3,
      ["rq3-strategies-both-none", "rq3-residuals-both-none", "rq3-strategies-hexaco-csi", "rq3-strategies-all", "rq3-dialogue-statistics", "rq3-pairwise", "paper-rq3", "paper-table9"],
      ["rq3-strategies-both-none", "rq3-strategies-hexaco-csi", "rq3-case-study", "rq3-case-study-persona", "rq3-case-study-history"],
    );
    assert.deepEqual(summary3.conditions.map((condition: { condition: string }) => condition.condition).sort(), ["both", "csi", "hexaco", "none"]);
    assert.ok(summary3.chiSquare && typeof summary3.chiSquare.p === "number", "chi-square result present");
    const shares = Object.values(summary3.conditions[0].shares as Record<string, { share: number }>).reduce((total, entry) => total + entry.share, 0);
    assert.ok(Math.abs(shares - 1) < 1e-9, `shares of a condition sum to 1, got ${shares}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
