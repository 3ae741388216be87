import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ANNOTATION_CRITERIA } from "./criteria";
import { loadStudy, STUDY_DATABASE, type Study } from "./study-file";
import type { ItemKind } from "./protocol-plan";
import { openStudyStore, type HumanJudgement } from "./study-store";

export interface AnnotatorProgress {
  annotator: string;
  startedAt: string;
  /** Study pairs with all five criteria answered (practice and attention checks not counted). */
  pairsDone: number;
  judgements: number;
  lastSavedAt: string | null;
}

export interface StudyProgress {
  directory: string;
  pairs: number;
  /** Judgements one annotator makes in full (pairs x 5 criteria). */
  judgementsPerAnnotator: number;
  annotators: AnnotatorProgress[];
  totalJudgements: number;
  /** Pairs judged completely by at least two annotators (what agreement can use). */
  pairsWithTwoOrMore: number;
}

/** Reads a study's stored judgements (nothing when no annotator has started yet). */
export function readStudyJudgements(
  directory: string,
  study: Study = loadStudy(directory),
  options: { kinds?: readonly ItemKind[] } = {},
): { judgements: HumanJudgement[]; annotators: { annotator: string; startedAt: string }[] } {
  const path = join(resolve(directory), STUDY_DATABASE);
  if (!existsSync(path)) return { judgements: [], annotators: [] };
  const store = openStudyStore(resolve(directory), study, { readonly: true });
  try {
    return { judgements: store.judgements(undefined, options), annotators: store.annotators() };
  } finally {
    store.close();
  }
}

/** Progress per annotator, from a study folder: what `annotate results` would use and how far each person got. */
export function studyProgress(directory: string): StudyProgress {
  const study = loadStudy(directory);
  const { judgements, annotators } = readStudyJudgements(directory, study);
  const criteria = ANNOTATION_CRITERIA.length;
  const completeBy = new Map<string, number>();
  const perPairAnnotator = new Map<string, number>();
  for (const judgement of judgements) {
    const key = `${judgement.annotator}\u0000${judgement.pairId}`;
    perPairAnnotator.set(key, (perPairAnnotator.get(key) ?? 0) + 1);
  }
  for (const [key, count] of perPairAnnotator) {
    if (count < criteria) continue;
    const pairId = key.split("\u0000")[1];
    completeBy.set(pairId, (completeBy.get(pairId) ?? 0) + 1);
  }
  return {
    directory: resolve(directory),
    pairs: study.pairs.length,
    judgementsPerAnnotator: study.pairs.length * criteria,
    annotators: annotators.map(({ annotator, startedAt }) => {
      const own = judgements.filter((judgement) => judgement.annotator === annotator);
      const pairsDone = [...perPairAnnotator.entries()].filter(([key, count]) => key.startsWith(`${annotator}\u0000`) && count >= criteria).length;
      const lastSavedAt = own.reduce<string | null>((latest, judgement) => (latest === null || judgement.savedAt > latest ? judgement.savedAt : latest), null);
      return { annotator, startedAt, pairsDone, judgements: own.length, lastSavedAt };
    }),
    totalJudgements: judgements.length,
    pairsWithTwoOrMore: [...completeBy.values()].filter((count) => count >= 2).length,
  };
}
