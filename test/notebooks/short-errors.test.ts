import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../../lib/errors";
import { executeNotebook, findNbconvert, jupyterDataDirectory, registerTslabKernel } from "../../lib/notebook/jupyter";
import { projectRoot } from "../../lib/paths";

// The project's kernel launcher (lib/notebook/tslab/kernel.cjs) prints a cell's error as one line plus the library's
// frames as lib/<file>.ts:<line>; the kernel's own frames are hidden unless PERSONA_TALKS_STACK=full.
const { shortError } = createRequire(import.meta.url)("../../lib/notebook/tslab/kernel.cjs") as {
  shortError(error: Error, options?: { full?: boolean; root?: string; maxFrames?: number }): string;
};

const root = projectRoot();
const STACK = [
  'UsageError: session: unknown option "promptOverride" (did you mean "promptOverrides"?)',
  `    at checkKeys (${root}/lib/notebook/check-keys.ts:12:11)`,
  `    at Object.session (${root}/lib/notebook/notebook-session.ts:57:3)`,
  "    at evalmachine.<anonymous>:3:4",
  "    at evalmachine.<anonymous>:5:3",
  "    at Script.runInThisContext (node:vm:137:12)",
  "    at Object.runInThisContext (node:vm:317:38)",
  `    at execute (${root}/node_modules/tslab/dist/executor.js:159:38)`,
  `    at JupyterHandlerImpl.handleExecuteImpl (${root}/node_modules/tslab/dist/jupyter.js:250:38)`,
  "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
].join("\n");

function errorWith(stack: string): Error {
  const error = new UsageError('session: unknown option "promptOverride" (did you mean "promptOverrides"?)');
  error.stack = stack;
  return error;
}

test("a cell's error is one line with its hint, then the library's frames named lib/<file>.ts:<line>", () => {
  assert.equal(
    shortError(errorWith(STACK), { root }),
    [
      'UsageError: session: unknown option "promptOverride" (did you mean "promptOverrides"?)',
      "    at checkKeys (lib/notebook/check-keys.ts:12)",
      "    at Object.session (lib/notebook/notebook-session.ts:57)",
    ].join("\n"),
  );
  assert.equal(shortError(errorWith(STACK), { root, full: true }), STACK, "the whole stack when asked for");
  const interrupted = new Error("Interrupted asynchronously");
  interrupted.stack = `Error: Interrupted asynchronously\n    at createExecutor (${root}/node_modules/tslab/dist/executor.js:87:19)\n    at startKernel (${root}/node_modules/tslab/dist/main.js:85:50)`;
  assert.equal(shortError(interrupted, { root }), "Error: Interrupted asynchronously", "tslab's start-up code is not shown on an interrupt");
});

test("the registered kernel is the project's launcher, and a failing cell prints the short error", { skip: findNbconvert() ? false : "jupyter-nbconvert is not installed", timeout: 400_000 }, async () => {
  const nbconvert = findNbconvert()!;
  registerTslabKernel();
  const spec = JSON.parse(readFileSync(join(jupyterDataDirectory(), "kernels", "tslab", "kernel.json"), "utf8")) as { argv: string[] };
  assert.equal(spec.argv[1], join(root, "lib", "notebook", "tslab", "kernel.cjs"));
  const folder = mkdtempSync(join(tmpdir(), "persona-talks-short-errors-"));
  try {
    const cell = (source: string, id: string) => ({ cell_type: "code", id, metadata: {}, execution_count: null, outputs: [], source });
    writeFileSync(
      join(folder, "errors.ipynb"),
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
        cells: [
          cell(`const pt = require(${JSON.stringify(join(root, "notebooks", "persona-talks.cjs"))}).load();`, "load"),
          cell(`pt.toDataFrame(42 as any);`, "short"),
        ],
      }),
    );
    // tslab aborts the cells queued behind a failing one, so each case is its own run.
    const stderrOf = async (environment: NodeJS.ProcessEnv) => {
      const executed = await executeNotebook(join(folder, "errors.ipynb"), { outputDirectory: folder, html: false, allowErrors: true, cellTimeoutSeconds: 300, environment });
      const notebook = JSON.parse(readFileSync(executed.notebook, "utf8")) as { cells: { id: string; outputs: { name?: string; text?: string | string[] }[] }[] };
      return notebook.cells
        .find((c) => c.id === "short")!
        .outputs.filter((o) => o.name === "stderr")
        .map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text ?? ""))
        .join("");
    };
    const short = await stderrOf({});
    assert.match(short.split("\n")[0], /^\w*Error: /, short);
    assert.match(short, /\n {4}at .*\(?lib\/[\w/-]+\.ts:\d+\)?/, `a library frame as lib/<file>.ts:<line>:\n${short}`);
    assert.doesNotMatch(short, /evalmachine|node:vm|node:internal|tslab|node_modules|persona-talks\.cjs/, short);
    assert.ok(short.trim().split("\n").length <= 6, short);
    const full = await stderrOf({ PERSONA_TALKS_STACK: "full" });
    assert.match(full, /evalmachine|node:vm/, `the whole stack when PERSONA_TALKS_STACK=full:\n${full}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
