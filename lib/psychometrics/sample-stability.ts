import { intraclassCorrelation, type IntraclassCorrelation } from "./intraclass-correlation";
import { keyedAnswer, type ItemAnswer } from "./item-matrix";

export interface DomainStability extends IntraclassCorrelation {
  inventory: string;
  domain: string;
  /** Statements (persona x item) answered validly in at least two samples. */
  statements: number;
  /** Of those, the share whose answers were the same in every sample. */
  identicalShare: number;
}

const MIN_VALID_SHARE = 0.8;

/**
 * Test-retest agreement across repeated samples of the answer stage (--samples K), per inventory domain: ICC(2,1)
 * and ICC(2,K) of the domain scores (mean keyed answer per persona and sample; missing where under 80% of the
 * domain's answers are valid, as the scorer) and the share of statements answered identically in every sample.
 */
export function sampleStability(rows: readonly ItemAnswer[]): DomainStability[] {
  const samples = [...new Set(rows.map((row) => row.sample ?? 0))].sort((a, b) => a - b);
  const groups = new Map<string, ItemAnswer[]>();
  for (const row of rows) {
    const key = `${row.inventory}\u0000${row.domain}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const result: DomainStability[] = [];
  for (const [key, list] of groups) {
    const [inventory, domain] = key.split("\u0000");
    const personas = [...new Set(list.map((row) => row.personaId))];
    const items = [...new Set(list.map((row) => row.itemId))];
    const answers = new Map<string, number | null>();
    for (const row of list) answers.set(`${row.personaId}\u0000${row.itemId}\u0000${row.sample ?? 0}`, row.answer);
    const reversed = new Map(list.map((row) => [row.itemId, row.reversed]));
    const scores = personas.map((persona) =>
      samples.map((sample) => {
        const keyed = items.map((item) => keyedAnswer(answers.get(`${persona}\u0000${item}\u0000${sample}`), reversed.get(item) ?? false)).filter(Number.isFinite);
        return keyed.length >= MIN_VALID_SHARE * items.length && keyed.length > 0 ? keyed.reduce((sum, value) => sum + value, 0) / keyed.length : Number.NaN;
      }),
    );
    let statements = 0;
    let identical = 0;
    for (const persona of personas) {
      for (const item of items) {
        const given = samples.map((sample) => answers.get(`${persona}\u0000${item}\u0000${sample}`)).filter((value): value is number => typeof value === "number");
        if (given.length < 2) continue;
        statements++;
        if (given.every((value) => value === given[0])) identical++;
      }
    }
    result.push({ inventory, domain, ...intraclassCorrelation(scores), statements, identicalShare: statements ? identical / statements : Number.NaN });
  }
  return result;
}
