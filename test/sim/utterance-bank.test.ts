import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadEsconv } from "../../lib/data/esconv";
import { DataError } from "../../lib/errors";
import { projectRoot } from "../../lib/paths";
import { findDataFolder, skipWithoutData } from "../support/data-folder";

const ESCONV_SPLITS = ["train", "valid", "test"].map((split) => join("esconv", `${split}.jsonl`));
import { buildUtteranceBank, defaultUtteranceBank, parseEsconvUtterances } from "../../lib/sim/index";

const FIXTURE = join(projectRoot(), "test", "fixtures", "prompts-sim", "esconv-mini.jsonl");

/** Runs `body` with PERSONA_TALKS_DATA pointing at a fresh folder, restored and removed afterwards. */
function withDataFolder<T>(fill: (folder: string) => void, body: () => T): T {
  const folder = mkdtempSync(join(tmpdir(), "persona-talks-bank-"));
  const previous = process.env.PERSONA_TALKS_DATA;
  process.env.PERSONA_TALKS_DATA = folder;
  try {
    fill(folder);
    return body();
  } finally {
    if (previous === undefined) delete process.env.PERSONA_TALKS_DATA;
    else process.env.PERSONA_TALKS_DATA = previous;
    rmSync(folder, { recursive: true, force: true });
  }
}

describe("the sim's default utterance bank reads ESConv with the project's loader", () => {
  test("a data folder with only esconv/train.jsonl: the bank is built from it (loadEsconv), per data folder", () => {
    const bank = withDataFolder(
      (folder) => {
        mkdirSync(join(folder, "esconv"));
        copyFileSync(FIXTURE, join(folder, "esconv", "train.jsonl"));
      },
      () => defaultUtteranceBank(),
    );
    assert.equal(bank.source, "esconv");
    // The made-up fixture: 2 dialogues, 16 seeker turns, 2 supporter turns per strategy.
    assert.equal(bank.seeker.length, 16);
    assert.equal(bank.supporter.Question.length, 2);
    assert.deepEqual(bank, buildUtteranceBank(loadEsconv({ path: FIXTURE })));

    const fallback = withDataFolder(() => {}, () => defaultUtteranceBank());
    assert.equal(fallback.source, "built-in", "a folder without ESConv gets the built-in bank, not the bank of another folder");
  });

  test("a malformed ESConv line is a DataError naming the file and line, not a bank built from half a record", () => {
    assert.throws(
      () =>
        withDataFolder(
          (folder) => {
            mkdirSync(join(folder, "esconv"));
            writeFileSync(join(folder, "esconv", "valid.jsonl"), '{"dialog": [{"text": "hi", "speaker": "usr"}]}\n{"dialog": [{"text": "hello", "speaker": "robot"}]}\n');
          },
          () => defaultUtteranceBank(),
        ),
      (error: unknown) => error instanceof DataError && /valid\.jsonl/.test(error.message) && /record 2/.test(error.message),
    );
  });

  test("parseEsconvUtterances is the loader's JSON-lines parser", () => {
    const dialogues = parseEsconvUtterances('{"dialog": [{"text": "hi", "speaker": "usr"}, {"text": "How are you?", "speaker": "sys", "strategy": "Question"}]}\n', "train");
    assert.equal(dialogues[0].id, "train:0");
    assert.deepEqual(dialogues[0].turns.map((turn) => [turn.speaker, turn.strategy]), [["seeker", undefined], ["supporter", "Question"]]);
  });

  test("with the real ESConv: the default bank holds every labelled utterance of loadEsconv()", { skip: skipWithoutData(ESCONV_SPLITS) }, () => {
    const previous = process.env.PERSONA_TALKS_DATA;
    process.env.PERSONA_TALKS_DATA = findDataFolder(ESCONV_SPLITS);
    try {
      const bank = defaultUtteranceBank();
      const dialogues = loadEsconv();
      assert.equal(bank.source, "esconv");
      const seekerTurns = dialogues.flatMap((dialogue) => dialogue.turns).filter((turn) => turn.speaker === "seeker" && turn.text.trim()).length;
      assert.equal(bank.seeker.length, seekerTurns);
      const labelled = dialogues.flatMap((dialogue) => dialogue.turns).filter((turn) => turn.speaker === "supporter" && turn.strategy && turn.text.trim()).length;
      assert.equal(Object.values(bank.supporter).reduce((total, texts) => total + texts.length, 0), labelled);
    } finally {
      if (previous === undefined) delete process.env.PERSONA_TALKS_DATA;
      else process.env.PERSONA_TALKS_DATA = previous;
    }
  });
});
