import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { dialogueLines, judgementLines, parseDialogueLines, parseJudgementLines } from "../../lib/reports/dialogue-lines";
import { pairsOfLines } from "../../lib/annotate/study-file";
import type { DialogueRow } from "../../lib/pipeline/dialogue-rows";
import { pairDialogues } from "../../lib/pipeline/stages/judge-pair";
import { writeAnalysis } from "../../lib/reports/write-analysis";

function dialogue(source: string, condition: string, status: "ok" | "failed" = "ok"): DialogueRow {
  return {
    stage: "continueDialogue",
    status,
    error: null,
    raw: null,
    promptId: "continue",
    promptVersion: "1",
    promptHash: "hash",
    provider: "sim",
    model: "sim-test",
    repaired: false,
    cached: false,
    simulated: true,
    dialogueId: `${source}/${condition}`,
    personaId: source,
    condition,
    sourceDialogueId: source,
    turns: status === "ok" ? [{ speaker: "seeker", text: `hello from ${condition}` }, { speaker: "supporter", text: "I hear you", strategy: "Question" }] : [],
    unknownStrategies: 0,
    unlabelledSupporterTurns: 0,
  };
}

test("rq3's dialogues.jsonl and judgements.jsonl: written by writeAnalysis, read back, pairs recovered", async () => {
  const rows = [dialogue("s1", "both"), dialogue("s1", "none"), dialogue("s2", "both"), dialogue("s2", "none", "failed"), dialogue("s1", "hexaco")];
  const pairs = pairDialogues(rows.filter((row) => row.condition === "both"), rows.filter((row) => row.condition === "none"));
  const lines = dialogueLines(rows, pairs);
  assert.equal(lines.find((line) => line.dialogueId === "s1/both")?.side, "first");
  assert.equal(lines.find((line) => line.dialogueId === "s1/none")?.side, "second");
  assert.equal(lines.find((line) => line.dialogueId === "s1/hexaco")?.pairId, null);
  const judgements = [{ pairId: pairs[0].pairId, criterion: "Overall" as const, outcome: "win" as const, judge: "sim:sim-test" }];
  const work = mkdtempSync(join(tmpdir(), "annotate-lines-"));
  try {
    await writeAnalysis(
      { question: "rq3", simulated: true, provider: "sim", model: "sim-test", scores: [], tables: [], figures: [], documents: [], summary: {}, jsonLines: [{ name: "dialogues", rows: lines }, { name: "judgements", rows: judgementLines(judgements) }] },
      work,
    );
    const read = parseDialogueLines(readFileSync(join(work, "dialogues.jsonl"), "utf8"));
    assert.deepEqual(read, lines);
    assert.deepEqual(parseJudgementLines(readFileSync(join(work, "judgements.jsonl"), "utf8")), judgements);
    // s2's second side failed: only s1 is a complete pair.
    const complete = pairsOfLines(read);
    assert.deepEqual(complete.map((pair) => [pair.first.dialogueId, pair.second.dialogueId]), [["s1/both", "s1/none"]]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  assert.throws(() => parseDialogueLines('{"dialogueId": "x"}\n', "bad.jsonl"), /bad\.jsonl, record 1/);
  assert.throws(() => parseJudgementLines('{"pairId":"p","criterion":"Empathy","outcome":"win","judge":"j"}', "j.jsonl"), /j\.jsonl, record 1, field "criterion"/);
});
