import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseAnalyzeArgs } from "../../lib/cli/commands/analyze";
import { UsageError } from "../../lib/errors";
import { compare, variant } from "../../lib/notebook/variants";
import { createPipelineContext, type PipelineContext } from "../../lib/pipeline/pipeline-context";
import { figureCaption } from "../../lib/reports/figure-caption";
import { editPrompt, parsePromptAssignments, promptTemplate, promptVariant, variantRecord } from "../../lib/prompts/index";
import { analyzeRq1, type Rq1Analysis } from "../../lib/questions/rq1/rq1-analysis";
import { getQuestion } from "../../lib/questions/registry";
import { checkVariantDirectory, variantOutputDirectory } from "../../lib/reports/variant-provenance";
import { writeAnalysis } from "../../lib/reports/write-analysis";
import { correlationOfColumns } from "../../lib/sim/index";
import { recoveryDataDirectory } from "../recovery/recovery-support";

const REWORDED = `Here is a description of a person:
{{description}}

Imagine you are this person. How much do you agree with the following statement about yourself?
"{{statement}}"

Reply with a single number: 1 = strongly disagree, 2 = disagree, 3 = neutral, 4 = agree, 5 = strongly agree.
`;

describe("prompt variants: definition and checks", () => {
  const folder = mkdtempSync(join(tmpdir(), "pt-variant-"));
  after(() => rmSync(folder, { recursive: true, force: true }));

  test("a variant records every prompt's id, version and hash; the paper's prompts are 'paper'", () => {
    const paper = variantRecord({ prompts: getQuestion("rq1").prompts });
    assert.equal(paper.name, "paper");
    assert.deepEqual(Object.keys(paper.prompts), ["extract-persona", "filter-persona", "describe-traits", "answer-statement"]);
    assert.equal(paper.prompts["answer-statement"].version, "v1");
    assert.equal(paper.prompts["answer-statement"].hash, promptTemplate("answer-statement").prompt.hash);
    const reworded = variantRecord({ name: "reworded", overrides: { "answer-statement": REWORDED }, prompts: getQuestion("rq1").prompts });
    assert.equal(reworded.prompts["answer-statement"].version, "v1+override");
    assert.notEqual(reworded.prompts["answer-statement"].hash, paper.prompts["answer-statement"].hash);
    assert.equal(reworded.prompts["describe-traits"].hash, paper.prompts["describe-traits"].hash);
    // Overrides without a name never pass for the paper's prompts.
    assert.match(variantRecord({ overrides: { "answer-statement": REWORDED }, prompts: getQuestion("rq1").prompts }).name, /^custom-[0-9a-f]{8}$/);
  });

  test("mistakes fail at once, naming what to fix", () => {
    assert.throws(() => promptVariant("paper", { "answer-statement": REWORDED }), /another name/);
    assert.throws(() => promptVariant("re worded"), /variant name/);
    assert.throws(() => promptVariant("x", { "answer-statment": REWORDED }), (error: unknown) => error instanceof UsageError && /unknown prompt id/.test(error.message));
    assert.throws(() => promptVariant("x", { "answer-statement": "{{descripton}} {{statement}}" }), /\{\{descripton\}\}/);
    assert.throws(() => promptVariant("x", { "answer-statement": { file: join(folder, "missing.md") } }), /not found/);
    assert.throws(() => parsePromptAssignments(["answer-statement"]), /ID=FILE/);
    const file = join(folder, "reworded.md");
    writeFileSync(file, REWORDED);
    assert.equal(parsePromptAssignments([`answer-statement=${file}`])["answer-statement"], REWORDED);
    assert.equal(promptVariant("reworded", { "answer-statement": { file } }).overrides["answer-statement"], REWORDED);
    assert.match(editPrompt("answer-statement", (text) => text.replace("Please answer", "Do answer")), /Do answer/);
    assert.throws(() => editPrompt("answer-statement", (text) => `${text} {{persona}}`), /\{\{persona\}\}/);
  });

  test("the CLI: --variant/--prompt, the default folder out/<question>/<variant>, and the mistakes", () => {
    const file = join(folder, "cli.md");
    writeFileSync(file, REWORDED);
    const parsed = parseAnalyzeArgs(["rq1", "--variant", "reworded", "--prompt", `answer-statement=${file}`])!;
    assert.equal(parsed.variant, "reworded");
    assert.equal(parsed.promptOverrides?.["answer-statement"], REWORDED);
    assert.equal(parsed.out, variantOutputDirectory("rq1", "reworded"));
    assert.equal(parseAnalyzeArgs(["rq1"])!.out, variantOutputDirectory("rq1", "paper"));
    assert.throws(() => parseAnalyzeArgs(["rq1", "--prompt", `answer-statement=${file}`]), /--variant NAME/);
    assert.throws(() => parseAnalyzeArgs(["rq1", "--variant", "x", "--prompt", `judge-pair=${file}`]), /rq1 does not use/);
  });

  test("a folder holding another variant's results is refused", () => {
    const directory = join(folder, "results");
    checkVariantDirectory(directory, { name: "reworded", prompts: {} });
    writeAnalysisSummary(directory, "paper");
    assert.throws(() => checkVariantDirectory(directory, { name: "reworded", prompts: {} }), (error: unknown) => error instanceof UsageError && /prompt variant "paper"/.test(error.message));
    checkVariantDirectory(directory, { name: "paper", prompts: {} });
  });
});

