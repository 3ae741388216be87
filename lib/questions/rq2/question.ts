import { rq2BesideThePaper } from "../../reports/beside-the-paper";
import { GENERATION_MODES } from "../../pipeline/dialogue-rows";
import { compareRq2Modes } from "../generation/generation-comparison";
import type { QuestionModule, QuestionRun } from "../question-module";
import { combineModelOutputs } from "../shared/analyze-models";
import { runOptionsOf } from "../shared/run-options-of";
import { RQ2_ABOUT } from "./about";
import { analyzeRq2, SCORE_FIGURE_NAMES, scoreComparisonPanelsFigure, type Rq2Analysis } from "./rq2-analysis";
import { planRq2 } from "./rq2-plan";

function oneMode(run: QuestionRun, generation: (typeof GENERATION_MODES)[number]): Promise<Rq2Analysis> {
  return analyzeRq2({ ...runOptionsOf(run), context: run.context, generation, rolePlay: run.rolePlay ?? {} });
}

/** RQ2 (Section 5): PersonaHub personas scored before and after a generated dialogue; the no-persona PCA ablation. */
export const rq2Question: QuestionModule = {
  ...RQ2_ABOUT,
  reproduce: true,
  besideThePaper: rq2BesideThePaper,
  options: ["generation", "traits-to", "intake", "max-turns"],
  help:
    "PersonaHub personas: original vs re-extracted scores (Figures 5-7, 19-21), Wilcoxon per\n" +
    "dimension, the no-persona PCA ablation (Figure 8)",
  plan: planRq2,
  async analyze(run) {
    if (run.generation !== "both") return oneMode(run, run.generation ?? "omniscient");
    const [omniscient, rolePlay] = [await oneMode(run, "omniscient"), await oneMode(run, "role-play")];
    return compareRq2Modes({ omniscient, "role-play": rolePlay });
  },
  async analyzeModels(run, { models }) {
    const generation = run.generation === "both" || run.generation === undefined ? "omniscient" : run.generation;
    // One provider's calls do not wait for another's: each model has its own context, rate limits and ledger.
    const outputs = await Promise.all(models.map(async (model) => ({ label: model.label, output: await oneMode({ ...run, context: model.context }, generation) })));
    if (outputs.length < 2) return combineModelOutputs(RQ2_ABOUT.id, outputs);
    // Figures 5-7 (19-21) as the paper compares them: one figure per inventory, a panel per model, not one per model.
    const runs = outputs.map(({ output }) => ({ model: output.model, simulated: output.simulated, original: output.run.originalScores, extracted: output.run.persona.scores }));
    const correction = runOptionsOf(run).correction;
    const panels = (["HEXACO-60", "CSI"] as const).map((inventory) => scoreComparisonPanelsFigure(runs, inventory, correction));
    const rest = outputs.map(({ label, output }) => ({ label, output: { ...output, figures: output.figures.filter((figure) => !SCORE_FIGURE_NAMES.includes(figure.name)) } }));
    const combined = combineModelOutputs(RQ2_ABOUT.id, rest);
    return { ...combined, figures: [...panels, ...combined.figures] };
  },
};
