import assert from "node:assert/strict";
import { test } from "node:test";
import { annotatorAgreement, bootstrapIndices, modalRaterCount, type RatedJudgement } from "../../lib/annotate/agreement";
import { outcomeOfAnswer } from "../../lib/annotate/criteria";
import { fleissKappa } from "../../lib/annotate/fleiss-kappa";
import { krippendorffAlpha } from "../../lib/annotate/krippendorff-alpha";
import { humanLlmAgreement, majorityOutcome } from "../../lib/annotate/llm-agreement";

const close = (actual: number, expected: number, tolerance = 1e-9) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);
const n = null;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: 4 observers, 12 units, missing
// values. Published: nominal .743, ordinal .815, interval .849, ratio .797. The same matrix is a doctest of the
// independent Python package `krippendorff` (0.815 ordinal, 0.797 ratio, 0.743 nominal).
const KRIPPENDORFF_2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
  [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
];
const byUnit = (coders: readonly (readonly (number | null)[])[]) => coders[0].map((_, unit) => coders.map((coder) => coder[unit]));

test("Krippendorff's alpha reproduces Krippendorff's own worked example at every level", () => {
  const units = byUnit(KRIPPENDORFF_2011);
  const nominal = krippendorffAlpha(units, "nominal");
  assert.equal(nominal.alpha.toFixed(3), "0.743");
  // Section E gives the coincidence totals: n = 40 pairable values in 11 pairable units (unit 12 has one value).
  assert.equal(nominal.pairable, 40);
  assert.equal(nominal.units, 11);
  assert.equal(krippendorffAlpha(units, "ordinal").alpha.toFixed(3), "0.815");
  assert.equal(krippendorffAlpha(units, "interval").alpha.toFixed(3), "0.849");
  assert.equal(krippendorffAlpha(units, "ratio").alpha.toFixed(3), "0.797");
});

test("Krippendorff's alpha matches the krippendorff package's Wikipedia example (3 coders, 15 units, many missing)", () => {
  // Doctest of the `krippendorff` Python package: nominal 0.691358, interval 0.810845.
  const coders = [
    [n, n, n, n, n, 3, 4, 1, 2, 1, 1, 3, 3, n, 3],
    [1, n, 2, 1, 3, 3, 4, 3, n, n, n, n, n, n, n],
    [n, n, 2, 1, 3, 4, 4, n, 2, 1, 1, 3, 3, n, 4],
  ];
  assert.equal(krippendorffAlpha(byUnit(coders), "nominal").alpha.toFixed(6), "0.691358");
  assert.equal(krippendorffAlpha(byUnit(coders), "interval").alpha.toFixed(6), "0.810845");
});

test("Krippendorff's alpha on loss/tie/win codes with unequal numbers of annotators matches a NumPy reference", () => {
  // Reference (/usr/bin/python3, numpy 1.24), the coincidence-matrix formulation of the krippendorff package:
  //   counts = (data.T[..., None] == domain).sum(1); keep units with >= 2 values
  //   o = sum((outer(c, c) - diag(c)) / (m_u - 1)); nv = o.sum(0); e = (outer(nv, nv) - diag(nv)) / (nv.sum() - 1)
  //   d_ordinal[i, j] = (nv[min:max+1].sum() - (nv[i] + nv[j]) / 2) ** 2; alpha = 1 - (o * d).sum() / (e * d).sum()
  // study = [[3,2,1,3,2,3,nan,1],[3,2,2,3,nan,3,2,1],[2,2,1,nan,2,3,3,nan]]
  // -> nominal 0.5546875, ordinal 0.7295138888888889, interval 0.7455357142857142
  const study = [
    [3, 2, 1, 3, 2, 3, n, 1],
    [3, 2, 2, 3, n, 3, 2, 1],
    [2, 2, 1, n, 2, 3, 3, n],
  ];
  close(krippendorffAlpha(byUnit(study), "nominal").alpha, 0.5546875);
  close(krippendorffAlpha(byUnit(study), "ordinal").alpha, 0.7295138888888889);
  close(krippendorffAlpha(byUnit(study), "interval").alpha, 0.7455357142857142);
});

