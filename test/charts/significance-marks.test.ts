// The RQ2 figures' per-domain marks: Wilcoxon signed-rank (lib/stats) per domain, Holm-adjusted (lib/stats/adjust).
// Reference values, printed once: p-values with scipy 1.17.1 (python3), which handles the tied differences of the
// second domain by permutation as lib/stats does; the adjustment with statsmodels 0.13.5 (Debian's /usr/bin/python3):
//   from scipy.stats import wilcoxon
//   ps = [wilcoxon(e, o, zero_method="wilcox", correction=True, method="auto").pvalue for o, e in zip(ORIGINAL, EXTRACTED)]
//   # [0.001953125, 0.689453125, 0.001953125]
//   from statsmodels.stats.multitest import multipletests
//   multipletests(ps, method="holm")[1]   # [0.005859375, 0.689453125, 0.005859375]
import assert from "node:assert/strict";
import { it } from "node:test";
import { HEXACO_COLUMNS } from "../../lib/analysis/domains";
import { rq2Consistency } from "../../lib/questions/rq2/rq2-consistency";
import { significanceMark } from "../../lib/charts/index";
import { holm } from "../../lib/stats/adjust";
import { allClose } from "../stats/helpers";

const ORIGINAL = [
  [3.1, 2.4, 3.8, 2.9, 3.3, 2.2, 4.0, 3.6, 2.7, 3.0],
  [2.0, 2.5, 3.1, 2.2, 2.9, 3.4, 2.6, 2.8, 3.0, 2.1],
  [4.1, 3.9, 3.5, 4.4, 3.8, 3.7, 4.2, 3.6, 4.0, 3.9],
];
const EXTRACTED = [
  [3.5, 2.9, 4.1, 3.6, 3.9, 2.8, 4.4, 3.9, 3.3, 3.4],
  [2.1, 2.4, 3.3, 2.0, 3.0, 3.1, 2.8, 2.7, 3.2, 2.2],
  [3.2, 3.0, 2.9, 3.6, 3.1, 2.8, 3.5, 2.7, 3.3, 3.0],
];

it("marks each domain from Holm-adjusted Wilcoxon p-values that match scipy and statsmodels", () => {
  const columns = HEXACO_COLUMNS.slice(0, 3);
  const rows = (values: number[][]) => values[0].map((_, persona) => ({ personaId: `p${persona}`, ...Object.fromEntries(columns.map((column, d) => [column, values[d][persona]])) }));
  const result = rq2Consistency(rows(ORIGINAL), rows(EXTRACTED), { columns, correction: "holm" });
  allClose(result.rows.map((row) => row.p), [0.001953125, 0.689453125, 0.001953125]);
  allClose(result.rows.map((row) => row.adjustedP!), [0.005859375, 0.689453125, 0.005859375]);
  allClose(holm([0.001953125, 0.689453125, 0.001953125]), [0.005859375, 0.689453125, 0.005859375]);
  assert.deepEqual(result.rows.map((row) => significanceMark(row.adjustedP!)), ["**", "ns", "**"]);
  assert.deepEqual(result.rows.map((row) => row.n), [10, 10, 10]);
});
