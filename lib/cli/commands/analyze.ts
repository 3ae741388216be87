import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliCommand } from "../command";
import { UsageError } from "../../errors";
import { createFigureExporter } from "../../export/figure-exporter";
import { formatEstimate } from "../../llm/runner/estimate";
import { closingSummary, exitCodeOf, formatClosingSummary } from "../../llm/runner/closing-summary";
import { createPipelineContext, SIMULATED_BANNER } from "../../pipeline/pipeline-context";
import { EXTRACT_DATASETS } from "../../pipeline/stages/extract-personas";
import { parseCacheMode, parseProvider, parseWholeNumber } from "../../reports/analysis-config";
import type { AnalysisOutput, Question } from "../../reports/analysis-output";
import { chooseStrategyClassifier, parseClassifierMode } from "../../reports/classifier-choice";
import { estimateAnalysis } from "../../reports/estimate-analysis";
import { analyzeRq1 } from "../../reports/rq1-analysis";
import { analyzeRq2 } from "../../reports/rq2-analysis";
import { analyzeRq3 } from "../../reports/rq3-analysis";
import { writeAnalysis } from "../../reports/write-analysis";

const QUESTIONS: readonly Question[] = ["rq1", "rq2", "rq3"];

const HELP = `usage: persona-talks analyze rq1|rq2|rq3 --out DIR [options]

Runs the stages a research question needs (through the response cache: a re-run costs nothing and an
interrupted run resumes) and writes into DIR every table (.md, .tex, .csv), every figure (.html, .png,
.svg, .pdf; HTML only when no Chromium is found), scores.csv (one row per persona and condition, one
column per HEXACO-60 and CSI domain) and summary.json (the key numbers).

  rq1   persona cards of ESConv, CAMS and Dreaddit, filtered, measured with HEXACO-60 and CSI:
        Table 1, Tables 2-4/10-15 (correlations, alignment check), heatmaps
  rq2   PersonaHub personas: original vs re-extracted scores (Figures 5-7, 19-21), Wilcoxon per
        dimension, the no-persona PCA ablation (Figure 8)
  rq3   ESConv continuations with/without traits, HEXACO/CSI only: Tables 5-9 and 16, chi-square,
        case study (Figure 10), generator-vs-classifier agreement

options:
  --out DIR          where to write (required)
  --n N              personas per dataset (rq1, rq2) or ESConv dialogues (rq3); default 20
  --provider P       sim|openai|anthropic|local; default: the first one configured, else sim
  --model M          default: the provider's first model in lib/llm/models.json
  --seed S           sampling seed (default 1)
  --cache MODE       read-write (default) | read-only | off
  --dataset D        rq1 only, repeatable: esconv, cams, dreaddit (default all three)
  --classifier MODE  rq3 only: auto (default: use artifacts/strategy-classifier.json if trained),
                     train (train it first, a few minutes, once), off
  --concurrency K    calls in flight (default 8)
  --dry-run          print the cost estimate and exit without calling anything
  --quiet            no progress bars`;

interface AnalyzeArgs {
  question: Question;
  out: string;
  n: number;
  seed: number;
  provider?: ReturnType<typeof parseProvider>;
  model?: string;
  cacheMode: NonNullable<ReturnType<typeof parseCacheMode>>;
  datasets?: string[];
  classifier: NonNullable<ReturnType<typeof parseClassifierMode>>;
  concurrency?: number;
  dryRun: boolean;
  quiet: boolean;
}