test("Krippendorff's alpha is NaN without pairable values or without variation", () => {
  assert.ok(Number.isNaN(krippendorffAlpha([[1, n], [n, 2]], "ordinal").alpha));
  assert.ok(Number.isNaN(krippendorffAlpha([[2, 2], [2, 2, 2]], "ordinal").alpha));
});

test("Fleiss' kappa matches statsmodels", () => {
  // Reference: statsmodels 0.13.5 (Debian python3-statsmodels), statsmodels.stats.inter_rater.fleiss_kappa(table, method="fleiss")
  //   Fleiss (1971) / Wikipedia table (10 subjects, 14 raters, 5 categories) -> 0.20993070442195522
  //   [[3,0,0],[0,3,0],[1,1,1],[0,1,2],[2,1,0],[0,0,3],[1,2,0]] -> 0.3527397260273973
  const wikipedia = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]];
  close(fleissKappa(wikipedia).kappa, 0.20993070442195522);
  close(fleissKappa([[3, 0, 0], [0, 3, 0], [1, 1, 1], [0, 1, 2], [2, 1, 0], [0, 0, 3], [1, 2, 0]]).kappa, 0.3527397260273973);
  assert.throws(() => fleissKappa([[2, 0], [1, 2]]), /same number of ratings/);
});

test("answers on screen map back to outcomes through the placement", () => {
  assert.equal(outcomeOfAnswer("left", false), "win");
  assert.equal(outcomeOfAnswer("right", false), "loss");
  assert.equal(outcomeOfAnswer("left", true), "loss");
  assert.equal(outcomeOfAnswer("right", true), "win");
  assert.equal(outcomeOfAnswer("tie", true), "tie");
});

test("agreement per criterion: alpha on every item, Fleiss on the modal number of judgements, seeded bootstrap", () => {
  assert.equal(modalRaterCount([3, 3, 2, 3, 2, 1]), 3);
  assert.equal(modalRaterCount([2, 3, 2, 3]), 3);
  const codes = ["loss", "tie", "win"] as const;
  const study = [
    [3, 2, 1, 3, 2, 3, n, 1],
    [3, 2, 2, 3, n, 3, 2, 1],
    [2, 2, 1, n, 2, 3, 3, n],
  ];
  const judgements: RatedJudgement[] = study.flatMap((coder, index) =>
    coder.flatMap((value, unit) => (value === null ? [] : [{ annotator: `a${index}`, pairId: `p${unit}`, criterion: "Overall" as const, outcome: codes[value - 1] }])),
  );
  const [overall] = annotatorAgreement(judgements, { resamples: 200, seed: 3 }).filter((row) => row.criterion === "Overall");
  close(overall.alpha, 0.7295138888888889);
  assert.equal(overall.items, 8);
  assert.equal(overall.fleissRaters, 3);
  // Units 0, 1, 2 and 5 have three judgements, the other four have two: Fleiss uses the four with three.
  assert.equal(overall.fleissItems, 4);
  assert.equal(overall.fleissExcluded, 4);
  // statsmodels fleiss_kappa([[0,1,2],[0,3,0],[2,1,0],[0,0,3]], method="fleiss") (loss, tie, win counts)
  close(overall.fleissKappa, 0.4666666666666666);
  assert.ok(overall.alphaInterval.low <= overall.alpha && overall.alpha <= overall.alphaInterval.high);
  assert.deepEqual(annotatorAgreement(judgements, { resamples: 200, seed: 3 }), annotatorAgreement(judgements, { resamples: 200, seed: 3 }));
});

