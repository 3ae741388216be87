import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { annotatorPlan } from "../../lib/annotate/annotator-plan";
import { defaultProtocol, loadProtocol, parseProtocol } from "../../lib/annotate/protocol";
import { itemDialogues, protocolPlan } from "../../lib/annotate/protocol-plan";
import { createStudy } from "../../lib/annotate/study-file";
import { writeRq3Fixture } from "./study-fixture";

const work = mkdtempSync(join(tmpdir(), "annotate-protocol-"));
after(() => rmSync(work, { recursive: true, force: true }));

test("protocol.json: written with defaults by create, partial criteria keep the paper's others, typos refused with the file and field", () => {
  const { directory } = createStudy({ from: writeRq3Fixture(join(work, "rq3"), 8), pairs: 5, seed: 1, out: join(work, "study") });
  assert.deepEqual(loadProtocol(directory), defaultProtocol());
  const edited = parseProtocol(JSON.stringify({ format: "persona-talks-annotation-protocol", version: 1, consent: ["ok"], criteria: { Overall: "Which is better overall?" } }));
  assert.equal(edited.criteria.Overall, "Which is better overall?");
  assert.equal(edited.criteria.Comforting, defaultProtocol().criteria.Comforting);
  assert.throws(() => parseProtocol(JSON.stringify({ format: "persona-talks-annotation-protocol", version: 1, consent: ["ok"], atention: {} }), "x/protocol.json"), /x\/protocol\.json: Unrecognized key: "atention"/);
  assert.throws(() => parseProtocol(JSON.stringify({ format: "persona-talks-annotation-protocol", version: 1, consent: [] }), "p.json"), /p\.json, field "consent"/);
});

test("plans: practice first, the study order of annotatorPlan kept, checks at random places but never first, degraded sides off-topic", () => {
  const { study } = createStudy({ from: join(work, "rq3"), pairs: 5, practice: 2, seed: 4, out: join(work, "plans") });
  const protocol = {
    attention: {
      ...defaultProtocol().attention,
      degraded: 2,
      gold: [{ id: "g", first: [{ speaker: "supporter", text: "good" }], second: [{ speaker: "supporter", text: "bad" }], answer: "second" as const }],
    },
  };
  const places = new Set<number>();
  for (const name of ["ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal"]) {
    const plan = protocolPlan(study, protocol, name);
    assert.deepEqual(plan, protocolPlan(study, protocol, name.toUpperCase()), "seeded by the normalized name");
    assert.deepEqual(plan.map((item) => item.position), plan.map((_, index) => index));
    assert.deepEqual(plan.slice(0, 2).map((item) => item.kind), ["practice", "practice"]);
    const counted = plan.slice(2);
    assert.equal(counted.filter((item) => item.kind === "attention").length, 3);
    assert.equal(counted[0].kind, "study", "a check never opens the study");
    assert.deepEqual(counted.filter((item) => item.kind === "study").map((item) => [item.pairId, item.swapped]), annotatorPlan(study, name).map((entry) => [entry.pairId, entry.swapped]));
    counted.forEach((item, index) => item.kind === "attention" && places.add(index));
    for (const item of plan.filter((entry) => entry.pairId.startsWith("attention:"))) {
      assert.equal(item.expected, "win");
      const { first, second } = itemDialogues(study, protocol, item);
      assert.ok(second.filter((turn) => turn.speaker === "supporter").every((turn) => turn.text === protocol.attention.degradedSentence));
      assert.ok(first.some((turn) => turn.speaker === "supporter" && turn.text !== protocol.attention.degradedSentence));
      assert.deepEqual(first.filter((turn) => turn.speaker === "seeker"), second.filter((turn) => turn.speaker === "seeker"));
    }
    assert.equal(plan.find((item) => item.pairId === "gold:g")!.expected, "loss");
  }
  assert.ok(places.size >= 4, `checks always at the same places: ${[...places]}`);
});
