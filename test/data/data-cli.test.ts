import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../lib/cli/main";
import { ESCONV_README_STRATEGY_COUNTS, fixture, SHARED_DATA, skipWithoutSharedData } from "./helpers";

async function capture(argv: string[], dataFolder: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  const previous = process.env.PERSONA_TALKS_DATA;
  console.log = (...parts: unknown[]) => out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  process.env.PERSONA_TALKS_DATA = dataFolder;
  try {
    return { code: await main(argv), out, err };
  } finally {
    console.log = log;
    console.error = error;
    if (previous === undefined) delete process.env.PERSONA_TALKS_DATA;
    else process.env.PERSONA_TALKS_DATA = previous;
  }
}

test("data stats --json on the fixtures prints exactly one JSON object", async () => {
  const { code, out } = await capture(["data", "stats", "--json"], fixture());
  assert.equal(code, 0);
  assert.equal(out.length, 1);
  assert.deepEqual(JSON.parse(out[0]), {
    esconv: {
      dialogues: 4,
      supporterTurns: 10,
      strategies: {
        Question: 2,
        "Providing Suggestions": 2,
        "Restatement or Paraphrasing": 1,
        "Reflection of feelings": 1,
        "Self-disclosure": 1,
        "Affirmation and Reassurance": 1,
        Information: 1,
        Others: 1,
      },
    },
    cams: { "added_CAMS_data.csv": 4, "IntentSDCNL_Training.csv": 2, "IntentSDCNL_Testing.csv": 1 },
    dreaddit: { segments: 7, posts: 4 },
    personahub: { personas: 3 },
  });
  const table = await capture(["data", "stats"], fixture());
  assert.match(table.out.join("\n"), /Dreaddit posts\s+4/);
});

test("data stats with a missing dataset exits 4 (data error) with one message naming the file and the remedy", async () => {
  const empty = mkdtempSync(join(tmpdir(), "persona-talks-empty-"));
  try {
    const { code, out, err } = await capture(["data", "stats", "--json"], empty);
    assert.equal(code, 4);
    assert.equal(out.length, 0);
    assert.equal(err.length, 1);
    assert.match(err[0], /esconv\/train\.jsonl/);
    assert.match(err[0], /npm run data/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test("bad options are usage errors", async () => {
  assert.equal((await capture(["data", "stats", "--jsn"], fixture())).code, 2);
  assert.equal((await capture(["data", "frobnicate"], fixture())).code, 2);
  assert.equal((await capture(["data", "verify", "--what"], fixture())).code, 2);
});

test("acceptance: data fetch --from ../shared/data, then data stats --json", { skip: skipWithoutSharedData() }, async () => {
  const target = mkdtempSync(join(tmpdir(), "persona-talks-data-"));
  try {
    const fetched = await capture(["data", "fetch", "--from", SHARED_DATA], target);
    assert.equal(fetched.code, 0, fetched.err.join("\n"));
    assert.match(fetched.out.join("\n"), /\[12\/12\]/);
    const { code, out } = await capture(["data", "stats", "--json"], target);
    assert.equal(code, 0);
    assert.equal(out.length, 1);
    assert.deepEqual(JSON.parse(out[0]), {
      esconv: {
        dialogues: 1300,
        supporterTurns: 18376,
        strategies: ESCONV_README_STRATEGY_COUNTS,
      },
      cams: { "added_CAMS_data.csv": 3155, "IntentSDCNL_Training.csv": 1461, "IntentSDCNL_Testing.csv": 370 },
      dreaddit: { segments: 3553, posts: 2929 },
      personahub: { personas: 5000 },
    });
    const again = await capture(["data", "fetch", "--from", SHARED_DATA], target);
    assert.equal(again.out.filter((line) => /present, sha256 ok/.test(line)).length, 12);
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
});
