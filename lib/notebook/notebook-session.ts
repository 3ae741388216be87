import { inspect } from "node:util";
import { checkWholeNumber, rejectUnknownKeys } from "../check-options";
import { loadEsconv } from "../data/esconv";
import { UsageError } from "../errors";
import type { CacheMode } from "../llm/cache/response-cache";
import type { ProgressReporter } from "../llm/runner/progress";
import type { ProviderName } from "../llm/types";
import type { GenerationCondition, TraitCondition } from "../pipeline/dialogue-rows";
import { createPipelineContext, SIMULATED_BANNER, type PipelineContext } from "../pipeline/pipeline-context";
import { annotateStrategies } from "../pipeline/stages/annotate-strategies";
import { answerInventory } from "../pipeline/stages/answer-inventory";
import { checkInventoryArguments, loadInventories, type InventoryChoice } from "../inventory/load-inventory";
import { inventoriesInLanguage } from "../pipeline/inventories-in-language";
import { continueDialogue } from "../pipeline/stages/continue-dialogue";
import { describeTraits } from "../pipeline/stages/describe-traits";
import { expandPersonaHub } from "../pipeline/stages/expand-persona-hub";
import { extractPersonaFromDialogue } from "../pipeline/stages/extract-persona-from-dialogue";
import { EXTRACT_DATASETS, extractPersonas, loadPersonaSources, type ExtractDataset, type PersonaSource } from "../pipeline/stages/extract-personas";
import { filterPersonas } from "../pipeline/stages/filter-personas";
import { generateDialogue } from "../pipeline/stages/generate-dialogue";
import { personaHubEntries } from "../pipeline/stages/expand-persona-hub";
import { sampleRows, seededOrder, tableRows } from "../pipeline/table";
import type { StageOptions } from "../pipeline/types";
import { analysisConfig, configSources, describeOverrides, type AnalysisConfig } from "../reports/analysis-config";
import type { QuestionRun } from "../questions/question-module";
import { getQuestion } from "../questions/registry";
import type { AnalysisOutput } from "../reports/analysis-output";
import type { AnalysisRunOptions } from "../reports/run-options";
import { unnamedVariantName } from "../prompts/prompt-variant";
import { reopeningContext } from "./reopening-context";
import { checkDialogues, checkStageInput, describeInput, stageOf } from "./stage-input";
import type { AnnotatedDialogues, Answers, AnsweringPersonas, ContinuedDialogues, DescribableCards, Dialogues, ExpandedPersonas, ExtractedCards, FilteredCards, Histories, ReextractedPersonas, TraitDescriptions } from "./stage-types";

/**
 * The library's stage result, typed as the table of the stage that made it (summary.stage names it at run time),
 * with the session's prompt variant on the table, its summary, its rows and (answers) its score rows.
 */
async function tagged<Table>(result: Promise<unknown>, variant: string): Promise<Table> {
  const table = (await result) as { rows: Record<string, unknown>[]; summary: Record<string, unknown>; scores?: Record<string, unknown>[]; variant?: string };
  table.variant = variant;
  table.summary.variant = variant;
  for (const row of table.rows) row.variant = variant;
  for (const row of table.scores ?? []) row.variant = variant;
  return table as Table;
}

// One research session in a notebook: the config (cell values, environment overrides said out loud), one cache
// and ledger, and one method per stage of the paper. Each method runs the library's stage (lib/pipeline/stages)
// on the previous stage's result and returns its StageResult: rows, failures, a summary; `pt.show(result)` shows
// the first rows with counts and reasons. The analyses (analyzeRq1, ...) run the same stages with the same
// seeds, so after the stage cells they find every answer in the cache.

/** The config cell's values of `pt.session(...)`; environment variables (PERSONA_TALKS_*) win over them. */
export interface SessionOptions {
  /** Undefined: the first provider configured in the environment (.env), else sim. */
  provider?: ProviderName;
  model?: string;
  /** Personas per dataset (RQ1, RQ2) or dialogues continued (RQ3); default 20. */
  n?: number;
  seed?: number;
  cacheMode?: CacheMode;
  /** Template text per prompt id for every stage of this session (new text, new hash, new cache keys). */
  promptOverrides?: Record<string, string>;
  /** The prompt variant's name, stamped on the analyses' results (default "paper", or "custom-<hash>" with overrides). */
  variant?: string;
  concurrency?: number;
  /** Default: the runner's progress bar; false for none. */
  progress?: ProgressReporter | false;
  /**
   * The inventories answered (catalog ids such as "hexaco60", "csi96", paths of inventory JSON files, or loaded
   * inventories); RQ1 correlates the first with the second. Default: the paper's pair. Same as the CLI's --inventory.
   * The session's answer stage uses them; analysisOptions() carries them for analyzeRq1 and analyzePsychometrics
   * (RQ2 and RQ3 are defined on HEXACO-60 and CSI and refuse the option).
   */
  inventories?: readonly InventoryChoice[];
  /**
   * The language of the statements of inventories from a package (`"de"`: IPIP-NEO-120 in German, with the German
   * answer instruction answer-statement-de). Same as the CLI's --language; default English.
   */
  language?: string;
}

