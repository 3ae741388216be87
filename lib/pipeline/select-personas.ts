import { personaCardStatistics, type PersonaCardStatistics } from "../analysis/persona-card-statistics";
import type { PersonaCard } from "../data/types";
import { extractPersonas, sourceIdentity, type PersonaRow, type PersonaSource } from "./stages/extract-personas";
import { filterPersonas, type FilteredPersonaRow } from "./stages/filter-personas";
import { seededOrder } from "./table";
import type { StageOptions } from "./types";

export interface PersonaSelection {
  /** Every card extracted (failures included). */
  cards: PersonaRow[];
  /** The filter's verdicts (empty when not filtering). */
  verdicts: FilteredPersonaRow[];
  /** The n personas measured (fewer when the sources run out). */
  chosen: Array<PersonaRow | FilteredPersonaRow>;
  /** Table 1: the measured personas, plus the cards the filter rejected on the way (counted as rejected only). */
  statistics: PersonaCardStatistics[];
  /**
   * Why selection stopped taking new sources before n personas were kept (calls failing after their retries, as
   * opposed to the filter rejecting cards); undefined when it did not stop early.
   */
  stoppedEarly?: string;
  /**
   * Ids of the sources in the sample whose extraction or filter call failed after its retries: the personas this
   * run should have measured and could not (the run is partial; the re-run measures them).
   */
  missing?: string[];
}

/**
 * Table 1 as the paper means it: statistics of the personas measured, with the cards the filter rejected while
 * they were being chosen counted in `rejected`. The one definition used by runRq1, the data overview and analyze.
 */
export function table1Statistics(chosen: readonly PersonaCard[], verdicts: readonly FilteredPersonaRow[]): PersonaCardStatistics[] {
  const measured = chosen.map((card) => ({ ...card, kept: true }));
  const rejected = verdicts.filter((row) => row.kept === false);
  return measured.length || rejected.length ? personaCardStatistics([...measured, ...rejected]) : [];
}

/** What became of one source: its card kept, rejected (by the filter, or no card in the answer), or unknown (a call failed after its retries). */
type SourceOutcome = { id: string; outcome: "kept"; row: PersonaRow | FilteredPersonaRow } | { id: string; outcome: "rejected" | "failed" };

/**
 * The sample: sources in the seeded order, the first `n` whose card was kept. A source whose call failed after its
 * retries is a hole: a clean run might have kept it, so it is never replaced by a later card (the sample would
 * then depend on which call failed); it takes its place in the n, the run is partial, and the re-run fills it.
 */
function sampleOf(outcomes: readonly SourceOutcome[], n: number): { chosen: Array<PersonaRow | FilteredPersonaRow>; missing: string[] } {
  const chosen: Array<PersonaRow | FilteredPersonaRow> = [];
  const missing: string[] = [];
  for (const entry of outcomes) {
    if (chosen.length + missing.length >= n) break;
    if (entry.outcome === "kept") chosen.push(entry.row);
    else if (entry.outcome === "failed") missing.push(entry.id);
  }
  return { chosen, missing };
}

/** A row whose call failed after its retries (no answer at all), as opposed to an answer that was read as a failure. */
const callFailed = (row: { status: string; raw: string | null }) => row.status === "failed" && row.raw === null;

/**
 * Section 3: persona cards extracted from sources in a seeded order and (when filtering) judged by Figure 14
 * until `n` are kept or the sources run out. Extraction and filtering go in chunks, so a larger n re-uses a
 * smaller run's cache. `n` counts personas measured, as everywhere (rq1, rq2, the data overview). Which
 * personas are measured follows from the data, n and the seed only (see sampleOf): a failed call leaves a
 * hole named in `missing`, never the next card in its place.
 */
