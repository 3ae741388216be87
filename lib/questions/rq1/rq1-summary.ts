import type { CorrelationMatrix } from "../../stats/correlation-matrix";
import { finiteOrNull } from "../../stats/finite-or-null";
import { alignmentCheck, type Rq1Group } from "../../analysis/rq1-correlations";

// The key numbers of RQ1 as plain JSON (for `summary.json` of the analyze command).
// NaN (an undefined statistic) becomes null through JSON.stringify, the usual JSON convention.

function matrixSummary(matrix: CorrelationMatrix) {
  const pick = (field: "r" | "p" | "low" | "high" | "n" | "adjustedP") =>
    matrix.cells.map((row) => row.map((cell) => finiteOrNull((cell[field] as number | undefined) ?? Number.NaN)));
  return {
    rows: matrix.rowVariables,
    columns: matrix.columnVariables,
    correction: matrix.correction,
    r: pick("r"),
    p: pick("p"),
    ...(matrix.correction !== "none" ? { adjustedP: pick("adjustedP") } : {}),
    low: pick("low"),
    high: pick("high"),
    n: pick("n"),
  };
}

/** RQ1: the correlation matrix and the alignment check per row, for each dataset/model group. */
export function rq1Summary(groups: readonly Rq1Group[] | CorrelationMatrix, options: { simulated?: boolean } = {}) {
  const list: Rq1Group[] = Array.isArray(groups)
    ? [...groups]
    : [{ group: {}, label: "all", personas: Number.NaN, matrix: groups as CorrelationMatrix, alignment: alignmentCheck(groups as CorrelationMatrix) }];
  return {
    question: "rq1",
    simulated: options.simulated ?? false,
    groups: list.map((group) => ({
      group: group.group,
      label: group.label,
      personas: finiteOrNull(group.personas),
      matrix: matrixSummary(group.matrix),
      alignment: group.alignment.map((row) => ({
        hexaco: row.hexacoColumn,
        paired: row.pairedColumn ?? null,
        pairedR: finiteOrNull(row.pairedR),
        strongest: row.strongestColumn ?? null,
        strongestR: finiteOrNull(row.strongestR),
        aligned: row.aligned,
      })),
      allAligned: group.alignment.every((row) => row.aligned),
    })),
  };
}
