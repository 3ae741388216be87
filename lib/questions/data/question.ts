import { dataBesideThePaper } from "../../reports/beside-the-paper";
import { runProvenance } from "../../reports/output-provenance";
import { applyVariant } from "../../reports/variant-provenance";
import type { QuestionModule } from "../question-module";
import { planPersonaCards } from "../rq1/rq1-plan";
import { runOptionsOf } from "../shared/run-options-of";
import { DATA_ABOUT } from "./about";
import { dataOverview } from "./data-overview";

/** The data overview (notebook 00): the datasets' counts and Table 1 of the extracted and filtered persona cards. */
export const dataQuestion: QuestionModule = {
  ...DATA_ABOUT,
  besideThePaper: dataBesideThePaper,
  options: ["dataset"],
  help: "the datasets' counts, persona cards extracted and filtered per dataset: Table 1 beside the paper's",
  plan: (options) => planPersonaCards(options, false),
  async analyze(run) {
    const overview = await dataOverview({ ...runOptionsOf(run), context: run.context, ...(run.datasets ? { datasets: run.datasets } : {}) });
    return applyVariant(
      {
        question: DATA_ABOUT.id,
        provenance: runProvenance(DATA_ABOUT, run),
        simulated: overview.simulated,
        provider: run.context.model.provider,
        model: run.context.model.model,
        scores: [],
        tables: overview.tables,
        figures: [],
        documents: [],
        summary: { stats: overview.stats, table1: overview.statistics },
      },
      run,
      DATA_ABOUT.prompts,
    );
  },
};