export function parseAnalyzeArgs(args: string[]): AnalyzeArgs | undefined {
  const { values, positionals } = parseArgs({
    args,
    options: {
      out: { type: "string" },
      n: { type: "string" },
      seed: { type: "string" },
      provider: { type: "string" },
      model: { type: "string" },
      cache: { type: "string" },
      dataset: { type: "string", multiple: true },
      classifier: { type: "string" },
      concurrency: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  });
  if (values.help) return undefined;
  const [question, ...extra] = positionals;
  if (!question) throw new UsageError("name the research question: rq1, rq2 or rq3 (see persona-talks analyze --help)");
  if (!(QUESTIONS as readonly string[]).includes(question)) throw new UsageError(`unknown question "${question}"; use rq1, rq2 or rq3`);
  if (extra.length) throw new UsageError(`unexpected argument(s): ${extra.join(" ")}`);
  const dryRun = values["dry-run"] ?? false;
  if (!values.out && !dryRun) throw new UsageError("--out DIR is required");
  for (const dataset of values.dataset ?? []) {
    if (!(EXTRACT_DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`--dataset must be one of ${EXTRACT_DATASETS.join(", ")}, got "${dataset}"`);
  }
  if (values.dataset && question !== "rq1") throw new UsageError("--dataset applies to rq1 only");
  return {
    question: question as Question,
    out: resolve(values.out ?? "."),
    n: parseWholeNumber(values.n, "--n", 1) ?? 20,
    seed: parseWholeNumber(values.seed, "--seed", 0) ?? 1,
    provider: parseProvider(values.provider, "--provider"),
    model: values.model,
    cacheMode: parseCacheMode(values.cache, "--cache") ?? "read-write",
    datasets: values.dataset,
    classifier: parseClassifierMode(values.classifier, "--classifier") ?? "auto",
    concurrency: parseWholeNumber(values.concurrency, "--concurrency", 1),
    dryRun,
    quiet: values.quiet ?? false,
  };
}

export const command: CliCommand = {
  summary: "Run a research question (rq1|rq2|rq3) and write its tables, figures, scores.csv and summary.json",
  subcommands: QUESTIONS,
  async run(args) {
    const options = parseAnalyzeArgs(args);
    if (!options) {
      console.log(HELP);
      return 0;
    }
    const context = createPipelineContext({ model: { provider: options.provider, model: options.model }, cacheMode: options.cacheMode, seed: options.seed });
    const log = (message: string) => process.stderr.write(`${message}\n`);
    try {
      if (context.simulated) log(SIMULATED_BANNER);
      const run = { context, n: options.n, seed: options.seed, concurrency: options.concurrency, progress: options.quiet ? (false as const) : undefined, onStep: log };
      if (options.dryRun) {
        const estimate = await estimateAnalysis(options.question, { ...run, datasets: options.datasets });
        console.log(`${options.question} with ${context.model.provider}:${context.model.model}, n = ${options.n}\n${formatEstimate(estimate)}`);
        return 0;
      }
      let output: AnalysisOutput;
      if (options.question === "rq1") output = await analyzeRq1({ ...run, datasets: options.datasets });
      else if (options.question === "rq2") output = await analyzeRq2(run);
      else {
        const choice = await chooseStrategyClassifier(options.classifier);
        log(choice.message);
        output = await analyzeRq3({ ...run, classifier: choice.classifier, evaluation: choice.evaluation });
      }
      // How the model calls went (done, from cache, failed, retries by cause), kept with the numbers they made.
      const calls = closingSummary(context.ledger);
      output = { ...output, summary: { ...output.summary, run: calls } };
      const exporter = await createFigureExporter({ log });
      let written;
      try {
        written = await writeAnalysis(output, options.out, { exporter });
      } finally {
        await exporter.close();
      }
      log(context.ledger.formatTable());
      console.log(
        `${context.simulated ? `${SIMULATED_BANNER}\n` : ""}${options.question}: wrote ${written.files.length} files to ${options.out} ` +
          `(${output.tables.length} tables, ${output.figures.length + output.documents.length} figures, scores.csv, summary.json)`,
      );
      for (const message of written.messages) console.log(message);
      log(formatClosingSummary(calls));
      return exitCodeOf(calls, false);
    } finally {
      context.close();
    }
  },
};
