import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../errors";
import { createFigureExporter } from "../export/figure-exporter";
import { formatEstimate } from "../llm/runner/estimate";
import { estimatePlan, planned } from "../pipeline/estimate-plan";
import { createPipelineContext, SIMULATED_BANNER } from "../pipeline/pipeline-context";
import { standardInventories } from "../pipeline/stages/answer-inventory";
import { EXTRACT_DATASETS } from "../pipeline/stages/extract-personas";
import { parseCacheMode, parseProvider, parseWholeNumber } from "../reports/analysis-config";
import { plannedRequests } from "../reports/estimate-analysis";
import { analyzePsychometrics, writeAnswerFiles } from "../reports/psychometrics-analysis";
import { writeAnalysis } from "../reports/write-analysis";
import { checkOutputDirectory } from "../files/check-output-directory";
import { checkInputsBeforeCalls } from "./check-inputs";

export const PSYCHOMETRICS_HELP = `usage: persona-talks analyze psychometrics --out DIR [options]

Are the model's inventory answers reliable measurements? Measures the RQ1 personas (per dataset: persona cards
extracted and filtered, traits described, HEXACO-60 and CSI answered, through the response cache) and writes into
DIR: reliability per domain (Cronbach's alpha with a bootstrap 95% CI, McDonald's omega total from a one-factor
minres model), alpha per facet, corrected item-total correlations and the flagged items (negative or < .2),
the HEXACO x CSI multitrait-multimethod view (observed and disattenuated r), with --samples K > 1 the
test-retest stability (ICC(2,1), ICC(2,K), identical answers); figures (item-total chart per inventory,
alpha/omega chart); answers-<inventory>.csv (raw 1-5 answers, one column per item id); scores.csv; summary.json
(reliability[<inventory>][<domain>] = {alpha, alphaLow, alphaHigh, omega, items, n}).

options:
  --out DIR          where to write (required)
  --n N              personas per dataset; default 20
  --samples K        answer every statement K times (sample index in the cache key); default 1
  --temperature T    temperature of the answer stage; default 0 (the paper)
  --logprobs         a separate, paid pass asking for the answer token's top-5 log-probabilities: reliability
                     of the expected answer beside the chosen digit (the dry run prices it; Anthropic's API
                     gives no log-probabilities, so it is refused there)
  --dataset D        repeatable: esconv, cams, dreaddit (default all three)
  --provider P       sim|openai|anthropic|local; default: the first one configured, else sim
  --model M          default: the provider's first model in lib/llm/models.json
  --seed S           sampling and bootstrap seed (default 1)
  --cache MODE       read-write (default) | read-only | off
  --concurrency K    calls in flight (default 8)
  --dry-run          print the cost estimate and exit without calling anything
  --quiet            no progress bars`;

export interface PsychometricsArgs {
  out: string;
  n: number;
  samples: number;
  temperature: number;
  datasets?: string[];
  seed: number;
  provider?: ReturnType<typeof parseProvider>;
  model?: string;
  cacheMode: NonNullable<ReturnType<typeof parseCacheMode>>;
  concurrency?: number;
  logprobs: boolean;
  dryRun: boolean;
  quiet: boolean;
}

