import { rq3BesideThePaper } from "../../reports/beside-the-paper";
import type { GenerationMode } from "../../pipeline/dialogue-rows";
import { compareRq3Modes } from "../generation/generation-comparison";
import type { QuestionModule, QuestionRun } from "../question-module";
import { combineModelOutputs } from "../shared/analyze-models";
import { runOptionsOf } from "../shared/run-options-of";
import { RQ3_ABOUT } from "./about";
import { chooseStrategyClassifier, type ClassifierChoice } from "./classifier-choice";
import { analyzeRq3, type Rq3Analysis } from "./rq3-analysis";
import { planRq3 } from "./rq3-plan";

async function classifierOf(run: Omit<QuestionRun, "context">): Promise<ClassifierChoice> {
  const choice = await chooseStrategyClassifier(run.classifier ?? "auto");
  run.onStep?.(choice.message);
  return choice;
}

function oneMode(run: QuestionRun, choice: ClassifierChoice, generation: GenerationMode): Promise<Rq3Analysis> {
  return analyzeRq3({ ...runOptionsOf(run), context: run.context, classifier: choice.classifier, evaluation: choice.evaluation, generation, rolePlay: run.rolePlay ?? {} });
}

/** RQ3 (Section 6): ESConv continued with and without the seeker's traits; strategy distributions, judge, case study. */
export const rq3Question: QuestionModule = {
  ...RQ3_ABOUT,
  reproduce: true,
  besideThePaper: rq3BesideThePaper,
  options: ["classifier", "generation", "traits-to", "intake", "max-turns"],
  help:
    "ESConv continuations with/without traits, HEXACO/CSI only: Tables 5-9 and 16, chi-square,\n" +
    "case study (Figure 10), generator-vs-classifier agreement",
  plan: planRq3,
  async analyze(run) {
    const choice = await classifierOf(run);
    if (run.generation !== "both") return oneMode(run, choice, run.generation ?? "omniscient");
    const [omniscient, rolePlay] = [await oneMode(run, choice, "omniscient"), await oneMode(run, choice, "role-play")];
    return compareRq3Modes({ omniscient, "role-play": rolePlay }, { seed: run.seed });
  },
  async analyzeModels(run, { models }) {
    const generation = run.generation === "both" || run.generation === undefined ? "omniscient" : run.generation;
    const choice = await classifierOf(run);
    // One provider's calls do not wait for another's: each model has its own context, rate limits and ledger.
    const outputs = await Promise.all(models.map(async (model) => ({ label: model.label, output: await oneMode({ ...run, context: model.context }, choice, generation) })));
    return combineModelOutputs(RQ3_ABOUT.id, outputs);
  },
};
