import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../errors";
import { parseModelSpecs } from "../providers/model-spec";
import { isGenerationMode, type GenerationMode } from "../pipeline/dialogue-rows";
import { EXTRACT_DATASETS } from "../pipeline/stages/extract-personas";
import { PAPER_VARIANT, parsePromptAssignments, promptVariant } from "../prompts/prompt-variant";
import type { QuestionOption, QuestionRun } from "../questions/question-module";
import { getQuestion, listQuestions, questionIds } from "../questions/registry";
import { parseClassifierMode, type ClassifierMode } from "../questions/rq3/classifier-choice";
import { parseCacheMode, parseProvider, parseWholeNumber } from "../reports/analysis-config";
import { variantOutputDirectory } from "../reports/variant-provenance";
import { DEFAULT_CORRECTION, type Correction } from "../stats/adjust";
import { parseFigureSize, type FigureSizeChoice } from "../export/figure-size";
import { INVENTORY_OPTION, parseInventoryOption } from "../inventory/inventory-option";
import type { InventoryChoice } from "../inventory/load-inventory";
import { LANGUAGE_OPTION } from "./language-option";
import { inventoriesInLanguage } from "../pipeline/inventories-in-language";
import { gridDesign, parseDesignKind, type GridOptions } from "../questions/robustness/grid-design";

/** `analyze <question> ...` as parsed: the question, the generic run options and the question's own options. */
export interface AnalyzeArgs {
  question: string;
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
  /** --inventory values (ids or paths; loaded inventories with --language); undefined: the paper's pair. */
  inventories?: InventoryChoice[];
  /** --language CODE: statements of a package inventory in that language. */
  language?: string;
  classifier: ClassifierMode;
  concurrency?: number;
  dryRun: boolean;
  quiet: boolean;
  generation: GenerationMode | "both";
  rolePlay: { traitsTo?: "supporter" | "seeker"; intake?: boolean; maxTurns?: number };
  samples: number;
  temperature: number;
  logprobs: boolean;
  /** --exclude-flagged: leave personas flagged by the response-set checks out (rq1, psychometrics). */
  excludeFlagged: boolean;
  /** --cards FILE with its --source and --include-field (rq1). */
  cards?: { file: string; source?: string; includeFields?: readonly string[] };
  /** --correction: holm (default), bh or none, for every correlation matrix's marks and counts. */
  correction: Correction;
  /** --figure-size: "print" (default: each figure kind at its ACL size), "column", "page", "screen" or WxH. */
  figureSize: FigureSizeChoice;
  /** --factor, --design, --repeats, --max-calls (robustness); the factor specs are parsed by the question (gridDesign). */
  grid?: GridOptions;
}

/** The flags only some questions take, with the name the check reports. */
const QUESTION_FLAGS: Record<QuestionOption, string> = {
  dataset: "--dataset",
  inventory: "--inventory",
  "extract-with": "--extract-with",
  classifier: "--classifier",
  generation: "--generation",
  "traits-to": "--traits-to",
  intake: "--intake",
  "max-turns": "--max-turns",
  samples: "--samples",
  temperature: "--temperature",
  logprobs: "--logprobs",
  "exclude-flagged": "--exclude-flagged",
  cards: "--cards",
  factor: "--factor",
  design: "--design",
  repeats: "--repeats",
  "max-calls": "--max-calls",
};

/** "--dataset applies to data, psychometrics, rq1 only": the questions that take a flag. */
function refuseOption(option: QuestionOption, question: string): never {
  const takers = listQuestions().filter((module) => module.options.includes(option)).map((module) => module.id).sort();
  throw new UsageError(`${QUESTION_FLAGS[option]} applies to ${takers.join(", ")} only (not ${question})`);
}

/**
 * Parses `analyze <question> [options]` (the CLI's one parser of run options, for every question, psychometrics
 * included): generic options (--n, --seed, --provider, --model, --cache, --variant, --prompt, --concurrency, --out,
 * --dry-run, --quiet) and the question-specific ones its module lists in `options`. Undefined for --help.
 */