export function parsePsychometricsArgs(args: string[]): PsychometricsArgs | undefined {
  const { values, positionals } = parseArgs({
    args,
    options: {
      out: { type: "string" },
      n: { type: "string" },
      samples: { type: "string" },
      temperature: { type: "string" },
      logprobs: { type: "boolean", default: false },
      dataset: { type: "string", multiple: true },
      seed: { type: "string" },
      provider: { type: "string" },
      model: { type: "string" },
      cache: { type: "string" },
      concurrency: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  });
  if (values.help) return undefined;
  if (positionals.length) throw new UsageError(`unexpected argument(s): ${positionals.join(" ")}`);
  const dryRun = values["dry-run"] ?? false;
  if (!values.out && !dryRun) throw new UsageError("--out DIR is required");
  for (const dataset of values.dataset ?? []) {
    if (!(EXTRACT_DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`--dataset must be one of ${EXTRACT_DATASETS.join(", ")}, got "${dataset}"`);
  }
  const temperature = values.temperature === undefined ? 0 : Number(values.temperature);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) throw new UsageError(`--temperature must be a number from 0 to 2, got "${values.temperature}"`);
  return {
    out: resolve(values.out ?? "."),
    n: parseWholeNumber(values.n, "--n", 1) ?? 20,
    samples: parseWholeNumber(values.samples, "--samples", 1) ?? 1,
    temperature,
    datasets: values.dataset,
    seed: parseWholeNumber(values.seed, "--seed", 0) ?? 1,
    provider: parseProvider(values.provider, "--provider"),
    model: values.model,
    cacheMode: parseCacheMode(values.cache, "--cache") ?? "read-write",
    concurrency: parseWholeNumber(values.concurrency, "--concurrency", 1),
    logprobs: values.logprobs ?? false,
    dryRun,
    quiet: values.quiet ?? false,
  };
}

/** `persona-talks analyze psychometrics ...`: returns the exit code. */
export async function runPsychometricsCommand(args: string[]): Promise<number> {
  const options = parsePsychometricsArgs(args);
  if (!options) {
    console.log(PSYCHOMETRICS_HELP);
    return 0;
  }
  if (!options.dryRun) checkOutputDirectory(options.out);
  checkInputsBeforeCalls({ inventories: true });
  const context = createPipelineContext({ model: { provider: options.provider, model: options.model }, cacheMode: options.cacheMode, seed: options.seed });
  const log = (message: string) => process.stderr.write(`${message}\n`);
  try {
    if (context.simulated) log(SIMULATED_BANNER);
    const run = { context, n: options.n, seed: options.seed, concurrency: options.concurrency, progress: options.quiet ? (false as const) : undefined, onStep: log };
    if (options.dryRun) {
      // RQ1's plan, plus every statement answered K - 1 more times per persona and dataset.
      const requests = await plannedRequests("rq1", { ...run, datasets: options.datasets });
      const extra = planned.answers(context, standardInventories()).map((request) => ({ ...request, temperature: options.temperature }));
      const repeats = (options.samples - 1) * options.n * (options.datasets ?? EXTRACT_DATASETS).length;
      for (let index = 0; index < repeats; index++) requests.push(...extra);
      // The log-probability pass: every statement once more per persona, with top_logprobs (its own cache keys).
      const logprobPasses = options.logprobs ? options.n * (options.datasets ?? EXTRACT_DATASETS).length : 0;
      const withLogprobs = extra.map((request) => ({ ...request, topLogprobs: 5 }));
      for (let index = 0; index < logprobPasses; index++) requests.push(...withLogprobs);
      if (options.logprobs && context.model.provider === "anthropic") console.log("--logprobs: Anthropic's API returns no log-probabilities; the pass would be refused.");
      console.log(`psychometrics with ${context.model.provider}:${context.model.model}, n = ${options.n}, samples = ${options.samples}${options.logprobs ? ", with the log-probability pass" : ""}\n${formatEstimate(estimatePlan(requests, context))}`);
      return 0;
    }
    const output = await analyzePsychometrics({ ...run, datasets: options.datasets, samples: options.samples, temperature: options.temperature, logprobs: options.logprobs });
    const exporter = await createFigureExporter({ log });
    let written;
    try {
      written = await writeAnalysis(output, options.out, { exporter });
    } finally {
      await exporter.close();
    }
    written.files.push(...writeAnswerFiles(output, options.out));
    log(context.ledger.formatTable());
    console.log(
      `${context.simulated ? `${SIMULATED_BANNER}\n` : ""}psychometrics: wrote ${written.files.length} files to ${options.out} ` +
        `(${output.tables.length} tables, ${output.figures.length} figures, ${output.answerFiles.map((file) => file.name).join(", ")}, scores.csv, summary.json)`,
    );
    for (const message of written.messages) console.log(message);
    return 0;
  } finally {
    context.close();
  }
}
