import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AgreementOptions } from "./agreement";
import { STUDY_FILE } from "./study-file";
import type { StudyProgress } from "./study-progress";
import { studyResults, type StudyResults } from "./study-results";

export interface StudyOverview {
  directory: string;
  /** One line: where the study is and how far it got, or how to make one. */
  message: string;
  progress?: StudyProgress;
  /** Table 9, agreement and human vs LLM (present once a study exists, with NA until two annotators judged). */
  results?: StudyResults;
}

/**
 * What a notebook shows of a human-evaluation study: its progress and results, or, when the folder holds no
 * study yet, the commands that make, invite to and serve one (so the cell runs in `npm run reproduce` without a study).
 */
export function studyOverview(directory: string, options: AgreementOptions & { rq3Directory?: string } = {}): StudyOverview {
  const folder = resolve(directory);
  if (!existsSync(join(folder, STUDY_FILE))) {
    const from = options.rq3Directory ?? "out/rq3";
    return {
      directory: folder,
      message:
        `No annotation study at ${folder}. Make one from the rq3 export and open the page: ` +
        `npx persona-talks annotate create --from ${from} --pairs 50 --seed 1 --out ${folder} && npx persona-talks annotate invite --study ${folder} --annotators 3 && npx persona-talks annotate serve --study ${folder}`,
    };
  }
  const results = studyResults(folder, options);
  const progress = results.progress;
  const complete = progress.annotators.filter((annotator) => annotator.pairsDone === progress.pairs).length;
  return {
    directory: folder,
    message:
      `Study at ${folder}: ${progress.pairs} pairs, ${progress.annotators.length} annotator(s) (${complete} finished), ` +
      `${progress.totalJudgements} judgements; ${progress.pairsWithTwoOrMore} pairs judged by two or more annotators.`,
    progress,
    results,
  };
}
