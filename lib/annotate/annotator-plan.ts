import { keyedRandom } from "../random";
import { normalizeAnnotatorName } from "./annotator-name";
import type { Study } from "./study-file";

/** One pair as one annotator sees it: its place in their order and whether the with-persona side is on the right. */
export interface PlannedPair {
  pairId: string;
  position: number;
  /** True when the first (with-persona) dialogue is shown on the right. */
  swapped: boolean;
}

/**
 * The order of the study pairs and the left/right placement for one annotator: seeded by the study seed and the
 * annotator's (normalized) name, so it is the same on every visit and different between annotators. Practice
 * pairs and attention checks are added around it by `protocolPlan`; the plan is recorded when the annotator
 * is invited, and the recorded plan is the one used from then on.
 */
export function annotatorPlan(study: Pick<Study, "seed" | "pairs">, annotator: string): PlannedPair[] {
  const random = keyedRandom("annotate-plan", study.seed, normalizeAnnotatorName(annotator));
  const order = random.shuffle(study.pairs.map((pair) => pair.pairId));
  return order.map((pairId, position) => ({ pairId, position, swapped: random.next() < 0.5 }));
}
