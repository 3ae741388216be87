import type { CliCommand } from "../command";
import { formatEstimate } from "../../llm/runner/estimate";
import { closingSummary, exitCodeOf, formatClosingSummary } from "../../llm/runner/closing-summary";
import { createPipelineContext, SIMULATED_BANNER } from "../../pipeline/pipeline-context";
import { variantRecord } from "../../prompts/prompt-variant";
import type { QuestionModule, QuestionRun } from "../../questions/question-module";
import { loadQuestionModules } from "../../questions/load-question-modules";
import { getQuestion, listQuestions } from "../../questions/registry";
import { estimateAnalysis } from "../../questions/shared/estimate-analysis";
import { checkVariantDirectory } from "../../reports/variant-provenance";
import { analysisRunOptions, questionRun, type AnalyzeArgs } from "../analysis-run-options";
import { analyzeSeveralModels } from "../analyze-several-models";
import { writeAndReport } from "../write-and-report";
import { FIGURE_SIZE_HELP } from "../../export/figure-size";
import { inventoryHelp } from "../../inventory/inventory-option";
import { checkOutputDirectory } from "../../files/check-output-directory";
import { checkInputsBeforeCalls } from "../check-inputs";
import { LANGUAGE_HELP } from "../language-option";

export { analysisRunOptions as parseAnalyzeArgs, type AnalyzeArgs } from "../analysis-run-options";

function help(): string {
  const questions = listQuestions();
  const width = Math.max(...questions.map((question) => question.id.length)) + 2;
  const lines = questions.map((question) => `  ${question.id.padEnd(width)}${(question.help ?? question.title).split("\n").join(`\n  ${" ".repeat(width)}`)}`);
  return `usage: persona-talks analyze ${questions.map((question) => question.id).join("|")} [--out DIR] [--variant NAME --prompt ID=FILE ...] [options]
       persona-talks analyze QUESTION --help   (a question's own options, e.g. psychometrics)

Runs the stages a research question needs (through the response cache: a re-run costs nothing and an
interrupted run resumes) and writes into DIR every table (.md, .tex, .csv), every figure (.html, .png,
.svg, .pdf; HTML only when no Chromium is found), scores.csv (one row per persona and condition, one
column per HEXACO-60 and CSI domain) and summary.json (the key numbers). The questions (lib/questions;
PERSONA_TALKS_QUESTIONS=FILE adds one):

${lines.join("\n")}

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
  --model M          default: the provider's first model in lib/providers/<provider>.json. provider:model picks the
                     provider too; repeat it to compare models side by side (e.g. --model openai:gpt-4o-mini
                     --model anthropic:claude-3-5-haiku-20241022; simulated: --model sim:aligned --model sim:llama-like)
  --extract-with M   rq1 with several models: the model that extracts and filters the cards every model then
                     measures (default: the first --model), or "each" 
  --seed S           sampling seed (default 1)
  --cache MODE       read-write (default) | read-only | off
  --dataset D        data, rq1, psychometrics; repeatable: esconv, cams, dreaddit (default all three)
  --cards FILE       rq1: your own persona cards instead of the datasets' (as run inventory --cards reads
                     them; --source NAME names them, --include-field NAME composes an excluded field in);
                     never set beside the paper's numbers
${inventoryHelp("rq1, psychometrics: every one is answered, the first two are correlated (rows x columns) with their expected pairs")}
${LANGUAGE_HELP}
  --classifier MODE  rq3 only: auto (default: use artifacts/strategy-classifier.json if trained),
                     train (train it first, a few minutes, once), off
  --generation G     rq2, rq3: omniscient (default, the paper's: one call writes a dialogue), role-play (two
                     agents with distinct information, one call per turn) or both (runs both and compares them)
  --traits-to WHO    role-play: who is told the HEXACO/CSI traits: supporter (default, as the paper's RQ3) or seeker
  --intake           role-play: tell the supporter the problem type in one line (off by default)
  --max-turns T      role-play: utterances per dialogue at most (default 20)
  --factor F[=L,..]  robustness: the grid's factors and levels; with --design full|half, --repeats K,
                     --max-calls N (persona-talks analyze robustness --help)
  --concurrency K    calls in flight (default 8)
  --dry-run          print the cost estimate and exit without calling anything
  --correction C     multiple comparisons over each correlation matrix: holm (default), bh
                     (Benjamini-Hochberg) or none; heatmap marks, tables and notes use the same
  --figure-size S    ${FIGURE_SIZE_HELP}; the .html stays the
                     interactive screen version
  --quiet            no progress bars`;
}

async function analyzeOneModel(module: QuestionModule, options: AnalyzeArgs, command: readonly string[]): Promise<number> {
  const context = createPipelineContext({ model: { provider: options.provider, model: options.model }, cacheMode: options.cacheMode, seed: options.seed });
  const log = (message: string) => process.stderr.write(`${message}\n`);
  try {
    if (context.simulated) log(SIMULATED_BANNER);
    const run: QuestionRun = { ...questionRun(options, log), context };
    if (options.dryRun) {
      const estimate = await estimateAnalysis(module.id, { ...run, maxTurns: options.rolePlay.maxTurns });
      for (const note of module.dryRunNotes?.(run) ?? []) console.log(note);
      console.log(`${module.id} with ${context.model.provider}:${context.model.model}, n = ${options.n}${module.describeRun?.(run) ?? ""}\n${formatEstimate(estimate)}`);
      return 0;
    }
    checkVariantDirectory(options.out, variantRecord({ name: options.variant, overrides: options.promptOverrides, prompts: module.prompts }));
    let output = await module.analyze(run);
    // How the model calls went (done, from cache, failed, retries by cause), kept with the numbers they made.
    const calls = closingSummary(context.ledger);
    output = { ...output, summary: { ...output.summary, run: calls, command: [...command] } };
    await writeAndReport(output, { module, out: options.out, made: ` (prompt variant "${options.variant}")`, log: (message) => log(message), figureSize: options.figureSize });
    log(context.ledger.formatTable());
    log(formatClosingSummary(calls));
    return exitCodeOf(calls, false);
  } finally {
    context.close();
  }
}

export const command: CliCommand = {
  summary: `Run a research question (${listQuestions().map((question) => question.id).join("|")}) and write its tables, figures, scores.csv and summary.json`,
  subcommands: listQuestions().map((question) => question.id),
  async run(args) {
    await loadQuestionModules();
    const options = analysisRunOptions(args);
    if (!options) {
      const module = args[0] && !args[0].startsWith("-") ? getQuestion(args[0]) : undefined;
      console.log(module?.usage ?? help());
      return 0;
    }
    // Before any work: an --out that cannot be written is found now, not after the analysis ran.
    if (!options.dryRun) checkOutputDirectory(options.out);
    const module = getQuestion(options.question);
    const measures = module.prompts.includes("answer-statement");
    checkInputsBeforeCalls({ inventories: measures ? (options.inventories ?? module.defaultInventories?.() ?? true) : false, overrides: options.promptOverrides });
    // The exact command, so `persona-talks bundle create` can re-run it (bundle verify compares everything else).
    const command = ["analyze", ...args];
    if (options.models.length > 1) return analyzeSeveralModels(module, options, command);
    return analyzeOneModel(module, options, command);
  },
};
