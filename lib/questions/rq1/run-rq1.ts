import type { PersonaCardStatistics } from "../../analysis/persona-card-statistics";
import { UsageError } from "../../errors";
import type { Inventory } from "../../inventory/inventory-schema";
import type { PipelineContext } from "../../pipeline/pipeline-context";
import { withContext } from "../../pipeline/run-stage";
import { answerInventory, type AnswerInventoryResult, type PersonaScoreRow } from "../../pipeline/stages/answer-inventory";
import { describeTraits, type DescribedPersonaRow } from "../../pipeline/stages/describe-traits";
import type { PersonaCard } from "../../data/types";
import { selectGivenCards, selectPersonas } from "../../pipeline/select-personas";
import { EXTRACT_DATASETS, loadPersonaSources, type PersonaRow, type PersonaSource } from "../../pipeline/stages/extract-personas";
import type { FilteredPersonaRow } from "../../pipeline/stages/filter-personas";
import { toDataFrame } from "../../pipeline/table";
import type { StageOptions } from "../../pipeline/types";

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
  /**
   * The researcher's own persona cards (see importPersonaCards), measured instead of cards extracted from
   * `dataset`'s sources; `dataset` then only labels the rows.
   */
  cards?: readonly PersonaCard[];
  /** Filter the cards with Figure 14 before measuring them (default true for extracted cards, as in the paper; false for given cards). */
  filter?: boolean;
  inventories?: readonly Inventory[];
  logprobs?: boolean;
  /** Answer every statement this many times (lib/psychometrics stability); default 1. */
  samples?: number;
  /** Temperature of the answer stage; default 0 (the paper). */
  temperature?: number;
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
  /** Table 1 for this dataset: the personas measured (table1Statistics), with the filter's rejections counted. */
  statistics: PersonaCardStatistics[];
  /** The cards measured (chosen by the filter, or given), before their traits were described. */
  measured: PersonaRow[];
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
 * RQ1 (Section 4) on one dataset: choose `n` personas (selectPersonas: extract cards from sources in a seeded
 * order and filter them with Figure 14 until `n` are kept; or the researcher's own `cards`), describe their traits
 * (Figure 12), answer HEXACO-60 and CSI (Figure 13) and score them.
 */
export async function runRq1(options: Rq1Options): Promise<Rq1Result> {
  const given = options.cards !== undefined;
  if (!given && !(EXTRACT_DATASETS as readonly string[]).includes(options.dataset)) {
    throw new UsageError(`unknown dataset "${options.dataset}"; use one of ${EXTRACT_DATASETS.join(", ")}`);
  }
  const n = options.n ?? 20;
  // A researcher's own cards are taken as given: the Figure 14 filter runs only when asked for.
  const filter = options.filter ?? !given;
  return withRunContext(options, async (context) => {
    const stageOptions = passOn(options, context);
    const selection = given
      ? await selectGivenCards(options.cards ?? [], { ...stageOptions, n, filter })
      : await selectPersonas(options.sources ? [...options.sources] : loadPersonaSources(options.dataset), { ...stageOptions, n, filter });
    const described = await describeTraits(selection.chosen, stageOptions);
    const answers = await answerInventory(described.rows, {
      ...stageOptions,
      inventories: options.inventories,
      logprobs: options.logprobs,
      samples: options.samples,
      temperature: options.temperature,
    });
    const scores = answers.scores.map((row) => ({ ...row, dataset: options.dataset }));
    const result = {
      dataset: options.dataset,
      simulated: context.simulated,
      cards: selection.cards,
      verdicts: selection.verdicts,
      // Own cards are all sourceDataset "custom"; their table rows carry the name they were given.
      statistics: given ? selection.statistics.map((row) => ({ ...row, dataset: options.dataset })) : selection.statistics,
      measured: selection.chosen,
      stoppedEarly: selection.stoppedEarly,
      personas: described.rows,
      answers,
      scores,
    };
    let frame: ReturnType<typeof toDataFrame> | undefined;
    Object.defineProperty(result, "scoreFrame", { enumerable: false, get: () => (frame ??= toDataFrame(scores)) });
    return result as Rq1Result;
  });
}
