import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPersonaHub, parsePersonaHub, type PersonaHubReport } from "../../lib/data/personahub";
import { DataError } from "../../lib/errors";
import { fixture, SHARED_DATA, skipWithoutSharedData } from "./helpers";

test("PersonaHub fixture: duplicates removed (trimmed), first occurrence order", () => {
  const report: PersonaHubReport = { lines: 0, duplicates: 0 };
  const personas = loadPersonaHub({ directory: fixture(), report });
  assert.deepEqual(personas, [
    "A retired lighthouse keeper who writes letters to strangers.",
    "A nurse on night shifts who paints on weekends.",
    "A teenage chess prodigy from Lagos.",
  ]);
  assert.deepEqual(report, { lines: 5, duplicates: 2 });
});

test("malformed PersonaHub lines name the line and field", () => {
  assert.throws(
    () => parsePersonaHub('{"persona": "ok"}\n{"persona": 3}\n', "p.jsonl"),
    (error: unknown) =>
      error instanceof DataError && error.location.record === 2 && error.location.field === "persona" &&
      /p\.jsonl, record 2, field "persona"/.test(error.message),
  );
  assert.throws(
    () => parsePersonaHub('{"persona": "ok"}\n{"persona": "x"\n', "p.jsonl"),
    (error: unknown) => error instanceof DataError && error.location.record === 2 && /not valid JSON/.test(error.message),
  );
  assert.throws(() => parsePersonaHub('{"name": "x"}\n', "p.jsonl"), (error: unknown) => error instanceof DataError && error.location.field === "persona");
});

test("real PersonaHub: 5000 unique personas", { skip: skipWithoutSharedData() }, () => {
  const report: PersonaHubReport = { lines: 0, duplicates: 0 };
  assert.equal(loadPersonaHub({ directory: SHARED_DATA, report }).length, 5000);
  assert.equal(report.duplicates, 0);
});
