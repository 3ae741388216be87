import { CSI_COLUMNS, HEXACO_COLUMNS, domainOf, inventoryOf } from "../../analysis/domains";
import { dialogueStatistics, type DialogueStatistics } from "../../analysis/dialogue-statistics";
import { rowsOf, scoreValue, type Row } from "../../analysis/rows";
import { rq3Strategies, type StrategyResult } from "../rq3/rq3-strategies";
import { conditionLabel } from "../../analysis/turns";
import { wilcoxonSignedRank } from "../../stats/wilcoxon";
import type { BootstrapOptions } from "../../stats/bootstrap";

/** The two ways of generating a dialogue, in the order the comparison shows them. */
export const MODES = ["omniscient", "role-play"] as const;
export type Mode = (typeof MODES)[number];

export interface ModeStrategyComparison {
  /** The RQ3 trait condition both modes were run under (both, none, hexaco, csi). */
  condition: string;
  /** rq3Strategies with the modes as its conditions: shares with bootstrap CIs, chi-square, residuals. */
  strategies: StrategyResult;
}

/**
 * RQ3 under both modes: per trait condition, the strategy distribution of omniscient vs role-play dialogues
 * (chi-square of mode x strategy with adjusted standardized residuals, bootstrap CIs over dialogues).
 */
export function compareModeStrategies(turnsByMode: Readonly<Record<Mode, unknown>>, options: BootstrapOptions & { strategyField?: string } = {}): ModeStrategyComparison[] {
  const rows: Array<Row & { mode: Mode }> = MODES.flatMap((mode) => rowsOf<Row>(turnsByMode[mode], `${mode} turn rows`).map((row) => ({ ...row, mode })));
  // Only the trait conditions both modes were run under can be set side by side.
  const conditions = [...new Set(rows.map((row) => String(row.condition)))].filter((condition) =>
    MODES.every((mode) => rows.some((row) => row.mode === mode && row.condition === condition)),
  );
  return conditions.map((condition) => ({
    condition,
    strategies: rq3Strategies(
      rows.filter((row) => row.condition === condition).map((row) => ({ ...row, condition: row.mode })),
      { ...options, conditions: MODES.filter((mode) => rows.some((row) => row.mode === mode && row.condition === condition)) },
    ),
  }));
}

/** Table 16's measures per mode and trait condition ("role-play, w/ PT"). */
export function compareModeDialogueStatistics(turnsByMode: Readonly<Record<Mode, unknown>>): DialogueStatistics[] {
  return MODES.flatMap((mode) =>
    dialogueStatistics(rowsOf<Row>(turnsByMode[mode], `${mode} turn rows`).map((row) => ({ ...row, condition: `${mode}, ${conditionLabel(String(row.condition))}` }))),
  );
}

export interface ModeSurvivalRow {
  inventory: string;
  domain: string;
  /** Personas with an original score and a re-extracted score under both modes. */
  personas: number;
  /** Mean of re-extracted minus original, per mode. */
  omniscientShift: number;
  rolePlayShift: number;
  /** Mean absolute change per mode: how far the traits drift when they go through a dialogue and back. */
  omniscientAbsoluteChange: number;
  rolePlayAbsoluteChange: number;
  /** Wilcoxon signed-rank of |change| role-play vs omniscient, paired by persona (two-sided). */
  p: number;
  rankBiserial: number;
}

/**
 * RQ2 under both modes: does a persona's trait profile survive generation and re-extraction better when the dialogue
 * is written by one omniscient call or by two agents with distinct information? Per domain, the mean shift and the
 * mean absolute change of each mode, and a paired Wilcoxon test of the absolute changes (same personas).
 */
export function compareModeSurvival(originalRows: unknown, extractedByMode: Readonly<Record<Mode, unknown>>): ModeSurvivalRow[] {
  const byId = (rows: unknown, what: string) => new Map(rowsOf<Row>(rows, what).map((row) => [String(row.personaId), row]));
  const original = byId(originalRows, "original scores");
  const omniscient = byId(extractedByMode.omniscient, "omniscient re-extracted scores");
  const rolePlay = byId(extractedByMode["role-play"], "role-play re-extracted scores");
  const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN);
  return [...HEXACO_COLUMNS, ...CSI_COLUMNS].map((column) => {
    const changes: Array<{ omniscient: number; rolePlay: number }> = [];
    for (const [id, row] of original) {
      const start = scoreValue(row, column, 0);
      const a = omniscient.get(id);
      const b = rolePlay.get(id);
      if (start === null || !a || !b) continue;
      const afterA = scoreValue(a, column, 0);
      const afterB = scoreValue(b, column, 0);
      if (afterA === null || afterB === null) continue;
      changes.push({ omniscient: afterA - start, rolePlay: afterB - start });
    }
    const test = wilcoxonSignedRank(changes.map((change) => Math.abs(change.rolePlay)), changes.map((change) => Math.abs(change.omniscient)));
    return {
      inventory: inventoryOf(column),
      domain: domainOf(column),
      personas: changes.length,
      omniscientShift: mean(changes.map((change) => change.omniscient)),
      rolePlayShift: mean(changes.map((change) => change.rolePlay)),
      omniscientAbsoluteChange: mean(changes.map((change) => Math.abs(change.omniscient))),
      rolePlayAbsoluteChange: mean(changes.map((change) => Math.abs(change.rolePlay))),
      p: test.p,
      rankBiserial: test.rankBiserial,
    };
  });
}
