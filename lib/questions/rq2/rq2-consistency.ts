import { DataError } from "../../errors";
import { adjustPValues, type Correction } from "../../stats/adjust";
import { mean } from "../../stats/descriptive";
import { wilcoxonSignedRank, type WilcoxonMethod } from "../../stats/wilcoxon";
import { CSI_COLUMNS, HEXACO_COLUMNS, domainOf, inventoryOf } from "../../analysis/domains";
import { rowsOf, scoreValue, type Row } from "../../analysis/rows";

export interface ConsistencyRow {
  column: string;
  inventory: string;
  domain: string;
  /** Personas with both scores on this dimension. */
  n: number;
  meanOriginal: number;
  meanExtracted: number;
  /** meanExtracted - meanOriginal (= mean of the paired differences). */
  meanShift: number;
  /** Wilcoxon signed-rank statistic min(R+, R-) of extracted - original. */
  statistic: number;
  p: number;
  adjustedP?: number;
  /** Matched-pairs rank-biserial r of extracted - original: positive when re-extracted scores are higher. */
  effectSize: number;
  method: string;
  zeros: number;
}

export interface ConsistencyResult {
  rows: ConsistencyRow[];
  /** Personas present in both tables. */
  paired: number;
  /** personaIds found in only one of the two tables (reported, not analysed). */
  onlyOriginal: string[];
  onlyExtracted: string[];
  correction: Correction;
}

export interface Rq2Options {
  /** Dimensions compared; all HEXACO-60 then all CSI columns unless given. */
  columns?: readonly string[];
  correction?: Correction;
  /** Wilcoxon p-value method (see wilcoxonSignedRank); "auto" unless given. */
  method?: WilcoxonMethod;
  /**
   * Keep only rows whose `condition` is this value (rows without a condition are kept), for score tables that
   * hold one row per persona and condition.
   */
  condition?: string;
  /** Continuity correction of the normal approximation; true unless given. */
  continuityCorrection?: boolean;
}

function indexById(rows: readonly Row[], file: string): Map<string, Row> {
  const byId = new Map<string, Row>();
  rows.forEach((row, index) => {
    const id = row.personaId;
    if (typeof id !== "string" || id.length === 0) {
      throw new DataError("every score row needs a personaId", { file, record: index, field: "personaId" });
    }
    if (byId.has(id)) {
      throw new DataError(`personaId "${id}" appears twice (pass the condition option when the table has one row per persona and condition)`, {
        file,
        record: index,
        field: "personaId",
      });
    }
    byId.set(id, row);
  });
  return byId;
}

/**
 * RQ2 (Section 5.2): original persona scores vs the scores of the persona re-extracted from the generated
 * dialogue, paired by personaId; per dimension the mean shift and a paired Wilcoxon signed-rank test.
 */
export function rq2Consistency(originalRows: unknown, extractedRows: unknown, options: Rq2Options = {}): ConsistencyResult {
  const inCondition = (row: Row) =>
    options.condition === undefined || row.condition === undefined || row.condition === null || row.condition === options.condition;
  const original = indexById(rowsOf<Row>(originalRows, "original score rows").filter(inCondition), "original score rows");
  const extracted = indexById(rowsOf<Row>(extractedRows, "extracted score rows").filter(inCondition), "extracted score rows");
  const ids = [...original.keys()].filter((id) => extracted.has(id));
  const columns = options.columns ?? [...HEXACO_COLUMNS, ...CSI_COLUMNS];
  const correction = options.correction ?? "none";
  const rows: ConsistencyRow[] = columns.map((column) => {
    const before = ids.map((id, index) => scoreValue(original.get(id)!, column, index, "original score rows"));
    const after = ids.map((id, index) => scoreValue(extracted.get(id)!, column, index, "extracted score rows"));
    const test = wilcoxonSignedRank(after, before, {
      method: options.method,
      correction: options.continuityCorrection,
    });
    const complete = before
      .map((value, index) => [value, after[index]] as const)
      .filter(([a, b]) => a !== null && b !== null) as [number, number][];
    return {
      column,
      inventory: inventoryOf(column),
      domain: domainOf(column),
      n: complete.length,
      meanOriginal: mean(complete.map(([a]) => a)),
      meanExtracted: mean(complete.map(([, b]) => b)),
      meanShift: test.meanDifference,
      statistic: test.statistic,
      p: test.p,
      effectSize: test.rankBiserial,
      method: test.method,
      zeros: test.zeros,
    };
  });
  // One family per inventory (its domains): the family each score-comparison figure marks, so a table and its
  // figures mark the same p.
  if (correction !== "none") {
    for (const inventory of new Set(rows.map((row) => row.inventory))) {
      const family = rows.filter((row) => row.inventory === inventory);
      const adjusted = adjustPValues(
        family.map((row) => row.p),
        correction,
      );
      family.forEach((row, index) => (row.adjustedP = adjusted[index]));
    }
  }
  return {
    rows,
    paired: ids.length,
    onlyOriginal: [...original.keys()].filter((id) => !extracted.has(id)),
    onlyExtracted: [...extracted.keys()].filter((id) => !original.has(id)),
    correction,
  };
}
