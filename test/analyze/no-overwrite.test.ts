import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../lib/paths";
import { checkDistinctNames } from "../../lib/reports/write-analysis";
import { ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";

const REQUIRED = [ESCONV_TRAIN, ...INVENTORY_FILES];
const sharedData = findDataFolder(REQUIRED) ?? "";
const skip = skipWithoutData(REQUIRED, "the datasets the CLI needs");

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => (statSync(join(folder, name)).isDirectory() ? filesUnder(join(folder, name)) : [join(folder, name)]));
}

/** Runs analyze (HTML-only figures, so no browser is needed) and returns the "wrote N files" count and the files on disk. */
function analyze(args: string[], out: string, cache: string): { reported: number; onDisk: string[]; stdout: string } {
  const result = spawnSync(process.execPath, [join(projectRoot(), "bin", "persona-talks.js"), "analyze", ...args, "--out", out, "--quiet"], {
    cwd: projectRoot(),
    env: { ...process.env, PERSONA_TALKS_DATA: sharedData, PERSONA_TALKS_CACHE: cache, PERSONA_TALKS_CHROMIUM: "/nonexistent/chromium", OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", LOCAL_LLM_BASE_URL: "" },
    encoding: "utf8",
    timeout: 300_000,
  });
  assert.ok(result.status === 0 || result.status === 3 ? result.status === 0 : false, `analyze ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  const reported = Number(/wrote (\d+) files/.exec(result.stdout)?.[1]);
  return { reported, onDisk: filesUnder(out), stdout: result.stdout };
}

test("two outputs with one name are refused before anything is written", () => {
  const figure = { name: "rq1-heatmap-esconv-sim", spec: {} as never };
  assert.throws(() => checkDistinctNames({ question: "rq1", tables: [], documents: [], figures: [figure, figure] }), /both named "rq1-heatmap-esconv-sim"/);
});

test("no output overwrites another: the reported count is what is on disk (several models, variant, generation modes)", { skip }, () => {
  const folder = mkdtempSync(join(tmpdir(), "pt-no-overwrite-"));
  const cache = join(folder, "cache");
  try {
    const models = analyze(["rq1", "--n", "6", "--dataset", "esconv", "--dataset", "cams", "--model", "sim:aligned", "--model", "sim:llama-like"], join(folder, "m"), cache);
    assert.equal(models.reported, models.onDisk.length, `several models: reported ${models.reported}, on disk ${models.onDisk.length}`);
    const heatmaps = models.onDisk.filter((file) => /rq1-heatmap-.*\.html$/.test(file));
    assert.equal(heatmaps.length, 4, heatmaps.join(", "));
    for (const file of heatmaps) {
      const title = /"title":\{"text":"([^"]*correlations[^"]*)"/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
      assert.match(title, /simulated (aligned|llama-like)/, `${file}: the title names its model`);
    }

    const variant = analyze(["rq1", "--n", "6", "--dataset", "esconv", "--variant", "second-look"], join(folder, "v"), cache);
    assert.equal(variant.reported, variant.onDisk.length, `variant: reported ${variant.reported}, on disk ${variant.onDisk.length}`);

    // RQ2 with several models: Figures 5-7 (19-21) as one figure per inventory with a panel per model, not one per model.
    const rq2 = analyze(["rq2", "--n", "4", "--model", "sim:aligned", "--model", "sim:llama-like"], join(folder, "r"), cache);
    assert.equal(rq2.reported, rq2.onDisk.length, `rq2 several models: reported ${rq2.reported}, on disk ${rq2.onDisk.length}`);
    const boxes = rq2.onDisk.filter((file) => /rq2-(hexaco|csi)-scores.*\.html$/.test(file)).map((file) => file.slice(file.lastIndexOf("/") + 1)).sort();
    assert.deepEqual(boxes, ["rq2-csi-scores-models.html", "rq2-hexaco-scores-models.html"]);
    for (const file of rq2.onDisk.filter((name) => /rq2-(hexaco|csi)-scores-models\.html$/.test(name))) {
      const html = readFileSync(file, "utf8");
      assert.ok(html.includes("simulated aligned") && html.includes("simulated llama-like"), `${file}: a panel named for each model`);
      assert.ok(html.includes('"xaxis2"'), `${file}: a second panel`);
    }

    const both = analyze(["rq2", "--n", "4", "--generation", "both"], join(folder, "g"), cache);
    assert.equal(both.reported, both.onDisk.length, `generation modes: reported ${both.reported}, on disk ${both.onDisk.length}`);
    assert.ok(both.onDisk.some((file) => /omniscient-/.test(file)) && both.onDisk.some((file) => /role-play-/.test(file)), "both modes named");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("analyze rq1 --cards: outside cards are measured, nothing of the paper is set beside them (issue 24)", { skip }, () => {
  const folder = mkdtempSync(join(tmpdir(), "pt-cards-"));
  try {
    const cards = Array.from({ length: 8 }, (_, index) => ({
      age: String(20 + index * 5),
      gender: index % 2 ? "male" : "female",
      occupation: ["nurse", "teacher"][index % 2],
      problem: "Stress at work, cannot sleep.",
      source: "ESC-Eval",
      language: "en",
    }));
    const file = join(folder, "roles.json");
    writeFileSync(file, JSON.stringify(cards));
    const run = analyze(["rq1", "--cards", file, "--source", "roles", "--n", "8"], join(folder, "out"), join(folder, "cache"));
    assert.equal(run.reported, run.onDisk.length);
    const names = run.onDisk.map((path) => path.split("/").pop()!);
    assert.ok(names.some((name) => name.startsWith("rq1-correlations-roles")), names.join(", "));
    assert.deepEqual(names.filter((name) => name.startsWith("paper-")), [], "no paper tables beside outside cards");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