const SESSION_KEYS = ["provider", "model", "n", "seed", "cacheMode", "promptOverrides", "variant", "concurrency", "progress", "inventories", "language"] as const;

/** Options of one stage call: a different n for this stage only. */
export interface StageCallOptions {
  n?: number;
}

/** Options of run.describeTraits: a different n, and whether the cards the filter rejected are described too. */
export interface DescribeTraitsOptions extends StageCallOptions {
  /** Also describe the cards the filter rejected (default false: only kept cards reach later stages). */
  includeRejected?: boolean;
}

/**
 * A notebook's session (`const run = pt.session(...)`): its config, one cache and ledger, and one method per stage
 * of the paper. Each stage takes the previous stage's table and returns its own (typed: ExtractedCards,
 * FilteredCards, TraitDescriptions, Answers, ...); `pt.show(table)` shows its first rows, counts and failures.
 */
export interface NotebookSession {
  /** The values in force (cell values, unless an environment variable overrode them). */
  readonly config: AnalysisConfig;
  /** "n = 10 (PERSONA_TALKS_N; the cell says 20)" for every value an environment variable overrode. */
  readonly overrides: string[];
  /** The shared pipeline context (one cache, adapter and ledger); opens again after close(). */
  readonly context: PipelineContext;
  /** What the session runs with, in a few lines (provider, model, n, seed, cache, overrides). */
  summary(): string;
  /** The analyze* options of this session: `pt.analyzeRq1(run.analysisOptions())`. */
  analysisOptions(): { context: PipelineContext; n: number; seed: number; promptOverrides?: Record<string, string>; variant?: string; concurrency?: number; progress?: ProgressReporter | false; inventories?: readonly InventoryChoice[] };
  /**
   * The same session (config, cache, ledger) with a prompt variant's overrides: `run.variant(pt.variant("reworded",
   * { ... }))`. Its stages call the model again only where a changed prompt is rendered; its analysisOptions()
   * carry the variant's name, so exports go to out/<question>/<variant>/.
   */
  variant(variant: { name: string; overrides: Record<string, string> }): NotebookSession;
  /** Section 3 / Figure 11: persona cards from a dataset (2n cards, at least 10, in the seeded order runRq1 uses) or from given sources. */
  extract(dataset: ExtractDataset | readonly PersonaSource[], options?: StageCallOptions): Promise<ExtractedCards>;
  /** Figure 14: the filter's verdict and reason per card. `.kept` holds the cards kept. */
  filter(cards: ExtractedCards): Promise<FilteredCards>;
  /**
   * Figure 12: a trait sentence per HEXACO and CSI dimension for the first n cards (failed cards skipped, and the
   * cards the filter rejected unless `includeRejected: true`). Not to be confused with `pt.describe(frame)`, which summarises a DataFrame's numeric columns.
   */
  describeTraits(cards: DescribableCards, options?: DescribeTraitsOptions): Promise<TraitDescriptions>;
  /** Figure 13: every statement of the session's inventories (default HEXACO-60 and CSI) per persona, with the raw answer and whether it could be read; `.scores` per persona. */
  answer(personas: AnsweringPersonas): Promise<Answers>;
  /** RQ2, Figure 15: n PersonaHub personas (sampled with the seed) expanded into cards with trait statements. */
  expand(options?: StageCallOptions): Promise<ExpandedPersonas>;
  /** RQ2, Figure 17: one dialogue per persona ("persona"), or the Section 5.3 ablation without one ("no-persona"). */
  generate(personas: ExpandedPersonas, options?: { condition?: GenerationCondition }): Promise<Dialogues>;
  /** RQ2, Section 5.1: the seeker's persona re-extracted from each generated dialogue. */
  reextract(dialogues: Dialogues): Promise<ReextractedPersonas>;
  /** RQ3: n ESConv dialogues sampled with the seed (the histories to continue). */
  dialogues(options?: StageCallOptions): Histories;
  /** RQ3, Figures 16 and 18: each dialogue continued with the seeker's traits (both, hexaco, csi) or without (none), with strategy labels. */
  continue(dialogues: Histories, options: { traits: TraitCondition; scores?: Answers | Answers["scores"] }): Promise<ContinuedDialogues>;
  /** RQ3: an independent annotator's strategy label for every supporter turn. */
  annotate(dialogues: ContinuedDialogues | Dialogues): Promise<AnnotatedDialogues>;
  /**
   * A registered question (lib/questions/registry.ts: "rq1", "rq2", "rq3", "psychometrics", "data", or one added
   * with registerQuestion) run with this session's config, cache and variant: `await run.analyze("rq1")`;
   * `options` are the question's own (e.g. `{ datasets: ["esconv"] }`, `{ generation: "role-play" }`).
   */
  analyze(question: string, options?: Omit<QuestionRun, keyof AnalysisRunOptions>): Promise<AnalysisOutput>;
  /** Closes the cache; the next stage call opens it again. */
  close(): void;
}