test("compare: the per-domain interval, test and r agree with scipy", () => {
  // Reference (scipy 1.17):
  //   a = [3.1,2.8,3.5,4.0,2.2,3.3,2.9,3.7]; b = [3.4,2.9,3.9,4.1,2.6,3.2,3.3,4.2]; d = b - a
  //   d.mean() +- stats.t.ppf(0.975, 7) * d.std(ddof=1) / sqrt(8); stats.wilcoxon(b, a).pvalue; stats.pearsonr(a, b)
  const a = [3.1, 2.8, 3.5, 4.0, 2.2, 3.3, 2.9, 3.7];
  const b = [3.4, 2.9, 3.9, 4.1, 2.6, 3.2, 3.3, 4.2];
  const rows = (values: number[], name: string) => values.map((value, index) => ({ personaId: `p${index}`, "HEXACO-60:Extraversion": value, variant: name }));
  const result = compare(rows(a, "paper"), rows(b, "reworded"));
  const [row] = result.domains;
  assert.equal(row.n, 8);
  assert.ok(Math.abs(row.difference - 0.26249999999999996) < 1e-12);
  assert.ok(Math.abs(row.low - 0.08978817118265459) < 1e-9, String(row.low));
  assert.ok(Math.abs(row.high - 0.4352118288173453) < 1e-9, String(row.high));
  assert.ok(Math.abs(row.p - 0.0234375) < 1e-12, String(row.p));
  assert.ok(Math.abs(row.r - 0.9343819239038184) < 1e-12);
  assert.equal(result.summary.a && (result.summary.a as { name: string }).name, "paper");
});

function writeAnalysisSummary(directory: string, name: string): void {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, "summary.json"), JSON.stringify({ variant: { name, prompts: {} } }));
}

