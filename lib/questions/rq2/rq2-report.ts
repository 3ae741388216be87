import { pcaAblation, type PcaAblationResult } from "./pca-ablation";
import { rq2Consistency, type ConsistencyResult } from "./rq2-consistency";
import { rq2Summary } from "./rq2-summary";
import type { Correction } from "../../stats/adjust";
import { consistencyTable, pcaSpreadTable } from "./consistency-tables";
import type { Table } from "../../tables/table";

// RQ2's report: rows in, results + every paper-style table + the summary JSON out (pure).

export interface Rq2ReportOptions {
  /** Scores of personas re-extracted from dialogues generated WITHOUT a persona (the Section 5.3 ablation). */
  withoutRows?: unknown;
  correction?: Correction;
  /** Keep only rows of this condition (see rq2Consistency). */
  condition?: string;
  standardize?: boolean;
  simulated?: boolean;
}

/** RQ2: per-dimension consistency table and, with `withoutRows`, the PCA ablation (spread per condition). */
export function rq2Report(originalRows: unknown, extractedRows: unknown, options: Rq2ReportOptions = {}) {
  const consistency: ConsistencyResult = rq2Consistency(originalRows, extractedRows, {
    correction: options.correction,
    condition: options.condition,
  });
  const ablation: PcaAblationResult | undefined =
    options.withoutRows !== undefined ? pcaAblation(extractedRows, options.withoutRows, { standardize: options.standardize }) : undefined;
  const tables: Table[] = [consistencyTable(consistency, { simulated: options.simulated })];
  if (ablation) tables.push(pcaSpreadTable(ablation, { simulated: options.simulated }));
  return { consistency, ablation, tables, summary: rq2Summary(consistency, ablation, { simulated: options.simulated }) };
}
