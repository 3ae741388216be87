import { keyedRandom } from "../random";
import type { Study } from "./study-file";

/** One pair as one annotator sees it: its place in their order and whether the with-persona side is on the right. */
export interface PlannedPair {
  pairId: string;
  position: number;
  /** True when the first (with-persona) dialogue is shown on the right. */
  swapped: boolean;
}

/** An annotator's name as stored and seeded: trimmed, inner whitespace collapsed (case is kept). */
export function normalizeAnnotatorName(name: string): string {
  return name.trim().replace(/\s+/g, " ");
}

/**
 * The order of the pairs and the left/right placement for one annotator: seeded by the study seed and the
 * annotator's name, so it is the same on every visit and different between annotators. The server records it
 * in the database the first time an annotator arrives, and the recorded plan is the one used from then on.
 */
export function annotatorPlan(study: Pick<Study, "seed" | "pairs">, annotator: string): PlannedPair[] {
  const random = keyedRandom("annotate-plan", study.seed, normalizeAnnotatorName(annotator));
  const order = random.shuffle(study.pairs.map((pair) => pair.pairId));
  return order.map((pairId, position) => ({ pairId, position, swapped: random.next() < 0.5 }));
}
