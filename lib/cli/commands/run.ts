import { parseArgs } from "node:util";
import type { CliCommand } from "../command";
import { UsageError } from "../../errors";
import type { CacheMode } from "../../llm/cache/response-cache";
import { getProvider } from "../../providers/registry";
import { formatEstimate } from "../../llm/runner/estimate";
import { closingSummary, exitCodeOf, formatClosingSummary } from "../../llm/runner/closing-summary";
import type { ModelRequest } from "../../llm/types";
import { loadEsconv } from "../../data/esconv";
import { formatCardMappingReport, importPersonaCards } from "../../data/import-persona-cards";
import { TRAIT_CONDITIONS, isTraitCondition, type TraitCondition } from "../../pipeline/dialogue-rows";
import { estimatePlan, planned } from "../../pipeline/estimate-plan";
import { createPipelineContext, describeLimits, SIMULATED_BANNER, type PipelineContext } from "../../pipeline/pipeline-context";
import type { ModelLimits } from "../../llm/runner/rate-limiter";
import { runRq1 } from "../../questions/rq1/run-rq1";
import { runRq3 } from "../../questions/rq3/run-rq3";
import { standardInventories } from "../../pipeline/stages/answer-inventory";
import { knownInventoryIds } from "../../inventory/catalog";
import { inventoryId } from "../../inventory/load-inventory";
import { INVENTORY_OPTION, parseInventoryOption } from "../../inventory/inventory-option";
import type { InventoryChoice } from "../../inventory/load-inventory";
import { LANGUAGE_OPTION } from "../language-option";
import { inventoriesInLanguage } from "../../pipeline/inventories-in-language";
import { continueDialogue } from "../../pipeline/stages/continue-dialogue";
import { expandPersonaHub, personaHubEntries } from "../../pipeline/stages/expand-persona-hub";
import { EXTRACT_DATASETS, extractPersonas, loadPersonaSources } from "../../pipeline/stages/extract-personas";
import { filterPersonas } from "../../pipeline/stages/filter-personas";
import { generateDialogue } from "../../pipeline/stages/generate-dialogue";
import { sampleRows } from "../../pipeline/table";
import type { StageOptions } from "../../pipeline/types";
import { checkInputsBeforeCalls } from "../check-inputs";

const SUBCOMMANDS = ["extract", "filter", "inventory", "generate", "continue"] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const HELP = `usage: persona-talks run <extract|filter|inventory|generate|continue> [options]

  extract    --dataset esconv|cams|dreaddit --n N   persona cards (Figure 11) from N sampled sources
  filter     --dataset esconv|cams|dreaddit --n N   extract, then the Figure 14 filter; Table 1 statistics
  inventory  [--dataset esconv] --n N              RQ1: extract, filter, describe traits, answer HEXACO-60
                                                   and CSI; prints domain scores and invalid answer counts
  inventory  --cards FILE [--source NAME] [--filter] [--include-field NAME] --n N
                                                   RQ1 on your own persona cards (JSONL, JSON array, CSV or
                                                   Key: value text blocks; fields matched leniently, a mapping
                                                   report on stderr and in --json); taken as given
                                                   unless --filter (Figure 14). Metadata (source, language)
                                                   and copies in another script stay out of composed
                                                   descriptions (listed in the report) unless --include-field
  inventory  ... --inventory ID [--inventory ID ...]
                                                   answer these inventories instead of the paper's pair:
                                                   ${knownInventoryIds().join(", ")} or an inventory JSON file
  inventory  ... --inventory ipip-neo-120 --language CODE
                                                   its statements in that language, with the answer instruction
                                                   of answer-statement.<CODE>.v1.md (templates: en, de)
  generate   --n N [--no-persona]                  RQ2: expand N PersonaHub personas, generate a dialogue each
  continue   --n N --traits both|hexaco|csi|none   RQ3: continue N ESConv dialogues (with the seekers'
                                                   trait scores unless --traits none)

options:
  --provider sim|openai|anthropic|local   default: the first one configured, else sim (offline simulator)
  --model M           default: the provider's first model in lib/providers/<provider>.json
  --seed S            sampling seed (default 1)
  --cache read-write|read-only|off        default read-write: answers are cached, re-runs resume for free
  --concurrency K     calls in flight (default 8)
  --rpm N             requests per minute for the model (default: its conservative tier default in
                      lib/providers/<provider>.json, e.g. gpt-4o-mini 500; none for local and sim); 0 = no limit
  --tpm N             tokens (input + output) per minute (default from lib/providers/<provider>.json, e.g. 200000); 0 = no limit
                      Set both to your account's limits (OpenAI: Settings > Limits; Anthropic: Console > Limits).
  --batch             send the calls through the provider's Batch API (openai, anthropic: half price, results
                      within 24 h; Ctrl-C stops polling, re-running collects the submitted batches). On sim the
                      calls run online with a note; on local it is an error (no Batch API).
  --poll-interval S   --batch: seconds between status checks of a running batch (default 30)
  --dry-run           print the cost estimate and exit without calling anything
  --json              print the result as JSON on stdout (progress and notices go to stderr)`;

