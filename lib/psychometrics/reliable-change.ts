import { standardDeviation } from "../stats/descriptive";

/** |RCI| above this is change beyond measurement error at the 5% level (Jacobson & Truax, 1991). */
export const RELIABLE_CHANGE_CRITICAL = 1.96;

export interface ReliableChange {
  personaId: string;
  column: string;
  before: number;
  after: number;
  /** (after - before) / S_diff, S_diff = sqrt(2) * SD(before) * sqrt(1 - alpha). */
  rci: number;
  direction: "increased" | "decreased" | "within error";
}

export interface ReliableChangeSummary {
  column: string;
  alpha: number;
  /** SD of the original scores (the "pretest" SD of Jacobson-Truax). */
  sd: number;
  /** The smallest score difference that is reliable: 1.96 * S_diff. */
  threshold: number;
  pairs: number;
  increased: number;
  decreased: number;
  withinError: number;
}

/**
 * The Jacobson-Truax reliable change index per persona and score column, original ("before") vs re-extracted
 * ("after") scores paired by personaId, with each domain's alpha as its reliability and the SD of the original
 * scores as its spread; plus how many personas changed beyond error in each direction.
 */
export function reliableChange(
  before: readonly Record<string, unknown>[],
  after: readonly Record<string, unknown>[],
  alpha: ReadonlyMap<string, number>,
  key = "personaId",
): { changes: ReliableChange[]; summary: ReliableChangeSummary[] } {
  const afterById = new Map(after.map((row) => [String(row[key]), row]));
  const changes: ReliableChange[] = [];
  const summary: ReliableChangeSummary[] = [];
  for (const [column, reliability] of alpha) {
    const number = (row: Record<string, unknown> | undefined) => (typeof row?.[column] === "number" && Number.isFinite(row[column]) ? (row[column] as number) : Number.NaN);
    const sd = standardDeviation(before.map(number).filter(Number.isFinite));
    const sDiff = Math.sqrt(2) * sd * Math.sqrt(1 - reliability);
    const counts = { increased: 0, decreased: 0, "within error": 0 };
    let pairs = 0;
    for (const row of before) {
      const personaId = String(row[key]);
      const first = number(row);
      const second = number(afterById.get(personaId));
      if (!Number.isFinite(first) || !Number.isFinite(second)) continue;
      const rci = sDiff > 0 ? (second - first) / sDiff : Number.NaN;
      const direction = !Number.isFinite(rci) ? "within error" : rci > RELIABLE_CHANGE_CRITICAL ? "increased" : rci < -RELIABLE_CHANGE_CRITICAL ? "decreased" : "within error";
      counts[direction]++;
      pairs++;
      changes.push({ personaId, column, before: first, after: second, rci, direction });
    }
    summary.push({ column, alpha: reliability, sd, threshold: RELIABLE_CHANGE_CRITICAL * sDiff, pairs, increased: counts.increased, decreased: counts.decreased, withinError: counts["within error"] });
  }
  return { changes, summary };
}
