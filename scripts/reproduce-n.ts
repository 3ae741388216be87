// How many personas per dataset `npm run reproduce` needs so that the simulator's designed alignment shows:
// the probability that all six paired CSI domains have the largest |r| of their HEXACO row, on all three datasets,
// computed from the simulator's expected domain-score correlations (expectedScoreCorrelation: Monte Carlo of the
// answers exactly as the simulator samples them), not from one seed's lucky run. Samples of N personas are drawn
// from a multivariate normal with that correlation matrix (scores are means of 10-16 items on a 1-5 scale, close
// enough to normal for the sample correlation's spread), 4,000 samples per N.
//   node --import tsx scripts/reproduce-n.ts
import { isAligned } from "../lib/analysis/aligned";
import { PAIRED_CSI_DOMAIN } from "../lib/analysis/domains";
import { createRandom } from "../lib/random";
import { expectedScoreCorrelation } from "../lib/sim/expected-correlation";
import { cholesky, correlationOfColumns, multiplyLower } from "../lib/sim/linear-algebra";
import { CSI_DOMAINS, DEFAULT_SIM_TRUTH, HEXACO_DOMAINS } from "../lib/sim/sim-truth";

const DATASETS = 3;
const SAMPLES = 4000;
const expected = expectedScoreCorrelation(DEFAULT_SIM_TRUTH);
const lower = cholesky(expected);
const random = createRandom("reproduce-n");
const paired = HEXACO_DOMAINS.map((domain) => CSI_DOMAINS.indexOf(PAIRED_CSI_DOMAIN[domain] as (typeof CSI_DOMAINS)[number]));

function allAligned(n: number): boolean {
  const rows = Array.from({ length: n }, () => multiplyLower(lower, expected.map(() => random.normal())));
  const r = correlationOfColumns(rows);
  return HEXACO_DOMAINS.every((_, row) => isAligned(CSI_DOMAINS.map((__, column) => r[row][HEXACO_DOMAINS.length + column]), paired[row]));
}

for (const n of [20, 40, 60, 80, 90, 100, 120]) {
  let hits = 0;
  for (let sample = 0; sample < SAMPLES; sample++) if (allAligned(n)) hits++;
  const one = hits / SAMPLES;
  console.log(`N = ${n}: all six pairs aligned on one dataset ${(one * 100).toFixed(1)}%, on all ${DATASETS} ${(one ** DATASETS * 100).toFixed(1)}%`);
}
