// npm run reproduce: every table and figure of the questions marked `reproduce` (RQ1-RQ3) into out/ (the analyze commands), then every notebook
// executed headless into out/notebooks with the same provider and N in its config cell (`persona-talks notebook run NN --set ...`:
// an executed .ipynb and an HTML copy each). Sim and a small N by default:
// PERSONA_TALKS_PROVIDER, PERSONA_TALKS_MODEL, PERSONA_TALKS_N, PERSONA_TALKS_SEED override (see docs).
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { command as analyze } from "../lib/cli/commands/analyze";
import { fetchData, verifyData } from "../lib/data/fetch-data";
import { findNbconvert, JUPYTER_INSTALL_HINT } from "../lib/notebook/jupyter";
import { NotebookCellError, runNotebook } from "../lib/notebook/run-notebook";
import { projectNotebooks, smallSimEnvironment } from "../lib/notebook/notebook-list";
import { dataDirectory, projectRoot } from "../lib/paths";
import { listQuestions } from "../lib/questions/registry";

/**
 * Personas per dataset (dialogues for RQ3) of `npm run reproduce`: the smallest N from scripts/reproduce-n.ts at
 * which the simulator's designed alignment (all six pairs the strongest of their row) shows on all three datasets
 * with at least 95% probability, computed from the simulator's expected correlations: N = 20 gives 0.4%, 60 69%,
 * 90 95.1% (too close to call), 100 96.2-96.8%. PERSONA_TALKS_N overrides it.
 */
const DEFAULT_N = 100;

/**
 * Where to copy missing data from instead of downloading: `--from DIR`, else PERSONA_TALKS_DATA_FROM, else a
 * shared data folder laid out like data/raw beside the checkout (`../shared/data`, how lab machines and CI
 * without internet keep one copy for every clone). Undefined: download from the canonical sources.
 */
function localDataSource(): string | undefined {
  const flag = process.argv.indexOf("--from");
  if (flag >= 0 && process.argv[flag + 1]) return process.argv[flag + 1];
  if (process.env.PERSONA_TALKS_DATA_FROM) return process.env.PERSONA_TALKS_DATA_FROM;
  const beside = join(projectRoot(), "..", "shared", "data");
  return existsSync(join(beside, "esconv")) ? beside : undefined;
}

async function main(): Promise<number> {
  const started = Date.now();
  const out = process.env.PERSONA_TALKS_OUT ?? join(projectRoot(), "out");
  const environment = smallSimEnvironment(DEFAULT_N);
  Object.assign(process.env, environment, { PERSONA_TALKS_OUT: out });

  const missing = verifyData().filter((failure) => failure.reason === "missing");
  if (missing.length) {
    const from = localDataSource();
    console.log(
      `The data folder ${dataDirectory()} lacks ${missing.length} file(s); ` +
        (from ? `copying them from ${from} (npm run data -- --from ${from}) ...` : "downloading them (npm run data) ..."),
    );
    await fetchData({ from });
  }

  const common = ["--n", process.env.PERSONA_TALKS_N!, "--provider", process.env.PERSONA_TALKS_PROVIDER!];
  if (process.env.PERSONA_TALKS_MODEL) common.push("--model", process.env.PERSONA_TALKS_MODEL);
  if (process.env.PERSONA_TALKS_SEED) common.push("--seed", process.env.PERSONA_TALKS_SEED);
  const classifier = process.env.PERSONA_TALKS_CLASSIFIER ?? "train";
  for (const question of listQuestions().filter((module) => module.reproduce)) {
    console.log(`\n== analyze ${question.id} -> ${join(out, question.id)}`);
    const extra = question.options.includes("classifier") ? ["--classifier", classifier] : [];
    const code = await analyze.run([question.id, ...common, ...extra, "--out", join(out, question.id)]);
    if (code !== 0) return code;
  }

  if (!findNbconvert()) {
    console.log(`\nEvery table and figure is in ${out}. The executed notebooks were skipped: jupyter-nbconvert was not found.\n${JUPYTER_INSTALL_HINT}`);
    return 0;
  }
  const notebooksOut = join(out, "notebooks");
  // The same values as the analyses, written into each notebook's config cell (persona-talks notebook run --set).
  const sets: [string, string][] = [["provider", process.env.PERSONA_TALKS_PROVIDER!], ["n", process.env.PERSONA_TALKS_N!]];
  if (process.env.PERSONA_TALKS_MODEL) sets.push(["model", process.env.PERSONA_TALKS_MODEL]);
  if (process.env.PERSONA_TALKS_SEED) sets.push(["seed", process.env.PERSONA_TALKS_SEED]);
  let failed = 0;
  for (const notebook of projectNotebooks()) {
    const begun = Date.now();
    console.log(`\n== notebook run ${basename(notebook, ".ipynb")} ${sets.map(([key, value]) => `--set ${key}=${value}`).join(" ")}`);
    const kernelEnvironment = { PERSONA_TALKS_OUT: out, PERSONA_TALKS_CLASSIFIER: "auto" };
    const seconds = () => ((Date.now() - begun) / 1000).toFixed(0);
    try {
      const result = await runNotebook(notebook, { sets, outputDirectory: notebooksOut, environment: kernelEnvironment });
      console.log(`ok in ${seconds()} s: ${result.notebook}\n           ${result.html}`);
    } catch (error) {
      if (!(error instanceof NotebookCellError)) throw error;
      failed++;
      console.error(`FAILED after ${seconds()} s: ${error.message}`);
    }
  }
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s: tables and figures in ${out}/rq1, rq2, rq3 (and data), executed notebooks in ${notebooksOut}.`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
