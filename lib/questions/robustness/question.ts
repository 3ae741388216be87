import { rq1BesideThePaper } from "../../reports/beside-the-paper";
import type { QuestionModule } from "../question-module";
import { runOptionsOf } from "../shared/run-options-of";
import { ROBUSTNESS_ABOUT } from "./about";
import { describeDesign, gridDesign } from "./grid-design";
import { conditionEstimates, formatConditionEstimates, planRobustness } from "./grid-plan";
import { defaultRobustnessInventories, robustnessDatasets, robustnessInventories } from "./robustness-defaults";
import { analyzeRobustness, type RobustnessAnalysis } from "./robustness-analysis";
import { ROBUSTNESS_USAGE } from "./usage";

/** The robustness grid: RQ1's measurement under a factorial design of item order, option order, labels, wording and repeats. */
export const robustnessQuestion: QuestionModule<RobustnessAnalysis> = {
  ...ROBUSTNESS_ABOUT,
  besideThePaper: rq1BesideThePaper,
  options: ["dataset", "inventory", "temperature", "factor", "design", "repeats", "max-calls"],
  help: "scores under item order, option order, labels, wording and repeats (shifts, rank stability, G study); needs --out",
  usage: ROBUSTNESS_USAGE,
  requiresOut: true,
  defaultInventories: defaultRobustnessInventories,
  describeRun: (run) => `, ${describeDesign(gridDesign(gridOf(run)))}`,
  dryRunNotes: (run) =>
    formatConditionEstimates(
      gridDesign(gridOf(run)),
      conditionEstimates(run.context, gridDesign(gridOf(run)), { n: run.n, datasets: robustnessDatasets(run.datasets).length, inventories: robustnessInventories(run.inventories), overrides: run.promptOverrides }),
    ),
  plan: (options) => planRobustness({ ...options, grid: gridOf(options) }),
  analyze: (run) =>
    analyzeRobustness({
      ...runOptionsOf(run),
      context: run.context,
      ...(run.datasets ? { datasets: run.datasets } : {}),
      ...(run.inventories ? { inventories: run.inventories } : {}),
      grid: gridOf(run),
    }),
};

/** The grid options of a run: --factor, --design, --repeats, --max-calls and --temperature. */
function gridOf(run: { grid?: RobustnessGridRun; temperature?: number }) {
  return { ...(run.grid ?? {}), ...(run.temperature !== undefined && run.grid?.temperature === undefined ? { temperature: run.temperature } : {}) };
}

type RobustnessGridRun = NonNullable<import("../question-module").QuestionRun["grid"]>;
