import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findDataFolder, skipWithoutData } from "../support/data-folder";
import { rq3Strategies } from "../../lib/questions/rq3/rq3-strategies";
import { dialogueStatistics } from "../../lib/analysis/dialogue-statistics";
import { close } from "../stats/helpers";

// Reads the real ESConv splits (read-only, never copied) and runs the RQ3 analyses with the split as the
// "condition": a check on real data at full size against numbers computed once in Python (json + scipy).
const SPLITS = ["train", "valid", "test"].map((split) => join("esconv", `${split}.jsonl`));
const directory = join(findDataFolder(SPLITS) ?? "", "esconv");
const skip = skipWithoutData(SPLITS, "the ESConv splits");

function turnRows() {
  const rows: Record<string, unknown>[] = [];
  for (const split of ["train", "valid", "test"]) {
    const lines = readFileSync(join(directory, `${split}.jsonl`), "utf8").split("\n").filter((line) => line.trim().length > 0);
    lines.forEach((line, dialogueIndex) => {
      const dialogue = JSON.parse(line) as { dialog: { text: string; speaker: string; strategy?: string }[] };
      dialogue.dialog.forEach((turn, turnIndex) => {
        rows.push({
          dialogueId: `${split}:${dialogueIndex}`,
          condition: split,
          turnIndex,
          speaker: turn.speaker === "usr" ? "seeker" : "supporter",
          text: turn.text,
          strategy: turn.speaker === "sys" ? turn.strategy : undefined,
        });
      });
    });
  }
  return rows;
}

test("ESConv strategy counts per split and the chi-square across splits match Python", { skip }, () => {
  const result = rq3Strategies(turnRows(), { resamples: 20 });
  assert.deepEqual(result.conditions, ["train", "valid", "test"]);
  // Python: collections.Counter of dialog[].strategy for speaker "sys", per split file
  assert.deepEqual(result.counts, [
    [2622, 798, 990, 1185, 1988, 1987, 835, 2354],
    [549, 138, 211, 264, 402, 459, 194, 505],
    [630, 153, 235, 264, 437, 508, 186, 482],
  ]);
  assert.deepEqual(result.dialogues, [910, 195, 195]);
  // scipy.stats.chi2_contingency(counts, correction=False)
  close(result.chiSquare!.statistic, 24.628484597616783);
  assert.equal(result.chiSquare!.degreesOfFreedom, 14);
  close(result.chiSquare!.p, 0.03841719536930087);
});

test("ESConv words and turns per role match Python's str.split()", { skip }, () => {
  const [train, valid] = dialogueStatistics(turnRows());
  assert.deepEqual(
    [train.seekerWords, train.seekerTurns, train.supporterWords, train.supporterTurns],
    [206864, 13889, 233850, 12759],
  );
  assert.deepEqual([valid.seekerWords, valid.supporterWords], [44442, 49657]);
});
