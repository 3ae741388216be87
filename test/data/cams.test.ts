import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { camsPosts, camsRecordsToPosts, loadCams, parseCams } from "../../lib/data/cams";
import { decodeMixedUtf8 } from "../../lib/data/decode-mixed-utf8";
import { DataError } from "../../lib/errors";
import { fixture, SHARED_DATA, skipWithoutSharedData } from "./helpers";

test("CAMS fixture: stray 0x92 decoded, multi-line text kept, both header styles", () => {
  const records = loadCams({ directory: fixture() });
  const added = records["added_CAMS_data.csv"];
  assert.equal(added.length, 4);
  assert.equal(added[0].text, "I can\u2019t sleep since I lost my job.\nEvery night is the same.");
  assert.equal(added[1].text, "My brother doesn\u2019t talk to me anymore \u2014 it hurts.");
  assert.equal(added[1].cause, "4");
  assert.equal(added[1].inference, "brother, no contact");
  assert.equal(added[2].text, "Nobody at school notices me. \u{1F622}");
  assert.equal(added[2].row, 3);
  assert.deepEqual(records["IntentSDCNL_Training.csv"].map((record) => record.cause), ["3", ""]);
  assert.equal(records["IntentSDCNL_Testing.csv"][0].inference, "bullied");
});

test("CAMS posts: ids, labels, blank texts left out", () => {
  const posts = camsPosts({ directory: fixture() });
  assert.equal(posts.length, 6, "4 + 2 + 1 rows minus the blank one");
  assert.equal(posts[1].id, "cams:added_CAMS_data:2");
  assert.equal(posts[1].dataset, "cams");
  assert.deepEqual(posts[1].labels, {
    file: "added_CAMS_data.csv",
    cause: "4",
    inference: "brother, no contact",
    causeName: "Relationship",
  });
  assert.equal(posts.find((post) => post.id === "cams:IntentSDCNL_Training:2")?.labels.causeName, undefined);
});

test("malformed CAMS: missing column and bad cause name file, record and field", () => {
  assert.throws(
    () => parseCams("selftext,cause\nhello,1\n", "no-inference.csv"),
    (error: unknown) =>
      error instanceof DataError && error.location.file === "no-inference.csv" && error.location.record === "header" &&
      error.location.field === "inference",
  );
  assert.throws(
    () => parseCams("selftext,cause,inference\nhello,1,x\nagain,seven,y\n", "bad-cause.csv"),
    (error: unknown) =>
      error instanceof DataError && error.location.record === 2 && error.location.field === "cause" &&
      /bad-cause\.csv, record 2, field "cause"/.test(error.message),
  );
  assert.throws(
    () => parseCams('selftext,cause,inference\n"unterminated,1,x\n', "quote.csv"),
    (error: unknown) => error instanceof DataError && error.location.file === "quote.csv" && /malformed CSV/.test(error.message),
  );
});

test("real CAMS: 3155 / 1461 / 370 rows, 127 stray bytes decoded, no U+FFFD", { skip: skipWithoutSharedData() }, () => {
  const records = loadCams({ directory: SHARED_DATA });
  assert.deepEqual(
    Object.fromEntries(Object.entries(records).map(([file, rows]) => [file, rows.length])),
    { "added_CAMS_data.csv": 3155, "IntentSDCNL_Training.csv": 1461, "IntentSDCNL_Testing.csv": 370 },
  );
  const bytes = readFileSync(join(SHARED_DATA, "cams", "added_CAMS_data.csv"));
  const decoded = decodeMixedUtf8(bytes);
  // counted with Python: bytes the strict UTF-8 decoder rejects, one at a time (123 x 0x92, 2 x 0x98, 0x9D, 0x85)
  assert.equal(decoded.strayBytes.length, 127);
  assert.ok(!decoded.text.includes("\uFFFD"));
  for (const rows of Object.values(records)) {
    for (const record of rows) assert.ok(!(record.text + record.inference).includes("\uFFFD"), `${record.file} row ${record.row}`);
  }
  const posts = camsRecordsToPosts(records["added_CAMS_data.csv"]);
  assert.equal(posts.length, 3153, "two rows of added_CAMS_data.csv have no text");
  assert.ok(parseCams(bytes, "added_CAMS_data.csv").some((record) => record.text.includes("doesn\u2019t")));
});
