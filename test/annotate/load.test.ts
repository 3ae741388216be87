import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { inviteAnnotators } from "../../lib/annotate/invite";
import { defaultProtocol, writeProtocol } from "../../lib/annotate/protocol";
import { serveStudy } from "../../lib/annotate/server";
import { createStudy } from "../../lib/annotate/study-file";
import { studyProgress } from "../../lib/annotate/study-progress";
import { JUDGE_CRITERIA } from "../../lib/prompts/parse-judgement";
import { openLink } from "./link-client";
import { writeRq3Fixture } from "./study-fixture";

// Loopback load: 20 annotators each give 100 answers (20 pairs x 5 criteria) through their private links, all at
// once, while another connection reads progress and a third invites one more annotator. Every answer must be
// stored exactly once, with no "database is locked" and in bounded time.
const ANNOTATORS = 20;
const PAIRS = 20;
const work = mkdtempSync(join(tmpdir(), "annotate-load-"));
after(() => rmSync(work, { recursive: true, force: true }));

test("20 annotators x 100 answers through their links: none lost, none duplicated, no database is locked", { timeout: 180_000 }, async (t) => {
  const directory = join(work, "study");
  createStudy({ from: writeRq3Fixture(join(work, "rq3"), PAIRS), pairs: PAIRS, practice: 0, seed: 11, out: directory });
  writeProtocol(directory, { ...defaultProtocol(), attention: { ...defaultProtocol().attention, degraded: 0 } });
  const invitations = inviteAnnotators(directory, { count: ANNOTATORS });
  const server = await serveStudy(directory, { port: 0 });
  const problems: string[] = [];
  const originalWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (String(chunk).includes("database is locked")) problems.push(String(chunk));
    return (originalWrite as (...parts: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  const started = Date.now();
  let reads = 0;
  let reading = true;
  try {
    const sessions = await Promise.all(invitations.map((invitation) => openLink(server.url, invitation.link)));
    const reader = (async () => {
      while (reading) {
        studyProgress(directory);
        reads++;
        await new Promise((resolveWait) => setTimeout(resolveWait, 50));
      }
    })();
    const lateInvite = new Promise<void>((resolveInvite) => setTimeout(() => (inviteAnnotators(directory, { names: ["late"] }), resolveInvite()), 300));
    const statuses = new Map<number, number>();
    await Promise.all(
      sessions.map(async (session, who) => {
        for (let position = 0; position < PAIRS; position++) {
          for (const [index, criterion] of JUDGE_CRITERIA.entries()) {
            const answer = (["left", "tie", "right"] as const)[(who + position + index) % 3];
            const response = await session.answer(position, criterion, answer, 500);
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            const text = await response.text();
            if (response.status !== 200) problems.push(`${invitations[who].annotator} ${position} ${criterion}: ${response.status} ${text}`);
          }
        }
      }),
    );
    await lateInvite;
    reading = false;
    await reader;
    const seconds = (Date.now() - started) / 1000;
    t.diagnostic(`${ANNOTATORS * PAIRS * 5} answers in ${seconds.toFixed(1)} s (${((ANNOTATORS * PAIRS * 5) / seconds).toFixed(0)} answers/s) with ${reads} progress reads alongside`);
    assert.deepEqual(problems, []);
    assert.deepEqual([...statuses.entries()], [[200, ANNOTATORS * PAIRS * 5]]);
    assert.ok(seconds < 120, `took ${seconds} s`);
  } finally {
    process.stderr.write = originalWrite;
    reading = false;
    await server.close();
  }
  const database = new Database(join(directory, "judgements.sqlite"), { readonly: true });
  const rows = database.prepare("SELECT annotator, pair_id, criterion, answer, position FROM judgements").all() as { annotator: string; pair_id: string; criterion: string; answer: string; position: number }[];
  database.close();
  assert.equal(rows.length, ANNOTATORS * PAIRS * 5, "lost or duplicated answers");
  assert.equal(new Set(rows.map((row) => `${row.annotator}|${row.pair_id}|${row.criterion}`)).size, rows.length);
  for (const row of rows) {
    const who = invitations.findIndex((invitation) => invitation.annotator === row.annotator);
    const index = JUDGE_CRITERIA.indexOf(row.criterion as (typeof JUDGE_CRITERIA)[number]);
    assert.equal(row.answer, (["left", "tie", "right"] as const)[(who + row.position + index) % 3], `${row.annotator} ${row.position} ${row.criterion}`);
  }
});