export async function selectPersonas(
  sources: readonly PersonaSource[],
  options: StageOptions & { n: number; filter?: boolean },
): Promise<PersonaSelection> {
  const n = options.n;
  const filter = options.filter ?? true;
  const order = seededOrder(sources.length, options.seed ?? 1);
  const stageOptions: StageOptions = { ...options, n: undefined };
  const cards: PersonaRow[] = [];
  const verdicts: FilteredPersonaRow[] = [];
  const outcomes: SourceOutcome[] = [];
  let sample = sampleOf(outcomes, n);
  let next = 0;
  let stoppedEarly: string | undefined;
  // A chunk whose calls failed (no answer after the retries, as opposed to cards the filter rejected) stops the
  // loop: taking more sources would only fail the same way, through the whole dataset.
  const stopIfFailing = (stage: string, failed: number, total: number) => {
    if (failed === 0) return false;
    const where = sources[0] ? sourceIdentity(sources[0]).dataset : "sources";
    stoppedEarly = `${where}: stopped taking new sources after ${failed} of ${total} ${stage} calls failed after their retries (${sample.chosen.length} of ${n} personas kept); re-run the same command to retry them`;
    process.stderr.write(`${stoppedEarly}\n`);
    return true;
  };
  // An aborted run (Ctrl-C) stops taking new chunks; what was answered is cached for the re-run.
  while (sample.chosen.length + sample.missing.length < n && next < order.length && !options.signal?.aborted) {
    const wanted = n - sample.chosen.length - sample.missing.length;
    const chunk = order.slice(next, next + (filter ? Math.max(2 * wanted, 10) : wanted)).map((index) => sources[index]);
    next += chunk.length;
    const extracted = await extractPersonas(chunk, stageOptions);
    cards.push(...extracted.rows);
    const ok = extracted.rows.filter((row) => row.status === "ok");
    const judged = filter ? await filterPersonas(ok, stageOptions) : undefined;
    if (judged) verdicts.push(...judged.rows);
    const extractedById = new Map(extracted.rows.map((row) => [row.id, row]));
    const verdictById = new Map((judged?.rows ?? []).map((row) => [row.id, row]));
    for (const source of chunk) {
      const id = sourceIdentity(source).personaId;
      const card = extractedById.get(id);
      const verdict = verdictById.get(id);
      if (!card || callFailed(card)) outcomes.push({ id, outcome: "failed" });
      else if (card.status !== "ok") outcomes.push({ id, outcome: "rejected" });
      else if (!filter) outcomes.push({ id, outcome: "kept", row: card });
      else if (!verdict || callFailed(verdict)) outcomes.push({ id, outcome: "failed" });
      else outcomes.push(verdict.kept === true ? { id, outcome: "kept", row: verdict } : { id, outcome: "rejected" });
    }
    sample = sampleOf(outcomes, n);
    if (stopIfFailing("extraction", extracted.rows.filter(callFailed).length, extracted.rows.length)) break;
    if (judged && stopIfFailing("filter", judged.rows.filter(callFailed).length, judged.rows.length)) break;
  }
  const { chosen, missing } = sample;
  return {
    cards,
    verdicts,
    chosen,
    statistics: table1Statistics(chosen, verdicts),
    ...(missing.length ? { missing } : {}),
    ...(stoppedEarly ? { stoppedEarly } : {}),
  };
}

/**
 * A researcher's own cards, taken as given: the first `n` in file order, judged by Figure 14 only when `filter`
 * is set (then the first `n` kept). `cards` holds them as stage rows, so every output has the same columns.
 */
export async function selectGivenCards(
  given: readonly PersonaCard[],
  options: StageOptions & { n: number; filter?: boolean },
): Promise<PersonaSelection> {
  const stageOptions: StageOptions = { ...options, n: undefined };
  const context = options.context;
  // No model made these cards: the row says so (no prompt, no provider call), with the run's model for reference.
  const cards: PersonaRow[] = given.map((card) => ({
    ...card,
    role: "Seeker",
    stage: "givenCards",
    status: "ok",
    error: null,
    raw: null,
    promptId: "",
    promptVersion: "",
    promptHash: "",
    provider: context?.model.provider ?? "sim",
    model: context?.model.model ?? "",
    repaired: false,
    cached: false,
    simulated: false,
  }));
  if (!options.filter) {
    const chosen = cards.slice(0, options.n);
    return { cards, verdicts: [], chosen, statistics: table1Statistics(chosen, []) };
  }
  const verdicts: FilteredPersonaRow[] = [];
  const kept: FilteredPersonaRow[] = [];
  for (let next = 0; kept.length < options.n && next < cards.length && !options.signal?.aborted; ) {
    const chunk = cards.slice(next, next + Math.max(2 * (options.n - kept.length), 10));
    next += chunk.length;
    const judged = await filterPersonas(chunk, stageOptions);
    verdicts.push(...judged.rows);
    kept.push(...judged.kept);
  }
  const chosen = kept.slice(0, options.n);
  return { cards, verdicts, chosen, statistics: table1Statistics(chosen, verdicts) };
}
