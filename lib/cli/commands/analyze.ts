import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliCommand } from "../command";
import { UsageError } from "../../errors";
import { createFigureExporter } from "../../export/figure-exporter";
import { formatEstimate } from "../../llm/runner/estimate";
import { closingSummary, exitCodeOf, formatClosingSummary } from "../../llm/runner/closing-summary";
import { createPipelineContext, SIMULATED_BANNER } from "../../pipeline/pipeline-context";
import { EXTRACT_DATASETS } from "../../pipeline/stages/extract-personas";
import { parseModelSpecs } from "../../llm/model-spec";
import { parseCacheMode, parseProvider, parseWholeNumber } from "../../reports/analysis-config";
import { analyzeSeveralModels } from "../analyze-several-models";
import type { AnalysisOutput, Question } from "../../reports/analysis-output";
import { chooseStrategyClassifier, parseClassifierMode } from "../../reports/classifier-choice";
import { estimateAnalysis } from "../../reports/estimate-analysis";
import { analyzeRq1 } from "../../reports/rq1-analysis";
import { analyzeRq2, type Rq2Analysis } from "../../reports/rq2-analysis";
import { analyzeRq3, type Rq3Analysis } from "../../reports/rq3-analysis";
import { compareRq2Modes, compareRq3Modes } from "../../reports/generation-comparison";
import { GENERATION_MODES, isGenerationMode, type GenerationMode } from "../../pipeline/dialogue-rows";
import { runPsychometricsCommand } from "../analyze-psychometrics";
import { writeAnalysis } from "../../reports/write-analysis";
import { checkVariantDirectory, variantOutputDirectory } from "../../reports/variant-provenance";
import { PAPER_VARIANT, parsePromptAssignments, promptVariant, QUESTION_PROMPTS, variantRecord } from "../../prompts/prompt-variant";
import { checkOutputDirectory } from "../../files/check-output-directory";
import { checkInputsBeforeCalls } from "../check-inputs";

const QUESTIONS: readonly Question[] = ["rq1", "rq2", "rq3"];

const HELP = `usage: persona-talks analyze rq1|rq2|rq3 [--out DIR] [--variant NAME --prompt ID=FILE ...] [options]
       persona-talks analyze psychometrics --out DIR [options]   (reliability and validity; see its --help)

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
  --out DIR          where to write; default out/<question>/<variant>. A folder holding another
                     prompt variant's results is refused (variants never overwrite each other)
  --variant NAME     name of the prompt variant (default "paper": the paper's prompts); recorded in
                     scores.csv, every table and figure and summary.json ("variant")
  --prompt ID=FILE   repeatable: use FILE as the template of prompt ID (e.g.
                     answer-statement=reworded.md); needs --variant. Compare two variants' folders
                     with: persona-talks compare DIR_A DIR_B
  --n N              personas per dataset (rq1, rq2) or ESConv dialogues (rq3); default 20
  --provider P       sim|openai|anthropic|local; default: the first one configured, else sim
  --model M          default: the provider's first model in lib/llm/models.json. provider:model picks the
                     provider too; repeat it to compare models side by side (e.g. --model openai:gpt-4o-mini
                     --model anthropic:claude-3-5-haiku-20241022; simulated: --model sim:aligned --model sim:llama-like)
  --extract-with M   rq1 with several models: the model that extracts and filters the cards every model then
                     measures (default: the first --model), or "each" 
  --seed S           sampling seed (default 1)
  --cache MODE       read-write (default) | read-only | off
  --dataset D        rq1 only, repeatable: esconv, cams, dreaddit (default all three)
  --classifier MODE  rq3 only: auto (default: use artifacts/strategy-classifier.json if trained),
                     train (train it first, a few minutes, once), off
  --generation G     rq2, rq3: omniscient (default, the paper's: one call writes a dialogue), role-play (two
                     agents with distinct information, one call per turn) or both (runs both and compares them)
  --traits-to WHO    role-play: who is told the HEXACO/CSI traits: supporter (default, as the paper's RQ3) or seeker
  --intake           role-play: tell the supporter the problem type in one line (off by default)
  --max-turns T      role-play: utterances per dialogue at most (default 20)
  --concurrency K    calls in flight (default 8)
  --dry-run          print the cost estimate and exit without calling anything
  --quiet            no progress bars`;

