import type { PersonaCardStatistics } from "../analysis/persona-card-statistics";
import { personaCardStatistics } from "../analysis/persona-card-statistics";
import { UsageError } from "../errors";
import type { Inventory } from "../inventory/inventory-schema";
import type { PipelineContext } from "./pipeline-context";
import { withContext } from "./run-stage";
import { answerInventory, type AnswerInventoryResult, type PersonaScoreRow } from "./stages/answer-inventory";
import { describeTraits, type DescribedPersonaRow } from "./stages/describe-traits";
import { EXTRACT_DATASETS, extractPersonas, loadPersonaSources, type PersonaRow, type PersonaSource } from "./stages/extract-personas";
import { filterPersonas, type FilteredPersonaRow } from "./stages/filter-personas";
import { seededOrder, toDataFrame } from "./table";
import type { StageOptions } from "./types";

export interface PipelineRunOptions extends Omit<StageOptions, "dryRun"> {
  /** Default: a context for this run (closed at the end). */
  context?: PipelineContext;
}

export interface Rq1Options extends PipelineRunOptions {
  dataset: string;
  /** Personas wanted (kept by the filter, when filtering); default 20. */
  n?: number;
  /** Default: loadPersonaSources(dataset). */
  sources?: readonly PersonaSource[];
  /** Filter the cards with Figure 14 before measuring them (default true, as in the paper). */
  filter?: boolean;
  inventories?: readonly Inventory[];
  logprobs?: boolean;
}

export interface Rq1Result {
  dataset: string;
  simulated: boolean;
  /** Every card extracted (failures included). */
  cards: PersonaRow[];
  /** The filter's verdicts (empty when not filtering). */
  verdicts: FilteredPersonaRow[];
  /**
   * Why the run stopped taking new sources before n personas were kept (calls failing after their retries, as
   * opposed to the filter rejecting cards); undefined when it did not stop early.
   */
  stoppedEarly?: string;
  /** Table 1 for this dataset (kept cards; rejected counted). */
  statistics: PersonaCardStatistics[];
  /** The measured personas with their trait sentences. */
  personas: DescribedPersonaRow[];
  answers: AnswerInventoryResult;
  /** One row per persona: personaId, dataset, `HEXACO-60:<domain>` and `CSI:<domain>` scores, invalid answer counts. */
  scores: Array<PersonaScoreRow & { dataset: string }>;
  readonly scoreFrame: import("danfojs-node").DataFrame;
}

/** Runs `body` with the given context or a fresh one (closed afterwards). */
export const withRunContext: <T>(options: PipelineRunOptions, body: (context: PipelineContext) => Promise<T>) => Promise<T> = withContext;

/** The options handed to each stage of a helper: everything but n (the helper decides what each stage gets). */
export function passOn(options: PipelineRunOptions, context: PipelineContext): StageOptions {
  return { ...options, n: undefined, context };
}

/**
 * RQ1 (Section 4) on one dataset: extract persona cards from sources in a seeded order, filter them (Figure 14)
 * until `n` are kept or the sources run out, describe the traits of the kept ones (Figure 12), answer HEXACO-60 and
 * CSI (Figure 13) and score them. Extraction and filtering go in chunks, so a larger n re-uses a smaller run's cache.
 */
export async function runRq1(options: Rq1Options): Promise<Rq1Result> {
  if (!(EXTRACT_DATASETS as readonly string[]).includes(options.dataset)) {
    throw new UsageError(`unknown dataset "${options.dataset}"; use one of ${EXTRACT_DATASETS.join(", ")}`);
  }
  const n = options.n ?? 20;
  const seed = options.seed ?? 1;
  const filter = options.filter ?? true;
  const sources = options.sources ? [...options.sources] : loadPersonaSources(options.dataset);
  const order = seededOrder(sources.length, seed);
  return withRunContext(options, async (context) => {
    const stageOptions = passOn(options, context);
    const cards: PersonaRow[] = [];
    const verdicts: FilteredPersonaRow[] = [];
    const kept: Array<PersonaRow | FilteredPersonaRow> = [];
    let next = 0;
    let stoppedEarly: string | undefined;
    // A chunk whose calls failed (no answer after the retries, as opposed to cards the filter rejected) stops the
    // loop: taking more sources would only fail the same way, through the whole dataset.
    const callFailures = (rows: ReadonlyArray<{ status: string; raw: string | null; kept?: boolean | null }>) =>
      rows.filter((row) => row.status === "failed" && row.raw === null).length;
    const stopIfFailing = (stage: string, failed: number, total: number) => {
      if (failed === 0) return false;
      stoppedEarly = `${options.dataset}: stopped taking new sources after ${failed} of ${total} ${stage} calls failed after their retries (${kept.length} of ${n} personas kept); re-run the same command to retry them`;
      process.stderr.write(`${stoppedEarly}\n`);
      return true;
    };
    // An aborted run (Ctrl-C) stops taking new chunks; what was answered is cached for the re-run.
    while (kept.length < n && next < order.length && !options.signal?.aborted) {
      const wanted = n - kept.length;
      const chunk = order.slice(next, next + (filter ? Math.max(2 * wanted, 10) : wanted)).map((index) => sources[index]);
      next += chunk.length;
      const extracted = await extractPersonas(chunk, stageOptions);
      cards.push(...extracted.rows);
      const ok = extracted.rows.filter((row) => row.status === "ok");
      if (!filter) {
        kept.push(...ok);
        if (stopIfFailing("extraction", callFailures(extracted.rows), extracted.rows.length)) break;
        continue;
      }
      const judged = await filterPersonas(ok, stageOptions);
      verdicts.push(...judged.rows);
      kept.push(...judged.kept);
      if (stopIfFailing("extraction", callFailures(extracted.rows), extracted.rows.length)) break;
      if (stopIfFailing("filter", callFailures(judged.rows), judged.rows.length)) break;
    }
    const chosen = kept.slice(0, n);
    const described = await describeTraits(chosen, stageOptions);
    const answers = await answerInventory(described.rows, { ...stageOptions, inventories: options.inventories, logprobs: options.logprobs });
    const scores = answers.scores.map((row) => ({ ...row, dataset: options.dataset }));
    const judgedCards = verdicts.filter((row) => row.kept !== null);
    const result = {
      dataset: options.dataset,
      simulated: context.simulated,
      cards,
      verdicts,
      stoppedEarly,
      statistics: filter ? (judgedCards.length ? personaCardStatistics(judgedCards) : []) : personaCardStatistics(cards.filter((row) => row.status === "ok")),
      personas: described.rows,
      answers,
      scores,
    };
    let frame: ReturnType<typeof toDataFrame> | undefined;
    Object.defineProperty(result, "scoreFrame", { enumerable: false, get: () => (frame ??= toDataFrame(scores)) });
    return result as Rq1Result;
  });
}
