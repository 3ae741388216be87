import { compareModeDialogueStatistics, compareModeStrategies, compareModeSurvival, MODES, type Mode } from "./mode-statistics";
import { conditionLabel } from "../../analysis/turns";
import { dialogueStatisticsTable } from "../rq3/evaluation-tables";
import { modeSurvivalTable } from "./generation-tables";
import { residualTable, strategyTable } from "../rq3/strategy-tables";
import type { Table } from "../../tables/table";
import type { AnalysisOutput, NamedFigure } from "../../reports/analysis-output";
import { labelOutput } from "../../reports/label-output";
import type { Rq2Analysis } from "../rq2/rq2-analysis";
import { strategyFigure, type Rq3Analysis } from "../rq3/rq3-analysis";

function both(question: "rq2" | "rq3", outputs: Record<Mode, AnalysisOutput>, tables: Table[], figures: NamedFigure[], comparison: Record<string, unknown>): AnalysisOutput {
  const parts = MODES.map((mode) => labelOutput(outputs[mode], mode, { position: "prefix" }));
  const first = outputs.omniscient;
  return {
    question,
    simulated: MODES.some((mode) => outputs[mode].simulated),
    provider: first.provider,
    model: first.model,
    scores: MODES.flatMap((mode) => outputs[mode].scores.map((row) => ({ ...row, generation: mode }))),
    tables: [...tables, ...parts.flatMap((part) => part.tables)],
    figures: [...figures, ...parts.flatMap((part) => part.figures)],
    documents: parts.flatMap((part) => part.documents),
    summary: {
      generation: "both",
      modes: Object.fromEntries(MODES.map((mode) => [mode, outputs[mode].summary])),
      comparison,
      ...(first.variant ? { variant: first.variant } : {}),
    },
    ...(first.variant ? { variant: first.variant } : {}),
    ...(first.provenance ? { provenance: first.provenance } : {}),
  };
}

/**
 * RQ3 under both modes, side by side: per trait condition the strategy distribution of omniscient vs role-play
 * dialogues (table with bootstrap CIs, residuals, a grouped-bar figure), Table 16's measures per mode, and each mode's
 * own RQ3 tables and figures (file names prefixed with the mode).
 */
export function compareRq3Modes(outputs: Record<Mode, Rq3Analysis>, options: { seed?: number; resamples?: number } = {}): AnalysisOutput {
  const simulated = MODES.some((mode) => outputs[mode].simulated);
  const turns = { omniscient: outputs.omniscient.run.turns, "role-play": outputs["role-play"].run.turns };
  const comparisons = compareModeStrategies(turns, { seed: options.seed ?? 1, resamples: options.resamples });
  const tables: Table[] = [];
  const figures: NamedFigure[] = [];
  for (const { condition, strategies } of comparisons) {
    const label = conditionLabel(condition);
    tables.push(strategyTable(strategies, { intervals: true, title: `Strategy distribution, omniscient vs role-play generation (${label})`, simulated, name: `rq3-modes-strategies-${condition}` }));
    if (strategies.chiSquare) tables.push(residualTable(strategies.chiSquare, { simulated, name: `rq3-modes-residuals-${condition}` }));
    if (strategies.conditions.length === 2) {
      figures.push(strategyFigure(strategies, [...strategies.conditions], `rq3-modes-strategies-${condition}`, `Strategy distribution by generation mode (${label})`, simulated));
    }
  }
  const statistics = compareModeDialogueStatistics(turns);
  tables.push(dialogueStatisticsTable(statistics, { title: "Statistics of generated dialogues by generation mode (Table 16's measures)", simulated, name: "rq3-modes-dialogue-statistics" }));
  return both("rq3", outputs, tables, figures, {
    strategies: comparisons.map(({ condition, strategies }) => ({
      condition,
      shares: strategies.shares,
      chiSquare: strategies.chiSquare && { statistic: strategies.chiSquare.statistic, degreesOfFreedom: strategies.chiSquare.degreesOfFreedom, p: strategies.chiSquare.p, cramersV: strategies.chiSquare.cramersV },
    })),
    dialogueStatistics: statistics,
  });
}

/** RQ2 under both modes: how well the traits survive generation and re-extraction in each mode, side by side. */
export function compareRq2Modes(outputs: Record<Mode, Rq2Analysis>): AnalysisOutput {
  const simulated = MODES.some((mode) => outputs[mode].simulated);
  const survival = compareModeSurvival(outputs.omniscient.run.originalScores, {
    omniscient: outputs.omniscient.run.persona.scores,
    "role-play": outputs["role-play"].run.persona.scores,
  });
  return both("rq2", outputs, [modeSurvivalTable(survival, { simulated })], [], { survival });
}