interface RunArgs {
  subcommand: Subcommand;
  dataset: string;
  n: number;
  traits: TraitCondition;
  noPersona: boolean;
  cards?: string;
  source?: string;
  /** --include-field NAME (repeatable): unmapped card fields to compose into descriptions although excluded by default. */
  includeFields?: string[];
  filter: boolean;
  json: boolean;
  dryRun: boolean;
  seed: number;
  concurrency?: number;
  limits?: ModelLimits;
  batch: boolean;
  /** --poll-interval: seconds between status checks of a running batch. */
  pollIntervalSeconds?: number;
  cacheMode: CacheMode;
  provider?: string;
  model?: string;
  /** run inventory: the --inventory values (ids or paths; loaded inventories with --language); undefined: the paper's pair (hexaco60, csi96). */
  inventories?: InventoryChoice[];
  /** run inventory: --language CODE (statements of a package inventory in that language). */
  language?: string;
}

function integer(value: string | undefined, name: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new UsageError(`--${name} must be a ${minimum === 1 ? "positive" : minimum === 0 ? "non-negative" : `>= ${minimum}`} integer, got "${value}"`);
  }
  return number;
}

/** Runs node:util parseArgs, turning its errors (unknown option, missing value) into usage errors. */
function asUsageError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof Error && String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS")) throw new UsageError(error.message);
    throw error;
  }
}