export function analysisRunOptions(args: string[]): AnalyzeArgs | undefined {
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
      ...INVENTORY_OPTION,
      ...LANGUAGE_OPTION,
      classifier: { type: "string" },
      concurrency: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      generation: { type: "string" },
      "traits-to": { type: "string" },
      intake: { type: "boolean", default: false },
      "max-turns": { type: "string" },
      samples: { type: "string" },
      temperature: { type: "string" },
      logprobs: { type: "boolean", default: false },
      "exclude-flagged": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      "figure-size": { type: "string" },
      cards: { type: "string" },
      source: { type: "string" },
      "include-field": { type: "string", multiple: true },
      correction: { type: "string" },
      factor: { type: "string", multiple: true },
      design: { type: "string" },
      repeats: { type: "string" },
      "max-calls": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  });
  if (values.help) return undefined;
  const [question, ...extra] = positionals;
  if (!question) throw new UsageError(`name the research question: ${questionIds().join(", ")} (see persona-talks analyze --help)`);
  const module = getQuestion(question);
  if (extra.length) throw new UsageError(`unexpected argument(s): ${extra.join(" ")}`);
  const given: Record<QuestionOption, boolean> = {
    dataset: values.dataset !== undefined,
    inventory: values.inventory !== undefined,
    "extract-with": values["extract-with"] !== undefined,
    classifier: values.classifier !== undefined,
    generation: values.generation !== undefined && values.generation !== "omniscient",
    "traits-to": values["traits-to"] !== undefined,
    intake: values.intake === true,
    "max-turns": values["max-turns"] !== undefined,
    samples: values.samples !== undefined,
    temperature: values.temperature !== undefined,
    logprobs: values.logprobs === true,
    "exclude-flagged": values["exclude-flagged"] === true,
    cards: values.cards !== undefined,
    factor: values.factor !== undefined,
    design: values.design !== undefined,
    repeats: values.repeats !== undefined,
    "max-calls": values["max-calls"] !== undefined,
  };
  const dryRun = values["dry-run"] ?? false;
  if ((values.source !== undefined || values["include-field"] !== undefined) && values.cards === undefined) throw new UsageError("--source and --include-field go with --cards FILE");
  if (values.cards !== undefined && values.dataset !== undefined) throw new UsageError("--cards measures your own cards instead of the datasets: leave out --dataset");
  if (module.requiresOut && !values.out && !dryRun) throw new UsageError("--out DIR is required");
  if (values.prompt?.length && !values.variant) throw new UsageError("--prompt changes the prompts: name the variant with --variant NAME (e.g. --variant reworded)");
  for (const assignment of values.prompt ?? []) {
    const id = assignment.split("=")[0].trim();
    if (id && assignment.includes("=") && !module.prompts.includes(id)) throw new UsageError(`--prompt ${id}: ${question} does not use this prompt (it uses ${module.prompts.join(", ")})`);
  }
  const overrides = values.prompt?.length ? parsePromptAssignments(values.prompt) : undefined;
  const variant = promptVariant(values.variant ?? PAPER_VARIANT, overrides);
  for (const dataset of values.dataset ?? []) {
    if (!(EXTRACT_DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`--dataset must be one of ${EXTRACT_DATASETS.join(", ")}, got "${dataset}"`);
  }
  for (const option of Object.keys(given) as QuestionOption[]) if (given[option] && !module.options.includes(option)) refuseOption(option, question);
  if (values.language !== undefined && !module.options.includes("inventory")) refuseOption("inventory", question);
  const inventories = inventoriesInLanguage(parseInventoryOption(values.inventory), values.language);
  const provider = parseProvider(values.provider, "--provider");
  const models = parseModelSpecs(values.model ?? [], provider);
  if (values["extract-with"] !== undefined && models.length < 2) throw new UsageError("--extract-with applies to two or more --model");
  if (models.length > 1 && !module.analyzeModels) throw new UsageError(`${question} takes one --model (it has no side-by-side comparison of models)`);
  const generation = values.generation ?? "omniscient";
  if (generation !== "both" && !isGenerationMode(generation)) throw new UsageError(`--generation must be omniscient, role-play or both, got "${generation}"`);
  const traitsTo = values["traits-to"];
  if (traitsTo !== undefined && traitsTo !== "supporter" && traitsTo !== "seeker") throw new UsageError(`--traits-to must be supporter or seeker, got "${traitsTo}"`);
  const rolePlayOnly = traitsTo !== undefined || values.intake || values["max-turns"] !== undefined;
  if (rolePlayOnly && generation === "omniscient") throw new UsageError("--traits-to, --intake and --max-turns apply to --generation role-play or both");
  const temperature = values.temperature === undefined ? 0 : Number(values.temperature);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) throw new UsageError(`--temperature must be a number from 0 to 2, got "${values.temperature}"`);
  return {
    question,
    out: resolve(values.out ?? (module.requiresOut ? "." : variantOutputDirectory(question, variant.name))),
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
    samples: parseWholeNumber(values.samples, "--samples", 1) ?? 1,
    temperature,
    logprobs: values.logprobs ?? false,
    excludeFlagged: values["exclude-flagged"] ?? false,
    figureSize: parseFigureSize(values["figure-size"]),
    ...(values.cards !== undefined ? { cards: { file: values.cards, source: values.source, includeFields: values["include-field"] } } : {}),
    correction: parseCorrection(values.correction),
    ...(inventories ? { inventories } : {}),
    ...(values.language !== undefined ? { language: values.language } : {}),
    ...(module.options.includes("factor") ? { grid: gridArguments(values, temperature) } : {}),
  };
}

