import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { outcomeOfAnswer, type Outcome } from "../../lib/annotate/criteria";
import { normalizeAnnotatorName } from "../../lib/annotate/annotator-name";
import { defaultProtocol, writeProtocol } from "../../lib/annotate/protocol";
import { spreadsheetSafe } from "../../lib/annotate/spreadsheet-safe";
import { createStudy } from "../../lib/annotate/study-file";
import { openStudyStore } from "../../lib/annotate/study-store";
import { JUDGE_CRITERIA } from "../../lib/prompts/parse-judgement";
import { annotateCli } from "./cli-runner";
import { writeRq3Fixture } from "./study-fixture";

const work = mkdtempSync(join(tmpdir(), "annotate-exclusions-"));
after(() => rmSync(work, { recursive: true, force: true }));

const cli = annotateCli;

// Three careful annotators whose outcomes are the matrix below (items in pair-id order), one who rushes and
// one who fails the attention check; the last two answer the opposite of everyone, so counting them would
// change every figure.
// Reference values for the kept annotators (/usr/bin/python3, numpy 1.24.2, statsmodels 0.13.5; the script of
// test/annotate/agreement.test.ts: ordinal alpha from the coincidence matrix, and
// statsmodels.stats.inter_rater.fleiss_kappa(table, method="fleiss")):
//   data = [[3,3,2],[1,1,1],[2,3,3],[3,3,3],[1,2,1],[2,2,3],[3,1,3],[1,1,2]] -> alpha 0.5103753306878307, kappa 0.23404255319148937
const DATA = [[3, 3, 2], [1, 1, 1], [2, 3, 3], [3, 3, 3], [1, 2, 1], [2, 2, 3], [3, 1, 3], [1, 1, 2]];
const CODES: Outcome[] = ["loss", "tie", "win"];

function answerFor(outcome: Outcome, swapped: boolean) {
  return (["left", "tie", "right"] as const).find((answer) => outcomeOfAnswer(answer, swapped) === outcome)!;
}

test("results exclude who fails an attention check or rushes, say who and why, and agreement matches the reference", async () => {
  const directory = join(work, "study");
  const { study } = createStudy({ from: writeRq3Fixture(join(work, "rq3"), 8), pairs: 8, practice: 0, seed: 3, out: directory });
  writeProtocol(directory, { ...defaultProtocol(), attention: { ...defaultProtocol().attention, degraded: 1 }, exclusion: { maxFailedChecks: 0, minMedianSecondsPerItem: 5 } });
  const order = study.pairs.map((pair) => pair.pairId).sort();
  const store = openStudyStore(directory, study);
  const names = ["Careful-A", "Careful-B", "Careful-C", "=HYPERLINK(\"http://x\")", "Careless"];
  for (const [who, name] of names.entries()) {
    store.invite(name);
    for (const entry of store.planOf(name)) {
      for (const criterion of JUDGE_CRITERIA) {
        let outcome: Outcome;
        if (entry.kind === "attention") outcome = name === "Careless" ? "loss" : "win";
        else if (who < 3) outcome = CODES[DATA[order.indexOf(entry.pairId)][who] - 1];
        else outcome = CODES[3 - DATA[order.indexOf(entry.pairId)][0]];
        // The rusher spends 0.4 s a pair, everyone else 20 s.
        store.save(name, entry.pairId, criterion, answerFor(outcome, entry.swapped), { ms: name.startsWith("=") ? 80 : 4000 });
      }
    }
  }
  store.close();

  const out = join(work, "results");
  const run = await cli("results", "--study", directory, "--out", out, "--resamples", "200");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /120 judgements by 3 annotator\(s\) on 8 pairs \(2 annotator\(s\) excluded\)/);
  assert.match(run.stdout, /excluded careless: failed 1 of 1 attention checks \(allowed 0\)/);
  assert.match(run.stdout, /excluded =hyperlink\("http:\/\/x"\): median 0\.4 s per pair, under 5 s/);
  for (const criterion of JUDGE_CRITERIA) assert.match(run.stdout, new RegExp(`${criterion}: alpha 0\\.510 \\[-?[0-9.]+, [0-9.]+\\], Fleiss kappa 0\\.234 \\[-?[0-9.]+, [0-9.]+\\] \\(8 pairs\\)`));
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  for (const row of summary.agreement) {
    assert.ok(Math.abs(row.alpha - 0.5103753306878307) < 1e-12, `alpha ${row.alpha}`);
    assert.ok(Math.abs(row.fleissKappa - 0.23404255319148937) < 1e-12, `kappa ${row.fleissKappa}`);
    assert.ok(row.alphaInterval.low < row.alpha && row.alpha < row.alphaInterval.high);
  }
  assert.deepEqual(
    summary.exclusions.map((row: { annotator: string; excluded: boolean }) => [row.annotator, row.excluded]),
    [["=hyperlink(\"http://x\")", true], ["careful-a", false], ["careful-b", false], ["careful-c", false], ["careless", true]],
  );
  assert.deepEqual(summary.protocol.exclusion, { maxFailedChecks: 0, minMedianSecondsPerItem: 5 });
  assert.match(summary.protocol.sha256, /^[0-9a-f]{64}$/);
  const table = readFileSync(join(out, "annotate-exclusions.md"), "utf8");
  assert.match(table, /careless .*excluded .*failed 1 of 1 attention checks/);
  // judgements.csv: the formula-looking name is quoted for spreadsheets, and every row says whether it counted.
  const csv = readFileSync(join(out, "judgements.csv"), "utf8");
  assert.ok(csv.includes(`"'=hyperlink(""http://x"")"`), csv.slice(0, 400));
  assert.ok(!/(^|\r\n)=/.test(csv));
  assert.match(csv.split("\r\n")[0], /annotator,kind,pairId,criterion,answer,swapped,outcome,expected,position,ms,savedAt,excluded/);
});

test("names are one identity however they are typed; formula-looking cells are defused", () => {
  assert.equal(normalizeAnnotatorName("  Alice "), "alice");
  assert.equal(normalizeAnnotatorName("ALICE"), "alice");
  assert.equal(normalizeAnnotatorName("Al\u200Bice"), "alice");
  assert.equal(normalizeAnnotatorName("\uFF21lice"), "alice");
  assert.equal(normalizeAnnotatorName("A\u00ADlice\uFEFF"), "alice");
  assert.equal(normalizeAnnotatorName("Stra\u00DFe"), normalizeAnnotatorName("STRASSE"));
  for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) assert.equal(spreadsheetSafe(cell), `'${cell}`);
  assert.equal(spreadsheetSafe("alice"), "alice");
  assert.equal(spreadsheetSafe(-1), -1);
});
