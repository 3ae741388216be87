// node --import tsx scripts/execute-notebooks.ts [--out DIR] [--n N] [NOTEBOOK...]: executes the notebooks headless with
// the project-local tslab kernel (sim and a small N unless PERSONA_TALKS_PROVIDER / PERSONA_TALKS_N say otherwise) and
// saves each executed notebook and an HTML copy in DIR (default out/notebooks). Exit 1 if a notebook fails.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { executeNotebook, findNbconvert, JUPYTER_INSTALL_HINT, registerTslabKernel } from "../lib/notebook/jupyter";
import { projectNotebooks, smallSimEnvironment } from "../lib/notebook/notebook-list";
import { projectRoot } from "../lib/paths";

const { values, positionals } = parseArgs({ options: { out: { type: "string" }, n: { type: "string" } }, allowPositionals: true });
const nbconvert = findNbconvert();
if (!nbconvert) {
  console.error(`jupyter-nbconvert was not found, so the notebooks cannot be executed.\n${JUPYTER_INSTALL_HINT}`);
  process.exit(1);
}
registerTslabKernel();
const out = values.out ?? join(projectRoot(), "out", "notebooks");
let failed = 0;
for (const notebook of positionals.length ? positionals : projectNotebooks()) {
  const started = Date.now();
  process.stderr.write(`executing ${notebook} ...\n`);
  const result = await executeNotebook(notebook, { outputDirectory: out, environment: smallSimEnvironment(Number(values.n ?? 10)), nbconvert });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status === 0) console.log(`${notebook}: ok in ${seconds} s -> ${result.notebook}, ${result.html}`);
  else {
    failed++;
    console.error(`${notebook}: FAILED after ${seconds} s\n${result.log.split("\n").slice(-40).join("\n")}`);
  }
}
process.exit(failed ? 1 : 0);
