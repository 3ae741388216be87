import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ProviderError, UsageError } from "../errors";
import { libraryAsset, projectRoot } from "../paths";
import { findNbconvert, JUPYTER_INSTALL_HINT, jupyterEnvironment, numberExecutedCells, prepareNotebookLibrary, pythonOf, registerTslabKernel } from "./jupyter";
import { parseNotebook, serializeNotebook, type Notebook } from "./notebook-file";
import { notebookToHtml } from "./notebook-html";
import { projectNotebooks } from "./notebook-list";
import { applyParameters } from "./notebook-parameters";

// `persona-talks notebook run NAME --set key=value --out DIR`: one notebook executed headless (nbclient through
// python3, lib/notebook/run-notebook.py, with the project-local tslab kernel) with the --set values written into its config cell (lib/notebook/notebook-parameters.ts),
// saved as DIR/<name>.ipynb with its outputs and DIR/<name>.html. A failing cell stops the run: the notebook is
// saved up to it, and a NotebookCellError names the cell and its error.

/** The config cell's names that PERSONA_TALKS_* variables override in a session: a --set value must win over them. */
const ENVIRONMENT_OVERRIDES: Record<string, string> = {
  provider: "PERSONA_TALKS_PROVIDER",
  model: "PERSONA_TALKS_MODEL",
  n: "PERSONA_TALKS_N",
  seed: "PERSONA_TALKS_SEED",
  cacheMode: "PERSONA_TALKS_CACHE_MODE",
};

/** A cell of an executed notebook failed: its message names the notebook, the cell and the error. */
export class NotebookCellError extends Error {
  constructor(
    message: string,
    readonly cell: number | undefined,
  ) {
    super(message);
    this.name = "NotebookCellError";
  }
}

/** A notebook by name: "01" or "01-rq1-traits" (notebooks/NN-*.ipynb), or a path to an .ipynb file. */
export function resolveNotebook(name: string): string {
  if (name.endsWith(".ipynb")) {
    const path = resolve(name);
    if (!existsSync(path)) throw new UsageError(`notebook ${name} not found`);
    return path;
  }
  const matches = projectNotebooks().filter((path) => basename(path) === `${name}.ipynb` || basename(path).startsWith(`${name}-`));
  if (matches.length !== 1) {
    const known = projectNotebooks().map((path) => basename(path, ".ipynb"));
    throw new UsageError(`${matches.length ? "several notebooks match" : "no notebook matches"} "${name}"; use one of ${known.join(", ")} (or a path to an .ipynb file)`);
  }
  return matches[0];
}

function sourceOf(cell: Notebook["cells"][number]): string {
  return [cell.source].flat().join("");
}

/** The first line of a failed cell's error: its error output, else what it printed on stderr (tslab's way). */
export function cellErrorLine(cell: Notebook["cells"][number]): string {
  for (const output of (cell.outputs ?? []) as { output_type?: string; name?: string; text?: string | string[]; ename?: string; evalue?: string }[]) {
    if (output.output_type === "error") return `${output.ename ?? "Error"}: ${output.evalue ?? ""}`.trim();
    if (output.output_type === "stream" && output.name === "stderr") {
      // An uncaught error as tslab prints it: where (evalmachine...), the code, a caret, "Name: message", the stack.
      const lines = [output.text ?? ""].flat().join("").split("\n").map((text) => text.trim()).filter(Boolean);
      const line = lines.find((text) => /^\w*(Error|Exception)\b/.test(text)) ?? lines.find((text) => !/^(evalmachine|at |\^)/.test(text));
      if (line) return line;
    }
  }
  return "(no error text)";
}

/** Runs lib/notebook/run-notebook.py (nbclient): the executed notebook is written also when a cell fails. */
function nbclientRun(python: string, input: string, output: string, cwd: string, timeout: number, environment: NodeJS.ProcessEnv): Promise<{ failedCell: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(python, [libraryAsset("notebook", "run-notebook.py"), input, output, cwd, String(timeout)], { env: jupyterEnvironment(environment), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
    child.on("error", (error) => fail(new ProviderError(`${python}: ${error.message}`)));
    child.on("close", (status) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (status === 0 && last.startsWith("{")) return done(JSON.parse(last) as { failedCell: number | null });
      fail(new ProviderError(`the notebook could not be executed (nbclient exit ${status}): ${log.trim().split("\n").slice(-1)[0] ?? ""}`));
    });
  });
}

export interface RunNotebookOptions {
  /** --set pairs, in order. */
  sets: readonly [string, string][];
  outputDirectory: string;
  /** Extra environment for the kernel. */
  environment?: NodeJS.ProcessEnv;
  /** Per-cell timeout in seconds; default 600. */
  cellTimeoutSeconds?: number;
  /** Called with one line before the run (what runs with which values). */
  log?: (line: string) => void;
}

/** Executes a notebook with parameters; resolves to the executed notebook and its HTML copy. */
export async function runNotebook(path: string, options: RunNotebookOptions): Promise<{ notebook: string; html: string }> {
  const original = parseNotebook(readFileSync(path, "utf8"), path);
  const shown = path.startsWith(projectRoot()) ? path.slice(projectRoot().length + 1) : path;
  const { notebook, cell } = applyParameters(original, options.sets, shown);
  const nbconvert = findNbconvert();
  if (!nbconvert) throw new ProviderError(`jupyter-nbconvert not found, so notebooks cannot be executed. ${JUPYTER_INSTALL_HINT.replace(/\n/g, " ")}`);
  registerTslabKernel();
  const name = basename(path, ".ipynb");
  const environment: NodeJS.ProcessEnv = { ...options.environment };
  for (const [key] of options.sets) if (ENVIRONMENT_OVERRIDES[key]) environment[ENVIRONMENT_OVERRIDES[key]] = "";
  options.log?.(`running ${shown}${options.sets.length ? ` with ${options.sets.map(([key, value]) => `${key}=${value}`).join(", ")} (config cell ${cell})` : ""} -> ${options.outputDirectory}`);
  mkdirSync(options.outputDirectory, { recursive: true });
  prepareNotebookLibrary();
  const input = join(options.outputDirectory, `${name}.ipynb`);
  writeFileSync(input, serializeNotebook(notebook));
  // The kernel's working directory is the notebook's own folder, as in Jupyter (the load cell's paths are relative).
  const { failedCell } = await nbclientRun(pythonOf(nbconvert), input, input, dirname(path), options.cellTimeoutSeconds ?? 600, environment);
  const executed = numberExecutedCells(parseNotebook(readFileSync(input, "utf8"), input));
  writeFileSync(input, serializeNotebook(executed));
  if (failedCell !== null) {
    const failed = executed.cells[failedCell];
    throw new NotebookCellError(`${shown}: cell ${failedCell} ("${sourceOf(failed).split("\n")[0].slice(0, 60)}") failed: ${cellErrorLine(failed)}; its outputs are in ${input}`, failedCell);
  }
  const html = await notebookToHtml(input, { nbconvert, outputDirectory: options.outputDirectory, environment });
  return { notebook: input, html };
}