describe("prompt variants on sim through analyze rq1", () => {
  const data = recoveryDataDirectory();
  const skip = data ? false : "needs the data folder (npm run data)";
  let context: PipelineContext;
  let out: string;
  let paper: Rq1Analysis;
  let reworded: Rq1Analysis;
  before(async () => {
    if (!data) return;
    process.env.PERSONA_TALKS_DATA = data;
    out = mkdtempSync(join(tmpdir(), "pt-variant-out-"));
    process.env.PERSONA_TALKS_OUT = out;
    context = createPipelineContext({ cacheMode: "off" });
    const run = { context, n: 40, datasets: ["esconv"], progress: false as const };
    paper = await analyzeRq1(run);
    reworded = await analyzeRq1({ ...run, ...variant("reworded", { "answer-statement": REWORDED }).options });
  });
  after(() => {
    context?.close();
    if (out) rmSync(out, { recursive: true, force: true });
    delete process.env.PERSONA_TALKS_OUT;
  });

  test("every result carries the variant: score rows, table captions, figure notes, summary", { skip }, () => {
    assert.equal(paper.variant!.name, "paper");
    assert.equal(reworded.variant!.name, "reworded");
    assert.ok(reworded.scores.every((row) => row.variant === "reworded" && String(row.prompts).includes("answer-statement@v1+override:")));
    assert.ok(reworded.tables.every((table) => table.title.includes('prompt variant "reworded"') && table.notes.some((note) => note.includes(reworded.variant!.prompts["answer-statement"].hash.slice(0, 12)))));
    assert.ok(paper.tables.every((table) => !table.title.includes("prompt variant") && table.notes.some((note) => note.startsWith('Prompt variant "paper"'))));
    // Provenance lives in the figure's caption file, not inside the figure (issue 24): the spec carries it in meta.
    for (const figure of reworded.figures) assert.match(figureCaption(figure.spec.layout.title.text, { simulated: true }, { spec: figure.spec }), /Prompt variant "reworded"/);
    assert.deepEqual((reworded.summary.variant as { name: string }).name, "reworded");
  });

  test("on sim a reworded prompt gives different but strongly correlated scores", { skip }, () => {
    const columns = reworded.scores.length ? Object.keys(reworded.scores[0]).filter((key) => /^(HEXACO-60|CSI):/.test(key)) : [];
    assert.equal(columns.length, 12);
    const byPersona = new Map(paper.scores.map((row) => [row.personaId, row]));
    assert.equal(reworded.scores.length, paper.scores.length);
    let changed = 0;
    for (const column of columns) {
      const pairs = reworded.scores.map((row) => [Number(byPersona.get(row.personaId)![column]), Number(row[column])]);
      changed += pairs.filter(([a, b]) => a !== b).length;
      const r = correlationOfColumns(pairs)[0][1];
      assert.ok(r > 0.7 && r < 0.999, `${column}: r = ${r}`);
    }
    assert.ok(changed > 0.5 * columns.length * reworded.scores.length, `scores changed: ${changed}`);
  });

  test("a variant writes its own export folder; the base folder is untouched and refuses other variants", { skip }, async () => {
    const base = variantOutputDirectory("rq1", paper.variant!.name);
    const other = variantOutputDirectory("rq1", reworded.variant!.name);
    assert.equal(base, join(out, "rq1", "paper"));
    await writeAnalysis(paper, base);
    const before = readFileSync(join(base, "summary.json"), "utf8");
    const modified = statSync(join(base, "scores.csv")).mtimeMs;
    await writeAnalysis(reworded, other);
    const summary = JSON.parse(readFileSync(join(other, "summary.json"), "utf8"));
    assert.equal(summary.variant.name, "reworded");
    assert.notEqual(summary.variant.prompts["answer-statement"].hash, JSON.parse(before).variant.prompts["answer-statement"].hash);
    assert.equal(readFileSync(join(base, "summary.json"), "utf8"), before);
    assert.equal(statSync(join(base, "scores.csv")).mtimeMs, modified);
    await assert.rejects(writeAnalysis(reworded, base), (error: unknown) => error instanceof UsageError && /variants never overwrite each other/.test(error.message));
    assert.match(readFileSync(join(other, "scores.csv"), "utf8"), /variant/);
  });

  test("compare sets the two variants side by side: differences with paired tests and CIs, correlation changes, a chart", { skip }, () => {
    const comparison = compare(paper, reworded, { resamples: 200 });
    assert.equal(comparison.domains.length, 12);
    for (const row of comparison.domains) {
      assert.equal(row.group, "esconv");
      assert.ok(row.n === paper.scores.length);
      assert.ok(row.low <= row.difference && row.difference <= row.high);
      assert.ok(row.p >= 0 && row.p <= 1);
      assert.ok(row.r > 0.7, `${row.domain} r(A, B) ${row.r}`);
    }
    assert.equal(comparison.correlations.length, 36);
    assert.ok(comparison.correlations.every((row) => row.low <= row.change + 1e-9 && row.change <= row.high + 1e-9));
    assert.equal(comparison.tables.length, 2);
    assert.match(comparison.tables[0].title, /"reworded" vs "paper"/);
    assert.equal(comparison.figures[0].spec.data.length, 1);
    assert.deepEqual(comparison.summary.a, paper.variant);
  });
});
