import type { InventoryChoice } from "../inventory/load-inventory";
import type { ModelRequest } from "../llm/types";
import type { GenerationMode } from "../pipeline/dialogue-rows";
import type { RolePlayOptions } from "../pipeline/stages/role-play-dialogue";
import type { AnalysisOutput } from "../reports/analysis-output";
import type { AnalysisRunOptions } from "../reports/run-options";
import type { WriteAnalysisOptions, WrittenAnalysis } from "../reports/write-analysis";
import type { ClassifierMode } from "./rq3/classifier-choice";
import type { GridOptions } from "./robustness/grid-design";
import type { InventoryChoice as DefaultInventoryChoice } from "../inventory/load-inventory";
import type { EstimateAnalysisOptions } from "./shared/plan-options";

/**
 * The options of `analyze <question>` that only some questions take (the generic ones, --n, --seed, --model,
 * --variant, --prompt, --cache, ..., every question takes). A question lists the ones it accepts in `options`;
 * the CLI refuses the others ("--dataset applies to rq1 only").
 */
export type QuestionOption = "dataset" | "inventory" | "extract-with" | "classifier" | "generation" | "traits-to" | "intake" | "max-turns" | "samples" | "temperature" | "logprobs" | "exclude-flagged" | "cards" | "factor" | "design" | "repeats" | "max-calls";

/** Everything a question's plan/analyze receives: the run (context, n, seed, variant, ...) and the options it accepts. */
export interface QuestionRun extends AnalysisRunOptions {
  /** --dataset: which datasets (questions that take it; undefined: the question's default). */
  datasets?: readonly string[];
  /** --cards FILE [--source NAME] [--include-field NAME]: the researcher's own persona cards instead of the datasets'. */
  cards?: { file: string; source?: string; includeFields?: readonly string[] };
  /** --inventory (repeatable; ids or paths): the inventories answered, the first two correlated; undefined: the paper's pair. */
  inventories?: readonly InventoryChoice[];
  /** --generation: omniscient (default), role-play, or both (the question compares the two). */
  generation?: GenerationMode | "both";
  /** --traits-to, --intake, --max-turns. */
  rolePlay?: Pick<RolePlayOptions, "traitsTo" | "intake" | "maxTurns">;
  /** --classifier (rq3): how the strategy classifier is found. */
  classifier?: ClassifierMode;
  /** --samples K: answer every statement K times (psychometrics). */
  samples?: number;
  /** --temperature T of the answer stage (psychometrics). */
  temperature?: number;
  /** --logprobs: the log-probability pass (psychometrics). */
  logprobs?: boolean;
  /** --exclude-flagged: leave personas flagged by the response-set checks out of the statistics (rq1, psychometrics). */
  excludeFlagged?: boolean;
  /** --factor, --design, --repeats, --max-calls (robustness): the grid's factors, levels and design (lib/questions/robustness/grid-design.ts). */
  grid?: GridOptions;
}

/** Several models of one `analyze <question> --model A --model B` run, each with its own context. */
export interface QuestionModels {
  models: readonly { label: string; context: AnalysisRunOptions["context"] }[];
  /** --extract-with: the model that extracts and filters the cards every model measures (rq1). */
  extractWith?: string;
}

/** The notebook of a question: its file under notebooks/ and its title. */
export interface QuestionNotebook {
  file: string;
  title: string;
}

/**
 * A research question as one module (lib/questions/<id>/question.ts): what it asks, which prompts it renders,
 * which CLI options it takes, how its requests are planned (for --dry-run), how it runs and analyses, and its
 * notebook. The registry (lib/questions/registry.ts) lists them; `analyze <id>`, `reproduce`, the notebook session
 * (`run.analyze(id)`) and prompt-variant bookkeeping find a question there and nowhere else.
 */
export interface QuestionModule<Output extends AnalysisOutput = AnalysisOutput> {
  /** "rq1": the CLI's `analyze rq1`, the export folder out/rq1/<variant>, summary.json's `question`. */
  id: string;
  /** Short title ("RQ1: can LLMs infer stable persona traits?"). */
  title: string;
  /** The research question, in a sentence or two. */
  question: string;
  /** The prompt ids it renders, in pipeline order (what `--prompt ID=FILE` may override; variant records). */
  prompts: readonly string[];
  /** What --n counts for it ("personas measured per dataset"). */
  nMeaning: string;
  /** The question-specific CLI options it accepts. */
  options: readonly QuestionOption[];
  /** Lines for `analyze --help`, after the question's id. */
  help?: string;
  /** Its own `analyze <id> --help` text (default: the generic one). */
  usage?: string;
  /** --out is required (no default folder out/<id>/<variant>). */
  requiresOut?: boolean;
  /** What the run line says beyond "n = N" (", samples = 2"), for the dry run and the closing line. */
  describeRun?(run: Omit<QuestionRun, "context">): string;
  /** The inventories it answers when no --inventory is given (default: the paper's pair); checked before any call. */
  defaultInventories?(): DefaultInventoryChoice[];
  /** Notes the dry run prints for this run and provider (e.g. a capability the provider lacks). */
  dryRunNotes?(run: QuestionRun): string[];
  notebook?: QuestionNotebook;
  /** The sentences a notebook sets beside the run's results ("The paper's Table 1 ..."), from lib/reports/paper-numbers.json. */
  besideThePaper?(): string[];
  /** `npm run reproduce` runs `analyze <id>` into out/<id> (the paper's tables and figures). */
  reproduce?: boolean;
  /** Every request a run would send, before any is sent (the --dry-run estimate). */
  plan?(options: EstimateAnalysisOptions): Promise<ModelRequest[]>;
  /** With several models: the requests of each model after the first (default: its whole plan). */
  planOtherModel?(options: EstimateAnalysisOptions): Promise<ModelRequest[]>;
  /** Runs the stages (through the cache) and the analysis: tables, figures, scores, summary. */
  analyze(run: QuestionRun): Promise<Output>;
  /** The same analysis with several models side by side (`--model A --model B`); absent: one model only. */
  analyzeModels?(run: Omit<QuestionRun, "context">, models: QuestionModels): Promise<AnalysisOutput>;
  /** Writes the output (default: writeAnalysis: tables, figures, scores.csv, summary.json, README.md). */
  write?(output: Output, directory: string, options: WriteAnalysisOptions): Promise<WrittenAnalysis>;
  /** A question with its own command line (psychometrics: --samples, --logprobs, ...): `analyze <id> ...args`. */
  command?(args: string[]): Promise<number>;
}

