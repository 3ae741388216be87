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

/**
 * Section 3: persona cards extracted from sources in a seeded order and (when filtering) judged by Figure 14
 * until `n` are kept or the sources run out. Extraction and filtering go in chunks, so a larger n re-uses a
 * smaller run's cache. `n` counts personas measured, as everywhere (rq1, rq2, the data overview).
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
  const kept: Array<PersonaRow | FilteredPersonaRow> = [];
  let next = 0;
  let stoppedEarly: string | undefined;
  // A chunk whose calls failed (no answer after the retries, as opposed to cards the filter rejected) stops the
  // loop: taking more sources would only fail the same way, through the whole dataset.
  const callFailures = (rows: ReadonlyArray<{ status: string; raw: string | null }>) => rows.filter((row) => row.status === "failed" && row.raw === null).length;
  const stopIfFailing = (stage: string, failed: number, total: number) => {
    if (failed === 0) return false;
    const where = sources[0] ? sourceIdentity(sources[0]).dataset : "sources";
    stoppedEarly = `${where}: stopped taking new sources after ${failed} of ${total} ${stage} calls failed after their retries (${Math.min(kept.length, n)} of ${n} personas kept); re-run the same command to retry them`;
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
  return { cards, verdicts, chosen, statistics: table1Statistics(chosen, verdicts), ...(stoppedEarly ? { stoppedEarly } : {}) };
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