/** The robustness grid's arguments, checked now (before any work): factors, design, repeats, --max-calls. */
function gridArguments(values: { factor?: string[]; design?: string; repeats?: string; "max-calls"?: string; temperature?: string }, temperature: number): GridOptions {
  const grid: GridOptions = {
    ...(values.factor ? { factors: values.factor } : {}),
    design: parseDesignKind(values.design),
    ...(values.repeats !== undefined ? { repeats: parseWholeNumber(values.repeats, "--repeats", 1) } : {}),
    ...(values["max-calls"] !== undefined ? { maxCalls: parseWholeNumber(values["max-calls"], "--max-calls", 1) } : {}),
    ...(values.temperature !== undefined ? { temperature } : {}),
  };
  // Unknown factors and levels, one level, a half design it cannot build: one line now, nothing sent.
  gridDesign(grid);
  return grid;
}

/** Parses --correction: holm, bh (Benjamini-Hochberg) or none; default holm. */
export function parseCorrection(text: string | undefined): Correction {
  if (text === undefined) return DEFAULT_CORRECTION;
  if (text === "holm" || text === "bh" || text === "none") return text;
  throw new UsageError(`--correction must be holm, bh (Benjamini-Hochberg) or none, got "${text}"`);
}

/** The question run of parsed arguments, for one model's context. */
export function questionRun(options: AnalyzeArgs, log: (message: string) => void): Omit<QuestionRun, "context"> {
  return {
    n: options.n,
    seed: options.seed,
    concurrency: options.concurrency,
    progress: options.quiet ? (false as const) : undefined,
    onStep: log,
    variant: options.variant,
    promptOverrides: options.promptOverrides,
    datasets: options.datasets,
    inventories: options.inventories,
    generation: options.generation,
    rolePlay: options.rolePlay,
    classifier: options.classifier,
    samples: options.samples,
    temperature: options.temperature,
    logprobs: options.logprobs,
    ...(options.excludeFlagged ? { excludeFlagged: true } : {}),
    correction: options.correction,
    cards: options.cards,
    ...(options.grid ? { grid: options.grid } : {}),
  };
}
