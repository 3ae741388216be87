import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { prepareNotebookLibrary } from "../../lib/notebook/jupyter";
import { scratchProject } from "../support/scratch-project";

// The kernel's declarations worker (lib/notebook/tslab/declarations-worker.cjs, used by notebooks/persona-talks.cjs
// in the kernels of npm run jupyter): a reload writes the edited file's declarations before it returns, and the
// declarations of its importers follow (here one that spells out an inferred type of the edited file).
test("a reload writes the edited file's declarations at once and its importers' after", { timeout: 300_000 }, () => {
  prepareNotebookLibrary();
  const project = scratchProject("persona-talks-declarations-");
  const argv = process.argv;
  const environment = process.env.PERSONA_TALKS_TYPES_WORKER;
  try {
    const lib = join(project.root, "lib");
    writeFileSync(join(lib, "probe-a.ts"), "export function probe() {\n  return { a: 1 };\n}\n");
    writeFileSync(join(lib, "probe-b.ts"), 'import { probe } from "./probe-a";\nexport const fromProbe = probe();\n');
    appendFileSync(join(lib, "notebook", "notebook-api.ts"), 'export { fromProbe } from "../probe-b";\n');
    // What the loader looks for: a tslab kernel with the worker on.
    process.argv = [...argv, "/usr/lib/node_modules/tslab/bin/tslab"];
    process.env.PERSONA_TALKS_TYPES_WORKER = "on";
    const loader = createRequire(import.meta.url)(join(project.root, "notebooks", "persona-talks.cjs")) as { load(options?: { quiet?: boolean }): { fromProbe: unknown }; typesReady(): boolean; types: string };
    const declaration = (name: string) => readFileSync(join(loader.types, `${name}.d.ts`), "utf8");
    assert.deepEqual(loader.load({ quiet: true }).fromProbe, { a: 1 });
    assert.equal(loader.typesReady(), true, "the worker runs");
    assert.match(declaration("probe-b"), /fromProbe: \{\s*a: number;\s*\}/);

    writeFileSync(join(lib, "probe-a.ts"), '// one line changed\nexport function probe() {\n  return { a: 1, b: "x" };\n}\n');
    assert.deepEqual(loader.load({ quiet: true }).fromProbe, { a: 1, b: "x" }, "the new body runs");
    assert.match(declaration("probe-a"), /b: string/, "the edited file's declarations are written before load() returns");
    loader.typesReady();
    assert.match(declaration("probe-b"), /fromProbe: \{\s*a: number;\s*b: string;\s*\}/, "the importer's declarations follow");
  } finally {
    process.argv = argv;
    if (environment === undefined) delete process.env.PERSONA_TALKS_TYPES_WORKER;
    else process.env.PERSONA_TALKS_TYPES_WORKER = environment;
    project.remove();
  }
});