export interface AnalyzeArgs {
  question: Question;
  out: string;
  /** The prompt variant and its overrides (template text per prompt id). */
  variant: string;
  promptOverrides?: Record<string, string>;
  n: number;
  seed: number;
  provider?: ReturnType<typeof parseProvider>;
  model?: string;
  /** Every --model, with its provider (a provider: prefix, else --provider); two or more: a multi-model analysis. */
  models: Array<{ provider?: ReturnType<typeof parseProvider>; model: string }>;
  extractWith?: string;
  cacheMode: NonNullable<ReturnType<typeof parseCacheMode>>;
  datasets?: string[];
  classifier: NonNullable<ReturnType<typeof parseClassifierMode>>;
  concurrency?: number;
  dryRun: boolean;
  quiet: boolean;
  generation: GenerationMode | "both";
  rolePlay: { traitsTo?: "supporter" | "seeker"; intake?: boolean; maxTurns?: number };
}

export function parseAnalyzeArgs(args: string[]): AnalyzeArgs | undefined {
  const { values, positionals } = parseArgs({
    args,
    options: {
      out: { type: "string" },
      variant: { type: "string" },
      prompt: { type: "string", multiple: true },
      n: { type: "string" },
      seed: { type: "string" },
      provider: { type: "string" },
      model: { type: "string", multiple: true },
      "extract-with": { type: "string" },
      cache: { type: "string" },
      dataset: { type: "string", multiple: true },
      classifier: { type: "string" },
      concurrency: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      generation: { type: "string" },
      "traits-to": { type: "string" },
      intake: { type: "boolean", default: false },
      "max-turns": { type: "string" },
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
  if (values.prompt?.length && !values.variant) throw new UsageError("--prompt changes the prompts: name the variant with --variant NAME (e.g. --variant reworded)");
  const used = QUESTION_PROMPTS[question] ?? [];
  for (const assignment of values.prompt ?? []) {
    const id = assignment.split("=")[0].trim();
    if (id && assignment.includes("=") && !used.includes(id)) throw new UsageError(`--prompt ${id}: ${question} does not use this prompt (it uses ${used.join(", ")})`);
  }
  const overrides = values.prompt?.length ? parsePromptAssignments(values.prompt) : undefined;
  const variant = promptVariant(values.variant ?? PAPER_VARIANT, overrides);
  for (const dataset of values.dataset ?? []) {
    if (!(EXTRACT_DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`--dataset must be one of ${EXTRACT_DATASETS.join(", ")}, got "${dataset}"`);
  }
  if (values.dataset && question !== "rq1") throw new UsageError("--dataset applies to rq1 only");
  const provider = parseProvider(values.provider, "--provider");
  const models = parseModelSpecs(values.model ?? [], provider);
  if (values["extract-with"] !== undefined && models.length < 2) throw new UsageError("--extract-with applies to two or more --model");
  if (values["extract-with"] !== undefined && question !== "rq1") throw new UsageError("--extract-with applies to rq1 only");
  const generation = values.generation ?? "omniscient";
  if (generation !== "both" && !isGenerationMode(generation)) throw new UsageError(`--generation must be omniscient, role-play or both, got "${generation}"`);
  if (generation !== "omniscient" && question === "rq1") throw new UsageError("--generation applies to rq2 and rq3 (rq1 generates no dialogues)");
  const traitsTo = values["traits-to"];
  if (traitsTo !== undefined && traitsTo !== "supporter" && traitsTo !== "seeker") throw new UsageError(`--traits-to must be supporter or seeker, got "${traitsTo}"`);
  const rolePlayOnly = traitsTo !== undefined || values.intake || values["max-turns"] !== undefined;
  if (rolePlayOnly && generation === "omniscient") throw new UsageError("--traits-to, --intake and --max-turns apply to --generation role-play or both");
  return {
    question: question as Question,
    out: resolve(values.out ?? variantOutputDirectory(question, variant.name)),
    variant: variant.name,
    promptOverrides: overrides,
    n: parseWholeNumber(values.n, "--n", 1) ?? 20,
    seed: parseWholeNumber(values.seed, "--seed", 0) ?? 1,
    provider: models[0]?.provider ?? provider,
    model: models[0]?.model,
    models,
    extractWith: values["extract-with"],
    cacheMode: parseCacheMode(values.cache, "--cache") ?? "read-write",
    datasets: values.dataset,
    classifier: parseClassifierMode(values.classifier, "--classifier") ?? "auto",
    concurrency: parseWholeNumber(values.concurrency, "--concurrency", 1),
    dryRun,
    quiet: values.quiet ?? false,
    generation,
    rolePlay: { traitsTo, intake: values.intake || undefined, maxTurns: parseWholeNumber(values["max-turns"], "--max-turns", 2) },
  };
}

export const command: CliCommand = {
  summary: "Run a research question (rq1|rq2|rq3|psychometrics) and write its tables, figures, scores.csv and summary.json",
  subcommands: [...QUESTIONS, "psychometrics"],
  async run(args) {
    if (args[0] === "psychometrics") return runPsychometricsCommand(args.slice(1));
    const options = parseAnalyzeArgs(args);
    if (!options) {
      console.log(HELP);
      return 0;
    }
    // Before any work: an --out that cannot be written is found now, not after the analysis ran.
    if (!options.dryRun) checkOutputDirectory(options.out);
    checkInputsBeforeCalls({ inventories: true, overrides: options.promptOverrides });
    if (options.models.length > 1) return analyzeSeveralModels(options);
    const context = createPipelineContext({ model: { provider: options.provider, model: options.model }, cacheMode: options.cacheMode, seed: options.seed });
    const log = (message: string) => process.stderr.write(`${message}\n`);
    try {
      if (context.simulated) log(SIMULATED_BANNER);
      const run = {
        context,
        n: options.n,
        seed: options.seed,
        concurrency: options.concurrency,
        progress: options.quiet ? (false as const) : undefined,
        onStep: log,
        variant: options.variant,
        promptOverrides: options.promptOverrides,
      };
      if (!options.dryRun) checkVariantDirectory(options.out, variantRecord({ name: options.variant, overrides: options.promptOverrides, question: options.question }));
      if (options.dryRun) {
        const estimate = await estimateAnalysis(options.question, { ...run, datasets: options.datasets, generation: options.generation, maxTurns: options.rolePlay.maxTurns });
        console.log(`${options.question} with ${context.model.provider}:${context.model.model}, n = ${options.n}\n${formatEstimate(estimate)}`);
        return 0;
      }
      let output: AnalysisOutput;
      const modes = options.generation === "both" ? GENERATION_MODES : [options.generation];
      const rolePlay = options.rolePlay;
      if (options.question === "rq1") output = await analyzeRq1({ ...run, datasets: options.datasets });
      else if (options.question === "rq2") {
        const outputs: Rq2Analysis[] = [];
        for (const generation of modes) outputs.push(await analyzeRq2({ ...run, generation, rolePlay }));
        output = outputs.length === 2 ? compareRq2Modes({ omniscient: outputs[0], "role-play": outputs[1] }) : outputs[0];
      } else {
        const choice = await chooseStrategyClassifier(options.classifier);
        log(choice.message);
        const outputs: Rq3Analysis[] = [];
        for (const generation of modes) outputs.push(await analyzeRq3({ ...run, classifier: choice.classifier, evaluation: choice.evaluation, generation, rolePlay }));
        output = outputs.length === 2 ? compareRq3Modes({ omniscient: outputs[0], "role-play": outputs[1] }, { seed: options.seed }) : outputs[0];
      }
      // How the model calls went (done, from cache, failed, retries by cause), kept with the numbers they made.
      const calls = closingSummary(context.ledger);
      // The exact command, so `persona-talks bundle create` can re-run it (bundle verify compares everything else).
      output = { ...output, summary: { ...output.summary, run: calls, command: ["analyze", ...args] } };
      const exporter = await createFigureExporter({ log });
      let written;
      try {
        written = await writeAnalysis(output, options.out, { exporter });
      } finally {
        await exporter.close();
      }
      log(context.ledger.formatTable());
      console.log(
        `${context.simulated ? `${SIMULATED_BANNER}\n` : ""}${options.question} (prompt variant "${options.variant}"): wrote ${written.files.length} files to ${options.out} ` +
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
