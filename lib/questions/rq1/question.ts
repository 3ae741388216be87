import { importPersonaCards } from "../../data/import-persona-cards";
import { rq1BesideThePaper } from "../../reports/beside-the-paper";
import type { QuestionModule } from "../question-module";
import { runOptionsOf } from "../shared/run-options-of";
import { RQ1_ABOUT } from "./about";
import { analyzeRq1 } from "./rq1-analysis";
import { analyzeRq1Models } from "./rq1-models-analysis";
import { planRq1, planRq1OtherModel } from "./rq1-plan";

/** RQ1 (Section 4): persona cards measured with HEXACO-60 and CSI; Table 1, the correlation tables, heatmaps. */
export const rq1Question: QuestionModule = {
  ...RQ1_ABOUT,
  reproduce: true,
  besideThePaper: rq1BesideThePaper,
  options: ["dataset", "inventory", "extract-with", "exclude-flagged", "cards"],
  help:
    "persona cards of ESConv, CAMS and Dreaddit, filtered, measured with HEXACO-60 and CSI:\n" +
    "Table 1, Tables 2-4/10-15 (correlations, alignment check), heatmaps",
  plan: planRq1,
  planOtherModel: planRq1OtherModel,
  analyze: (run) =>
    analyzeRq1({
      ...runOptionsOf(run),
      context: run.context,
      ...(run.datasets ? { datasets: run.datasets } : {}),
      ...(run.inventories ? { inventories: run.inventories } : {}),
      ...(run.excludeFlagged ? { excludeFlagged: true } : {}),
      // --cards: the researcher's own cards, read and reported as `run inventory --cards` reads them.
      ...(run.cards ? { cards: importPersonaCards(run.cards.file, { source: run.cards.source, includeFields: run.cards.includeFields }) } : {}),
    }),
  analyzeModels: (run, { models, extractWith }) => analyzeRq1Models({ ...runOptionsOf(run), models, datasets: run.datasets, extractWith, ...(run.inventories ? { inventories: run.inventories } : {}) }),
};