function parseRunArgs(args: string[]): RunArgs | undefined {
  const { values, positionals } = asUsageError(() => parseArgs({
    args,
    options: {
      dataset: { type: "string" },
      n: { type: "string" },
      traits: { type: "string" },
      "no-persona": { type: "boolean", default: false },
      cards: { type: "string" },
      source: { type: "string" },
      "include-field": { type: "string", multiple: true },
      filter: { type: "boolean", default: false },
      ...INVENTORY_OPTION,
      ...LANGUAGE_OPTION,
      provider: { type: "string" },
      model: { type: "string" },
      seed: { type: "string" },
      cache: { type: "string" },
      concurrency: { type: "string" },
      rpm: { type: "string" },
      tpm: { type: "string" },
      batch: { type: "boolean", default: false },
      "poll-interval": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  }));
  if (values.help) return undefined;
  const [subcommand, ...extra] = positionals;
  if (!subcommand) throw new UsageError(`name what to run: ${SUBCOMMANDS.join(", ")} (see persona-talks run --help)`);
  if (!(SUBCOMMANDS as readonly string[]).includes(subcommand)) throw new UsageError(`unknown run "${subcommand}"; use one of ${SUBCOMMANDS.join(", ")}`);
  if (extra.length) throw new UsageError(`unexpected argument(s): ${extra.join(" ")}`);
  const dataset = values.dataset ?? "esconv";
  if (!(EXTRACT_DATASETS as readonly string[]).includes(dataset)) throw new UsageError(`--dataset must be one of ${EXTRACT_DATASETS.join(", ")}, got "${dataset}"`);
  const traits = values.traits ?? "both";
  if (!isTraitCondition(traits)) throw new UsageError(`--traits must be one of ${TRAIT_CONDITIONS.join(", ")}, got "${traits}"`);
  const cacheMode = values.cache ?? "read-write";
  if (!["read-write", "read-only", "off"].includes(cacheMode)) throw new UsageError(`--cache must be read-write, read-only or off, got "${cacheMode}"`);
  if ((values.cards !== undefined || values.source !== undefined || values.filter) && subcommand !== "inventory") throw new UsageError("--cards, --source and --filter are options of run inventory");
  if (values.inventory && subcommand !== "inventory") throw new UsageError("--inventory is an option of run inventory");
  if (values.language !== undefined && subcommand !== "inventory") throw new UsageError("--language is an option of run inventory");
  const inventories = inventoriesInLanguage(parseInventoryOption(values.inventory), values.language);
  if (values.source !== undefined && values.cards === undefined) throw new UsageError("--source names the cards given with --cards FILE");
  if (values.cards !== undefined && values.dataset !== undefined) throw new UsageError("give --cards FILE or --dataset, not both");
  if (values.provider !== undefined) getProvider(values.provider, "--provider");
  if (values["poll-interval"] !== undefined && !values.batch) throw new UsageError("--poll-interval applies to --batch");
  const limits: ModelLimits = {};
  if (values.rpm !== undefined) limits.requestsPerMinute = integer(values.rpm, "rpm", 0, 0);
  if (values.tpm !== undefined) limits.tokensPerMinute = integer(values.tpm, "tpm", 0, 0);
  return {
    subcommand: subcommand as Subcommand,
    dataset,
    n: integer(values.n, "n", subcommand === "inventory" ? 50 : 10, 1),
    traits,
    noPersona: values["no-persona"] ?? false,
    cards: values.cards,
    source: values.source,
    includeFields: values["include-field"],
    filter: values.filter ?? false,
    json: values.json ?? false,
    dryRun: values["dry-run"] ?? false,
    seed: integer(values.seed, "seed", 1, 0),
    concurrency: values.concurrency === undefined ? undefined : integer(values.concurrency, "concurrency", 8, 1),
    limits: Object.keys(limits).length ? limits : undefined,
    batch: values.batch ?? false,
    pollIntervalSeconds: values["poll-interval"] === undefined ? undefined : integer(values["poll-interval"], "poll-interval", 30, 1),
    cacheMode: cacheMode as CacheMode,
    provider: values.provider,
    model: values.model,
    ...(inventories ? { inventories } : {}),
    ...(values.language !== undefined ? { language: values.language } : {}),
  };
}

/** ok rows without their raw text (kept for failures, where it is the evidence). */
function compact<Row extends { status: string; raw: string | null }>(rows: readonly Row[]): Array<Omit<Row, "raw"> & { raw?: string | null }> {
  return rows.map(({ raw, ...rest }) => (rest.status === "ok" ? rest : { ...rest, raw }));
}

async function planFor(options: RunArgs, context: PipelineContext, stageOptions: StageOptions): Promise<ModelRequest[]> {
  const n = options.n;
  const dry = { ...stageOptions, dryRun: true };
  switch (options.subcommand) {
    case "extract":
      return (await extractPersonas(loadPersonaSources(options.dataset), { ...dry, n })).planned ?? [];
    case "filter":
      return [...((await extractPersonas(loadPersonaSources(options.dataset), { ...dry, n })).planned ?? []), ...planned.times(n, () => planned.filter(context))];
    case "inventory":
      if (options.cards) {
        const count = Math.min(n, importPersonaCards(options.cards, { source: options.source, includeFields: options.includeFields }).cards.length);
        return [...(options.filter ? planned.times(count, () => planned.filter(context)) : []), ...planned.measure(context, count, standardInventories(options.inventories))];
      }
      return [
        ...((await extractPersonas(loadPersonaSources(options.dataset), { ...dry, n })).planned ?? []),
        ...planned.times(n, () => planned.filter(context)),
        ...planned.measure(context, n, standardInventories(options.inventories)),
      ];
    case "generate":
      return [
        ...((await expandPersonaHub(personaHubEntries(), { ...dry, n })).planned ?? []),
        ...planned.times(n * (options.noPersona ? 2 : 1), () => planned.generate(context)),
      ];
    case "continue": {
      const dialogues = sampleRows(loadEsconv(), n, options.seed);
      if (options.traits === "none") return (await continueDialogue(dialogues, { ...dry, traits: "none" })).planned ?? [];
      return [
        ...((await extractPersonas(dialogues, dry)).planned ?? []),
        ...planned.measure(context, n, standardInventories()),
        ...dialogues.map((dialogue) => planned.continueWithTraits(context, dialogue.turns)),
      ];
    }
  }
}

async function execute(options: RunArgs, context: PipelineContext, stageOptions: StageOptions): Promise<{ json: unknown; text: string[] }> {
  const head = {
    simulated: context.simulated,
    provider: context.model.provider,
    model: context.model.model,
    seed: options.seed,
    mode: context.mode,
    concurrency: context.concurrency,
    limits: context.limits,
  };
  switch (options.subcommand) {
    case "extract": {
      const result = await extractPersonas(loadPersonaSources(options.dataset), { ...stageOptions, n: options.n });
      return {
        json: { ...head, dataset: options.dataset, count: result.rows.length, failed: result.failures.length, cards: compact(result.rows) },
        text: result.rows.map((row) => `${row.id} [${row.status}] ${row.age}, ${row.gender}, ${row.occupation}: ${row.description.slice(0, 100)}`),
      };
    }
    case "filter": {
      const cards = await extractPersonas(loadPersonaSources(options.dataset), { ...stageOptions, n: options.n });
      const result = await filterPersonas(cards.rows, stageOptions);
      return {
        json: { ...head, dataset: options.dataset, count: result.rows.length, kept: result.kept.length, failed: result.failures.length + cards.failures.length, statistics: result.statistics, verdicts: compact(result.rows) },
        text: [...result.rows.map((row) => `${row.id}: ${row.kept === null ? "FAILED" : row.kept ? "kept" : "rejected"} - ${row.reason ?? row.error}`), JSON.stringify(result.statistics)],
      };
    }
    case "inventory": {
      const imported = options.cards ? importPersonaCards(options.cards, { source: options.source, includeFields: options.includeFields }) : undefined;
      if (imported) process.stderr.write(formatCardMappingReport(imported.report).join("\n") + "\n");
      const dataset = imported ? imported.report.source : options.dataset;
      const inventories = options.inventories ? standardInventories(options.inventories) : undefined;
      const result = await runRq1({ ...stageOptions, dataset, n: options.n, inventories, ...(imported ? { cards: imported.cards, filter: options.filter } : {}) });
      const invalid = result.scores.reduce((total, row) => total + row.invalidAnswers, 0);
      return {
        json: { ...head, dataset, ...(inventories ? { inventories: inventories.map(inventoryId) } : {}), ...(options.language ? { language: options.language } : {}), ...(imported ? { cards: options.cards, mapping: imported.report, filtered: options.filter } : {}), count: result.scores.length, invalidAnswers: invalid, scoreColumns: result.answers.scoreColumns, statistics: result.statistics, scores: result.scores },
        text: [
          `${result.scores.length} personas scored, ${invalid} invalid answers`,
          ...result.scores.map((row) => `${row.personaId}: ${result.answers.scoreColumns.map((column) => `${column}=${typeof row[column] === "number" ? (row[column] as number).toFixed(2) : "NA"}`).join(" ")} (invalid ${row.invalidAnswers})`),
        ],
      };
    }
    case "generate": {
      const expanded = await expandPersonaHub(personaHubEntries(), { ...stageOptions, n: options.n });
      const personas = expanded.rows.filter((row) => row.status === "ok");
      const dialogues = (await generateDialogue(personas, stageOptions)).rows;
      if (options.noPersona) dialogues.push(...(await generateDialogue(personas, { ...stageOptions, condition: "no-persona" })).rows);
      return {
        json: { ...head, count: dialogues.length, failed: dialogues.filter((row) => row.status === "failed").length + expanded.failures.length, personas: compact(expanded.rows), dialogues: compact(dialogues) },
        text: dialogues.map((row) => `${row.dialogueId} [${row.status}] ${row.turns.length} turns`),
      };
    }
    case "continue": {
      const result = await runRq3({ ...stageOptions, n: options.n, conditions: [options.traits] });
      return {
        json: { ...head, traits: options.traits, count: result.dialogues.length, failed: result.dialogues.filter((row) => row.status === "failed").length, dialogues: compact(result.dialogues) },
        text: result.dialogues.flatMap((row) => [
          `== ${row.dialogueId} [${row.status}]`,
          ...row.turns.map((turn) => `${turn.speaker === "seeker" ? "Seeker" : `Supporter (${turn.strategy ?? "no strategy"})`}: ${turn.text}`),
        ]),
      };
    }
  }
}

/** What the run will do with the provider: Batch mode, or the pace of online calls. */
function executionLine(context: PipelineContext, options: RunArgs): string {
  if (context.mode === "batch") {
    return "Batch mode: calls go to the provider's Batch API at Batch prices; results can take up to 24 h. Ctrl-C stops polling; re-running the same command collects the submitted batches.";
  }
  if (!Object.keys(context.limits).length) return `Online: concurrency ${context.concurrency}; no rate limits`;
  const source = options.limits ? "" : " (conservative tier defaults from lib/providers/<provider>.json; set yours with --rpm/--tpm)";
  return `Online: concurrency ${context.concurrency}; rate limits: ${describeLimits(context.limits)}${source}`;
}

export const command: CliCommand = {
  summary: "Run pipeline stages (extract, filter, inventory, generate, continue) through the cached model layer",
  subcommands: SUBCOMMANDS,
  async run(args) {
    const options = parseRunArgs(args);
    if (!options) {
      console.log(HELP);
      return 0;
    }
    // Files named by flags and the files the run reads later are checked now, before any call is paid.
    if (options.cards) importPersonaCards(options.cards, { source: options.source });
    const measures = options.subcommand === "inventory" || (options.subcommand === "continue" && options.traits !== "none");
    checkInputsBeforeCalls({ inventories: measures ? (options.inventories ?? true) : false });
    const context = createPipelineContext({
      model: { provider: options.provider as never, model: options.model },
      cacheMode: options.cacheMode,
      seed: options.seed,
      concurrency: options.concurrency,
      limits: options.limits,
      mode: options.batch ? "batch" : "online",
      ...(options.pollIntervalSeconds ? { batch: { pollIntervalMs: options.pollIntervalSeconds * 1000 } } : {}),
    });
    // Ctrl-C: stop scheduling new calls in every stage, let calls in flight finish (they are paid for and cached),
    // print what was done; a second Ctrl-C quits at once. Re-running the command resumes from the cache.
    const controller = new AbortController();
    let interrupts = 0;
    const onInterrupt = () => {
      interrupts += 1;
      if (interrupts > 1) process.exit(130);
      process.stderr.write("\nInterrupted: no new calls; waiting for calls in flight. Re-run the same command to resume from the cache.\n");
      controller.abort();
    };
    process.on("SIGINT", onInterrupt);
    try {
      if (context.simulated) process.stderr.write(`${SIMULATED_BANNER}\n`);
      for (const note of context.notes) process.stderr.write(`Note: ${note}\n`);
      if (!context.simulated) process.stderr.write(`${executionLine(context, options)}\n`);
      // Concurrency, limits and mode come from the context, so every stage of the run shares them.
      const stageOptions: StageOptions = { context, seed: options.seed, signal: controller.signal };
      if (options.dryRun) {
        const estimate = estimatePlan(await planFor(options, context, stageOptions), context);
        const note = "First stage exact; later stages estimated from prompts of typical length (their inputs come from earlier answers).";
        if (options.json) console.log(JSON.stringify({ provider: context.model.provider, model: context.model.model, simulated: context.simulated, mode: context.mode, dryRun: true, estimate, note }, null, 2));
        else console.log(`${formatEstimate(estimate)}\n${note}`);
        return 0;
      }
      const { json, text } = await execute(options, context, stageOptions);
      const summary = closingSummary(context.ledger);
      if (options.json) console.log(JSON.stringify({ ...(json as object), summary }, null, 2));
      else console.log([...(context.simulated ? [SIMULATED_BANNER] : []), ...text].join("\n"));
      process.stderr.write(context.ledger.formatTable() + "\n");
      process.stderr.write(formatClosingSummary(summary) + "\n");
      return exitCodeOf(summary, controller.signal.aborted);
    } finally {
      process.off("SIGINT", onInterrupt);
      context.close();
    }
  },
};