/**
 * Starts a notebook session: `const run = pt.session({ n: 20, seed: 1 })`. PERSONA_TALKS_PROVIDER, _MODEL, _N,
 * _SEED and _CACHE_MODE override the values given (that is how reproduce and the tests run the notebooks), and
 * `run.summary()` says so.
 */
export function session(options: SessionOptions = {}): NotebookSession {
  return openSession(options, process.env);
}

/** Internal (tests): a session reading overrides from `environment`, sharing `shared`'s cache and ledger when given (variants). */
export function openSession(options: SessionOptions, environment: NodeJS.ProcessEnv, shared?: PipelineContext): NotebookSession {
  rejectUnknownKeys(options, SESSION_KEYS, "session");
  checkWholeNumber(options.n, "n", "session", 1);
  checkWholeNumber(options.seed, "seed", "session", 0);
  if (options.inventories !== undefined) checkInventoryArguments(options.inventories);
  const inventories = inventoriesInLanguage(options.inventories, options.language);
  const cell = { provider: options.provider, model: options.model, n: options.n, seed: options.seed, cacheMode: options.cacheMode };
  const config = analysisConfig(cell, environment);
  const overrides = describeOverrides(configSources(cell, environment));
  const context = shared ?? reopeningContext(() => createPipelineContext({ model: { provider: config.provider, model: config.model }, cacheMode: config.cacheMode, seed: config.seed, concurrency: options.concurrency }));
  const stage = (): StageOptions => ({ context, seed: config.seed, promptOverrides: options.promptOverrides, progress: options.progress });
  const wanted = (call?: StageCallOptions, where = "stage") => {
    rejectUnknownKeys(call, ["n"], where);
    checkWholeNumber(call?.n, "n", where, 1);
    return call?.n ?? config.n;
  };
  const sources = new Map<string, PersonaSource[]>();
  const sourcesOf = (dataset: string) => {
    if (!sources.has(dataset)) sources.set(dataset, loadPersonaSources(dataset));
    return sources.get(dataset)!;
  };
  const variantName = options.variant ?? (options.promptOverrides && Object.keys(options.promptOverrides).length ? unnamedVariantName(options.promptOverrides) : "paper");
  const stamp = <Table>(result: Promise<unknown>) => tagged<Table>(result, variantName);
  const run: NotebookSession = {
    config,
    overrides,
    context,
    summary() {
      const lines = [
        ...(context.simulated ? [SIMULATED_BANNER] : []),
        `provider ${context.model.provider}, model ${context.model.model}, n = ${config.n}, seed ${config.seed}, cache ${config.cacheMode} (${context.cache.path ?? "memory"})`,
        ...overrides.map((line) => `overridden by the environment: ${line}`),
        ...(options.promptOverrides ? [`prompt variant ${options.variant ?? "(unnamed)"}: overrides ${Object.keys(options.promptOverrides).join(", ")}`] : []),
      ];
      return lines.join("\n");
    },
    analysisOptions() {
      return { context, n: config.n, seed: config.seed, ...(options.promptOverrides ? { promptOverrides: options.promptOverrides } : {}), ...(options.variant ? { variant: options.variant } : {}), ...(options.concurrency ? { concurrency: options.concurrency } : {}), ...(options.progress !== undefined ? { progress: options.progress } : {}), ...(inventories ? { inventories } : {}) };
    },
    variant(variant) {
      if (!variant || typeof variant.name !== "string" || typeof variant.overrides !== "object") {
        throw new UsageError('variant: pass a prompt variant, e.g. run.variant(pt.variant("reworded", { "answer-statement": text }))');
      }
      return openSession({ ...options, variant: variant.name, promptOverrides: { ...options.promptOverrides, ...variant.overrides } }, environment, context);
    },
    async extract(dataset, call) {
      const n = wanted(call, "extract");
      if (typeof dataset === "string") {
        if (!(EXTRACT_DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`extract: unknown dataset "${dataset}"; use one of ${EXTRACT_DATASETS.join(", ")}`);
        const all = sourcesOf(dataset);
        // runRq1's first chunk: the analysis then finds these cards in the cache.
        const chosen = seededOrder(all.length, config.seed).slice(0, Math.max(2 * n, 10)).map((index) => all[index]);
        return stamp<ExtractedCards>(extractPersonas(chosen, stage()));
      }
      if (!Array.isArray(dataset) || stageOf(dataset)) throw new UsageError(`extract: expected a dataset name ("esconv", "cams", "dreaddit") or ESConv dialogues / posts, given ${describeInput(dataset)}`);
      return stamp<ExtractedCards>(extractPersonas(dataset, stage()));
    },
    async filter(cards) {
      checkStageInput("filter", cards, ["extractPersonas"]);
      return stamp<FilteredCards>(filterPersonas(cards, stage()));
    },
    async describeTraits(cards, call) {
      checkStageInput("describeTraits", cards, ["filterPersonas", "extractPersonas", "extractPersonaFromDialogue"]);
      rejectUnknownKeys(call, ["n", "includeRejected"], "describeTraits");
      const n = wanted(call === undefined ? undefined : { n: call.n }, "describeTraits");
      const usable = tableRows<{ status?: string; kept?: boolean | null }>(cards, "cards")
        .filter((card) => card.status !== "failed" && (card.kept !== false || call?.includeRejected === true))
        // Asked for explicitly: the rejected cards go in without their verdict (the stage skips kept: false).
        .map(({ kept, ...card }) => (kept === false || kept === undefined ? card : { ...card, kept }));
      return stamp<TraitDescriptions>(describeTraits(usable.slice(0, n), stage()));
    },
    async answer(personas) {
      checkStageInput("answer", personas, ["describeTraits", "expandPersonaHub"]);
      return stamp<Answers>(answerInventory(personas, { ...stage(), ...(inventories ? { inventories: loadInventories(inventories) } : {}) }));
    },
    async expand(call) {
      const n = wanted(call, "expand");
      return stamp<ExpandedPersonas>(expandPersonaHub(sampleRows(personaHubEntries(), n, config.seed), stage()));
    },
    async generate(personas, call = {}) {
      rejectUnknownKeys(call, ["condition"], "generate");
      checkStageInput("generate", personas, ["expandPersonaHub"]);
      return stamp<Dialogues>(generateDialogue(personas, { ...stage(), condition: call.condition ?? "persona" }));
    },
    async reextract(dialogues) {
      checkStageInput("reextract", dialogues, ["generateDialogue"]);
      return stamp<ReextractedPersonas>(extractPersonaFromDialogue(dialogues, stage()));
    },
    dialogues(call) {
      return sampleRows(loadEsconv(), wanted(call, "dialogues"), config.seed);
    },
    async continue(dialogues, call) {
      rejectUnknownKeys(call, ["traits", "scores"], "continue");
      checkDialogues("continue", dialogues);
      if (!call?.traits) throw new UsageError('continue: options.traits is required: "both", "hexaco", "csi" or "none"');
      const scores = (call.scores as { scores?: unknown } | undefined)?.scores ?? call.scores;
      return stamp<ContinuedDialogues>(continueDialogue(dialogues, { ...stage(), traits: call.traits, scores }));
    },
    async annotate(dialogues) {
      checkStageInput("annotate", dialogues, ["continueDialogue", "generateDialogue"]);
      return stamp<AnnotatedDialogues>(annotateStrategies(dialogues, stage()));
    },
    async analyze(question, call = {}) {
      return getQuestion(question).analyze({ ...call, ...run.analysisOptions() });
    },
    close() {
      context.close();
    },
  };
  Object.defineProperty(run, inspect.custom, { enumerable: false, value: () => run.summary() });
  return run;
}
