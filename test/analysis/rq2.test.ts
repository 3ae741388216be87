import { test } from "node:test";
import assert from "node:assert/strict";
import { rq2Consistency } from "../../lib/questions/rq2/rq2-consistency";
import { pcaAblation } from "../../lib/questions/rq2/pca-ablation";
import { rq2Summary } from "../../lib/questions/rq2/rq2-summary";
import { close } from "../stats/helpers";
import { fixture } from "./fixtures";

type Row = Record<string, unknown>;
const data = fixture<{ original: Row[]; extracted: Row[]; without: Row[] }>("consistency.json");

// Expected values: test/fixtures/analysis-stats/expected.py: scipy.stats.wilcoxon(extracted, original,
// zero_method="wilcox", correction=True, method="auto") per column over the 30 paired personas (scipy 1.17.1;
// n = 30 with ties/zeros -> normal approximation); means by numpy; rank-biserial by hand from scipy.stats.rankdata.
// [meanOriginal, meanExtracted, shift, W, p, rankBiserial, zeros]
const EXPECTED: Record<string, number[]> = {
  "HEXACO-60:Extraversion": [3.013333333333334, 2.773333333333333, -0.2399999999999999, 59.0, 0.0010717277533152673, -0.7093596059113301, 2],
  "HEXACO-60:Conscientiousness": [3.043333333333334, 2.9466666666666668, -0.09666666666666664, 139.0, 0.1472339100450261, -0.31527093596059114, 2],
  "HEXACO-60:Emotionality": [2.963333333333333, 3.28, 0.31666666666666665, 8.5, 6.437967137123734e-6, 0.960919540229885, 1],
  "CSI:Preciseness": [3.183333333333333, 3.33, 0.1466666666666666, 100.0, 0.0329188162147055, 0.4708994708994709, 3],
  "CSI:Questioningness": [3.1433333333333335, 3.0933333333333333, -0.04999999999999998, 132.5, 0.42652139149105983, -0.18461538461538463, 5],
  "CSI:Emotionality": [2.613333333333333, 2.613333333333333, 3.700743415417188e-17, 194.0, 0.8463258276448132, 0.04433497536945813, 2],
};

test("RQ2 per-dimension shift and Wilcoxon agree with scipy to 1e-6", () => {
  const result = rq2Consistency(data.original, data.extracted);
  assert.equal(result.paired, 30);
  assert.deepEqual(result.onlyOriginal, ["personahub:only-original"]);
  assert.deepEqual(result.onlyExtracted, ["personahub:only-extracted"]);
  assert.equal(result.rows.length, 12);
  for (const [column, [meanOriginal, meanExtracted, shift, statistic, p, effect, zeros]] of Object.entries(EXPECTED)) {
    const row = result.rows.find((item) => item.column === column)!;
    close(row.meanOriginal, meanOriginal, 1e-6, `${column} mean original`);
    close(row.meanExtracted, meanExtracted, 1e-6, `${column} mean extracted`);
    close(row.meanShift, shift, 1e-6, `${column} shift`);
    close(row.statistic, statistic, 1e-6, `${column} W`);
    close(row.p, p, 1e-6, `${column} p`);
    close(row.effectSize, effect, 1e-6, `${column} effect`);
    assert.equal(row.zeros, zeros, `${column} zeros`);
    assert.equal(row.method, "asymptotic");
  }
});

test("RQ2 refuses duplicated persona ids", () => {
  assert.throws(() => rq2Consistency([...data.original, data.original[0]], data.extracted), /appears twice/);
});

test("RQ2 keeps one condition of a table with one row per persona and condition", () => {
  const extracted = [
    ...data.extracted.map((row) => ({ ...row, condition: "both" })),
    ...data.extracted.map((row) => ({ ...row, condition: "none", "HEXACO-60:Emotionality": 1 })),
  ];
  const result = rq2Consistency(data.original, extracted, { condition: "both" });
  close(result.rows.find((row) => row.column === "HEXACO-60:Emotionality")!.p, 6.437967137123734e-6);
  assert.throws(() => rq2Consistency(data.original, extracted), /condition option/);
});

// Expected values: expected.py: numpy.linalg.svd of the pooled, centred six HEXACO columns (with rows first),
// projections Z @ Vt[:2].T; spread by numpy.cov (ddof=1) trace / det and the mean norm to the centroid.
test("PCA ablation agrees with numpy SVD: explained variance, projections (up to sign), spread", () => {
  const result = pcaAblation(data.extracted, data.without);
  [0.26373962569811726, 0.26300831082764675, 0.1530845444851522, 0.12904747121146978, 0.11681637590104897, 0.07430367187656502].forEach(
    (value, index) => close(result.explainedVarianceRatio[index], value, 1e-6, `ratio ${index}`),
  );
  close(Math.abs(result.points[0].x), 0.023615885621982045);
  close(Math.abs(result.points[0].y), 0.26476833591629684);
  assert.equal(result.points[0].condition, "with persona");
  const [withPersona, withoutPersona] = result.spread;
  assert.equal(withPersona.projected.n, 31);
  close(withPersona.projected.meanDistanceToCentroid, 1.5437970819332807);
  close(withPersona.projected.totalVariance, 2.7816946739920665);
  close(withPersona.projected.generalizedVariance, 1.9317853750187524);
  close(withPersona.full.totalVariance, 5.101075268817205);
  assert.equal(withoutPersona.projected.n, 25);
  close(withoutPersona.projected.meanDistanceToCentroid, 0.31573302540611914);
  close(withoutPersona.projected.totalVariance, 0.1378691970692148);
  close(withoutPersona.projected.generalizedVariance, 0.004038729216346697);
  close(withoutPersona.full.totalVariance, 0.42546666666666666);
});

test("PCA ablation leaves out and counts rows with a missing score", () => {
  const gappy = data.without.map((row, index) => (index < 2 ? { ...row, "HEXACO-60:Emotionality": null } : row));
  const result = pcaAblation(data.extracted, gappy);
  assert.equal(result.incomplete["without persona"], 2);
  assert.equal(result.spread[1].projected.n, 23);
});

test("RQ2 summary JSON holds shift and p per dimension and the spread per condition", () => {
  const summary = JSON.parse(JSON.stringify(rq2Summary(rq2Consistency(data.original, data.extracted), pcaAblation(data.extracted, data.without))));
  assert.equal(summary.dimensions.length, 12);
  assert.ok("meanShift" in summary.dimensions[0] && "p" in summary.dimensions[0]);
  assert.equal(summary.pca.spread.length, 2);
  assert.ok(summary.pca.spread[0].meanDistanceToCentroid > summary.pca.spread[1].meanDistanceToCentroid);
});
