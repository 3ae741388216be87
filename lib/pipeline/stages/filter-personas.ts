import { personaCardStatistics, type PersonaCardStatistics } from "../../analysis/persona-card-statistics";
import type { PersonaCard } from "../../data/types";
import { parseFilterVerdict, type FilterVerdict } from "../../prompts/parse-filter";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult, StageRowBase } from "../types";

/** A card with the filter's verdict; `kept` is null when the verdict could not be read (a failure row). */
export type FilteredPersonaRow = StageRowBase &
  PersonaCard & { kept: boolean | null; reason: string | null };

export interface FilterResult extends StageResult<FilteredPersonaRow> {
  /** Table 1 statistics over the cards with a verdict (rejected ones counted as such). */
  statistics: PersonaCardStatistics[];
  /** The cards kept (plain PersonaCards with their stage columns). */
  kept: FilteredPersonaRow[];
}

const CARD_FIELDS = ["id", "sourceDataset", "sourceId", "age", "gender", "occupation", "description", "problem"] as const;

/** Figure 14: asks the model whether each card's description and problem meet the paper's criteria. */
export async function filterPersonas(cards: readonly PersonaCard[] | unknown, options: StageOptions = {}): Promise<FilterResult> {
  const stage = "filterPersonas";
  // Failed extraction rows have no card to judge.
  const all = tableRows<PersonaCard & { status?: string }>(cards, "persona cards").filter((card) => card.status !== "failed");
  const chosen = sampleRows(all, options.n, options.seed ?? 1);
  return withContext(options, async (context) => {
    const calls: StageCall<FilterVerdict>[] = chosen.map((card) => ({
      itemId: card.id,
      promptId: "filter-persona",
      variables: { description: card.description, problem: card.problem },
      parse: (raw) => parseFilterVerdict(raw),
    }));
    const result = await runStageCalls(stage, calls, options, context);
    const rows: FilteredPersonaRow[] = result.outcomes.map((outcome, index) => {
      const source = chosen[index] as unknown as Record<string, unknown>;
      const card = Object.fromEntries(CARD_FIELDS.map((field) => [field, source[field]])) as unknown as PersonaCard;
      return { ...card, kept: outcome.value?.keep ?? null, reason: outcome.value?.reason ?? null, ...rowBase(stage, context, [outcome]) };
    });
    const judged = rows.filter((row) => row.kept !== null);
    return stageResult(stage, rows, result, {
      statistics: judged.length ? personaCardStatistics(judged) : [],
      kept: rows.filter((row) => row.kept === true),
    });
  });
}