test("human vs LLM: kappa against the human majority, tied votes left out", () => {
  assert.equal(majorityOutcome(["win", "win", "tie"]), "win");
  assert.equal(majorityOutcome(["win", "tie"]), undefined);
  const human: RatedJudgement[] = [
    { annotator: "a", pairId: "p1", criterion: "Overall", outcome: "win" },
    { annotator: "b", pairId: "p1", criterion: "Overall", outcome: "win" },
    { annotator: "a", pairId: "p2", criterion: "Overall", outcome: "loss" },
    { annotator: "b", pairId: "p2", criterion: "Overall", outcome: "loss" },
    { annotator: "a", pairId: "p3", criterion: "Overall", outcome: "win" },
    { annotator: "b", pairId: "p3", criterion: "Overall", outcome: "tie" },
  ];
  const llm = [
    { pairId: "p1", criterion: "Overall" as const, outcome: "win" as const, judge: "sim:sim" },
    { pairId: "p2", criterion: "Overall" as const, outcome: "win" as const, judge: "sim:sim" },
    { pairId: "p3", criterion: "Overall" as const, outcome: "win" as const, judge: "sim:sim" },
  ];
  const [overall] = humanLlmAgreement(human, llm).filter((row) => row.criterion === "Overall");
  assert.equal(overall.pairs, 2);
  assert.equal(overall.tiedVotes, 1);
  assert.equal(overall.majorityAgreement, 0.5);
  assert.equal(overall.judgementAgreement, 3 / 6);
  // LLM [win, win] vs human [win, loss]: p_o = .5, p_e = 1 * .5 = .5 -> kappa 0
  assert.equal(overall.kappa, 0);
});

test("bootstrap CIs of alpha and kappa equal a NumPy/statsmodels reference on the same resample indices", () => {
  // Reference (/usr/bin/python3, numpy 1.24.2, statsmodels 0.13.5): the ordinal alpha of the test above (coincidence
  // matrix, numpy) and statsmodels.stats.inter_rater.fleiss_kappa(table, method="fleiss") on each resample
  // data[r] of the items below, then numpy.percentile(values, [2.5, 97.5]) (type 7, like lib/stats quantile):
  //   full data: alpha 0.5103753306878307, kappa 0.23404255319148937
  //   alpha CI [0.28505032889224075, 0.6890217840608466], kappa CI [0.09831045705391248, 0.3553191489361701]
  const data = [[3, 3, 2], [1, 1, 1], [2, 3, 3], [3, 3, 3], [1, 2, 1], [2, 2, 3], [3, 1, 3], [1, 1, 2]];
  const resamples = [[0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 3, 5, 7, 0, 2, 2], [4, 4, 6, 0, 1, 3, 3, 7], [7, 6, 5, 4, 3, 2, 1, 0], [0, 0, 1, 2, 6, 6, 7, 5], [2, 3, 4, 4, 5, 6, 7, 1], [5, 1, 0, 7, 2, 6, 3, 3], [6, 2, 2, 1, 0, 4, 5, 7], [3, 7, 1, 1, 4, 0, 6, 2], [0, 5, 5, 2, 7, 3, 1, 6]];
  const codes = ["loss", "tie", "win"] as const;
  const judgements: RatedJudgement[] = data.flatMap((values, item) => values.map((value, coder) => ({ annotator: `a${coder}`, pairId: `p${item}`, criterion: "Comforting" as const, outcome: codes[value - 1] })));
  const [row] = annotatorAgreement(judgements, { resampleIndices: () => resamples }).filter((entry) => entry.criterion === "Comforting");
  close(row.alpha, 0.5103753306878307);
  close(row.fleissKappa, 0.23404255319148937);
  close(row.alphaInterval.low, 0.28505032889224075);
  close(row.alphaInterval.high, 0.6890217840608466);
  close(row.fleissInterval.low, 0.09831045705391248);
  close(row.fleissInterval.high, 0.3553191489361701);
  // The seeded default draws the same stream as lib/stats/bootstrap (mulberry32 from the seed).
  assert.deepEqual(bootstrapIndices(3, 2, 7), bootstrapIndices(3, 2, 7));
  assert.notDeepEqual(bootstrapIndices(8, 3, 7), bootstrapIndices(8, 3, 8));
});
