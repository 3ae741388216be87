import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { findNbconvert, prepareNotebookLibrary, registerTslabKernel } from "../../lib/notebook/jupyter";
import { projectRoot } from "../../lib/paths";
import { runKernelSteps } from "../support/kernel-cells";

// Help in the editor (issue 25, item 8): in the project's kernel (lib/notebook/tslab/kernel.cjs with
// editor-help.cjs), Shift-Tab inside a call shows the signature and its TSDoc, and completion offers typed names
// that start with what was typed.
const { calleePosition } = createRequire(import.meta.url)("../../lib/notebook/tslab/editor-help.cjs") as { calleePosition(code: string, cursor: number): number | undefined };

test("the callee of the innermost open call, past strings, comments and closed calls", () => {
  const at = (code: string) => {
    const position = calleePosition(code, code.length);
    return position === undefined ? undefined : code.slice(0, position + 1).match(/[\w$]+$/)![0];
  };
  assert.equal(at("pt.session("), "session");
  assert.equal(at("const run = pt.session({ n: 3, "), "session");
  assert.equal(at('pt.show(pt.corr(scores, { rows: "HEXACO-60" }), "a(b" // (x\n, '), "show");
  assert.equal(at("pt.describe(frame) + pt.stats.mean(["), "mean");
  assert.equal(at("pt.describe(frame);"), undefined);
  assert.equal(at("const x = ("), undefined, "a parenthesis that calls nothing");
});

const nbconvert = findNbconvert();

test("Shift-Tab inside pt.session( shows its signature and TSDoc; pt.ses completes to session only, with its type", { skip: nbconvert ? false : "jupyter-nbconvert (and jupyter_client) is not installed", timeout: 300_000 }, async () => {
  registerTslabKernel();
  prepareNotebookLibrary();
  const load = 'const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();';
  const request = (kind: "inspect" | "complete", code: string) => ({ [kind]: code, cursor: code.length }) as { inspect: string; cursor: number } | { complete: string; cursor: number };
  const [loaded, callInspect, literalInspect, ses, co, all] = await runKernelSteps(
    [load, request("inspect", "pt.session("), request("inspect", "const run = pt.session({ n: 3, "), request("complete", "pt.ses"), request("complete", "pt.co"), request("complete", "pt.")],
    { cwd: join(projectRoot(), "notebooks"), environment: { PERSONA_TALKS_QUIET_LOAD: "1" } },
  ).then((run) => run.cells);
  assert.equal(loaded.status, "ok", loaded.text);
  for (const inspected of [callInspect, literalInspect]) {
    const reply = inspected.reply as { found: boolean; data: Record<string, string> };
    assert.equal(reply.found, true, JSON.stringify(reply));
    assert.match(reply.data["text/plain"], /session\(options\?: SessionOptions\): NotebookSession/, "the signature");
    assert.match(reply.data["text/plain"], /Starts a notebook session/, "its TSDoc");
  }
  type Completion = { matches: string[]; metadata: { _jupyter_types_experimental: { text: string; type: string; signature?: string; documentation?: string }[] } };
  const sesReply = ses.reply as Completion;
  assert.deepEqual(sesReply.matches, ["session"], "pt.ses: session, and nothing that merely contains the letters");
  const coReply = co.reply as Completion;
  assert.ok(coReply.matches.includes("corr") && coReply.matches.includes("compare"), coReply.matches.join(", "));
  assert.ok(coReply.matches.every((name) => name.toLowerCase().startsWith("co")), `only prefix matches for pt.co: ${coReply.matches.join(", ")}`);
  const allReply = all.reply as Completion;
  assert.ok(allReply.matches.length >= 20 && allReply.matches.length <= 40, `the small pt: ${allReply.matches.length} names`);
  assert.deepEqual(allReply.metadata._jupyter_types_experimental.map((entry) => entry.text), allReply.matches, "each name has an entry in the types");
  assert.ok(allReply.metadata._jupyter_types_experimental.every((entry) => entry.type), "each name has its kind");
  // Signatures are looked up within a time budget; a narrowed list gets them all.
  const [session] = sesReply.metadata._jupyter_types_experimental;
  assert.match(session.signature ?? "", /session\(options\?: SessionOptions\): NotebookSession/);
  assert.match(session.documentation ?? "", /^Starts a notebook session/);
});
