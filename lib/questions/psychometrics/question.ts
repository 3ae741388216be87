import { rq1BesideThePaper } from "../../reports/beside-the-paper";
import { writeAnalysis } from "../../reports/write-analysis";
import { logprobsRefusal } from "../../providers/capabilities";
import type { QuestionModule } from "../question-module";
import { runOptionsOf } from "../shared/run-options-of";
import { PSYCHOMETRICS_ABOUT } from "./about";
import { analyzePsychometrics, writeAnswerFiles, type PsychometricsAnalysis } from "./psychometrics-analysis";
import { planPsychometrics } from "./psychometrics-plan";
import { PSYCHOMETRICS_USAGE } from "./usage";

/** Psychometrics: reliability (alpha, omega, item-total), stability (ICC) and the MTMM view of RQ1's measurements. */
export const psychometricsQuestion: QuestionModule<PsychometricsAnalysis> = {
  ...PSYCHOMETRICS_ABOUT,
  besideThePaper: rq1BesideThePaper,
  options: ["dataset", "inventory", "samples", "temperature", "logprobs", "exclude-flagged"],
  help: "reliability and validity of the inventory answers (alpha, omega, item-total, ICC, MTMM); needs --out",
  usage: PSYCHOMETRICS_USAGE,
  requiresOut: true,
  describeRun: (run) => `, samples = ${run.samples ?? 1}${run.logprobs ? ", with the log-probability pass" : ""}`,
  dryRunNotes: (run) => {
    const refusal = run.logprobs ? logprobsRefusal(run.context.model.provider) : undefined;
    return refusal ? [`${refusal}; the pass would be refused.`] : [];
  },
  plan: planPsychometrics,
  analyze: (run) =>
    analyzePsychometrics({
      ...runOptionsOf(run),
      context: run.context,
      ...(run.datasets ? { datasets: run.datasets } : {}),
      ...(run.inventories ? { inventories: run.inventories } : {}),
      samples: run.samples ?? 1,
      temperature: run.temperature ?? 0,
      logprobs: run.logprobs ?? false,
      excludeFlagged: run.excludeFlagged ?? false,
    }),
  async write(output, directory, options) {
    const written = await writeAnalysis(output, directory, options);
    written.files.push(...writeAnswerFiles(output, directory));
    return written;
  },
};
