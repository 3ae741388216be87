import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, delimiter, join } from "node:path";
import { projectRoot } from "../paths";
import { parseNotebook, serializeNotebook, type Notebook } from "./notebook-file";

/** How to get Jupyter, printed wherever it is missing. */
export const JUPYTER_INSTALL_HINT =
  "Install Jupyter (Notebook + nbconvert) with\n" +
  "  sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client\n" +
  "or\n" +
  "  pip install notebook nbconvert\n" +
  "then run the command again.";

/** Finds an executable: the environment variable's value, then fixed Debian paths, then PATH. */
function findExecutable(name: string, variable: string, environment: NodeJS.ProcessEnv): string | undefined {
  const given = environment[variable];
  if (given) return existsSync(given) ? given : undefined;
  const candidates = [`/usr/bin/${name}`, ...(environment.PATH ?? "").split(delimiter).filter(Boolean).map((directory) => join(directory, name))];
  return candidates.find((candidate) => existsSync(candidate));
}

/** jupyter-nbconvert: $PERSONA_TALKS_NBCONVERT, /usr/bin (Debian), else PATH. */
export function findNbconvert(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable("jupyter-nbconvert", "PERSONA_TALKS_NBCONVERT", environment);
}

/** jupyter-notebook: $PERSONA_TALKS_JUPYTER_NOTEBOOK, /usr/bin (Debian), else PATH. */
export function findJupyterNotebook(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable("jupyter-notebook", "PERSONA_TALKS_JUPYTER_NOTEBOOK", environment);
}

/** The Python a Jupyter script runs with (from its #! line), so the kernel is registered for that Jupyter. */
export function pythonOf(script: string): string {
  try {
    const first = readFileSync(script, "utf8").split("\n", 1)[0];
    const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (match) return match[1].endsWith("/env") && match[2] ? match[2] : match[1];
  } catch {
    // a binary launcher: fall back to python3 on PATH
  }
  return "python3";
}

/** The project-local Jupyter data folder (git-ignored): kernels are registered here, never globally. */
export function jupyterDataDirectory(): string {
  return join(projectRoot(), ".jupyter", "share", "jupyter");
}

/** Environment for Jupyter processes: finds the project-local tslab kernel and keeps Jupyter's state in .jupyter/. */
export function jupyterEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const root = projectRoot();
  const existing = process.env.JUPYTER_PATH ? `${delimiter}${process.env.JUPYTER_PATH}` : "";
  return {
    ...process.env,
    JUPYTER_PATH: `${jupyterDataDirectory()}${existing}`,
    JUPYTER_CONFIG_DIR: join(root, ".jupyter", "config"),
    JUPYTER_RUNTIME_DIR: join(root, ".jupyter", "runtime"),
    IPYTHONDIR: join(root, ".jupyter", "ipython"),
    PERSONA_TALKS_ROOT: root,
    ...extra,
  };
}

/**
 * Registers the project's tslab kernel in the project-local Jupyter folder (never globally): a kernel.json whose
 * argv starts the project's launcher (lib/notebook/tslab/kernel.cjs: tslab 1.0.22 with short errors and editor
 * help). Written here rather than by `tslab install`, whose Jupyter call deletes the kernel folder and copies it
 * anew: a kernel starting meanwhile (tests and notebooks register it concurrently) found no kernel named tslab.
 * An unchanged spec is left alone; a changed one is replaced in one rename, so a reader sees the old or the new.
 */
export function registerTslabKernel(): string {
  const root = projectRoot();
  const tslab = join(root, "node_modules", ".bin", "tslab");
  if (!existsSync(tslab)) throw new Error(`tslab is not installed at ${tslab}; run npm ci`);
  const kernel = join(jupyterDataDirectory(), "kernels", "tslab");
  const specPath = join(kernel, "kernel.json");
  const spec = {
    argv: [process.execPath, join(root, "lib", "notebook", "tslab", "kernel.cjs"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  if (existsSync(specPath) && readFileSync(specPath, "utf8") === text) return kernel;
  mkdirSync(kernel, { recursive: true });
  const temporary = `${specPath}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, specPath);
  return kernel;
}

export interface ExecuteNotebookOptions {
  /** Folder for the executed notebook (and its HTML copy). */
  outputDirectory: string;
  /** Extra environment for the kernel (PERSONA_TALKS_N, PERSONA_TALKS_PROVIDER, ...). */
  environment?: NodeJS.ProcessEnv;
  /** Also write an HTML copy; default true. */
  html?: boolean;
  /** Keep going after a failing cell (nbconvert --allow-errors): the saved notebook then shows each cell's error. */
  allowErrors?: boolean;
  /** Per-cell timeout in seconds; default 600. */
  cellTimeoutSeconds?: number;
  nbconvert?: string;
}

export interface ExecutedNotebook {
  notebook: string;
  html?: string;
  status: number | null;
  /** nbconvert's stderr (its log and, on failure, the cell error). */
  log: string;
}

/**
 * Builds what the notebooks' load cell needs and is stale: the library bundle and its declarations (the cell's
 * `typeof import("../.jupyter/build/types/...")` is type-checked before it runs, so they must exist first).
 */
export function prepareNotebookLibrary(): { types: boolean; bundle: boolean } {
  const loader = createRequire(join(projectRoot(), "package.json"))(join(projectRoot(), "notebooks", "persona-talks.cjs")) as { prepare(): { types: boolean; bundle: boolean } };
  return loader.prepare();
}

/**
 * Numbers the executed code cells 1, 2, ... in order. nbclient takes counts from execute_input messages, which
 * tslab does not send, so an executed notebook would otherwise show `In [ ]` everywhere. Cells after a failing one
 * were not run and keep no count.
 */
export function numberExecutedCells(notebook: Notebook): Notebook {
  let count = 0;
  let failed = false;
  return {
    ...notebook,
    cells: notebook.cells.map((cell) => {
      if (cell.cell_type !== "code") return cell;
      if (failed) return { ...cell, execution_count: null };
      const numbered = { ...cell, execution_count: ++count };
      if ((cell.outputs ?? []).some((output) => (output as { output_type?: string }).output_type === "error")) failed = true;
      for (const output of (numbered.outputs ?? []) as { output_type?: string; execution_count?: number | null }[]) {
        if (output.output_type === "execute_result") output.execution_count = count;
      }
      return numbered;
    }),
  };
}

/** Runs a command to completion, collecting stderr (nbconvert's log). */
function run(command: string, args: string[], environment: NodeJS.ProcessEnv): Promise<{ status: number | null; log: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: environment, stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    child.stderr.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      // Keep the tail only: a failing cell's traceback is at the end.
      if (log.length > 200_000) log = log.slice(-100_000);
    });
    child.on("error", (error) => resolve({ status: null, log: `${log}${String(error)}` }));
    child.on("close", (status) => resolve({ status, log }));
  });
}

/**
 * Executes a notebook headless with the project-local tslab kernel (nbconvert --execute; the kernel's working
 * directory is the notebook's folder) and writes `<name>.ipynb` with its outputs and, unless html is false, an HTML
 * copy `<name>.html` into the output folder. It stops at the first failing cell: a non-zero status, and the log
 * names the cell (tslab prints the error itself on the cell's stderr).
 */
export async function executeNotebook(path: string, options: ExecuteNotebookOptions): Promise<ExecutedNotebook> {
  const nbconvert = options.nbconvert ?? findNbconvert();
  if (!nbconvert) throw new Error(`jupyter-nbconvert not found. ${JUPYTER_INSTALL_HINT}`);
  const name = basename(path).replace(/\.ipynb$/, "");
  prepareNotebookLibrary();
  const environment = jupyterEnvironment(options.environment);
  const common = [`--output-dir=${options.outputDirectory}`, `--output=${name}`];
  const executed = await run(
    nbconvert,
    ["--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=tslab", `--ExecutePreprocessor.timeout=${options.cellTimeoutSeconds ?? 600}`, ...(options.allowErrors ? ["--allow-errors"] : []), ...common, path],
    environment,
  );
  const notebook = join(options.outputDirectory, `${name}.ipynb`);
  if (existsSync(notebook)) writeFileSync(notebook, serializeNotebook(numberExecutedCells(parseNotebook(readFileSync(notebook, "utf8"), notebook))));
  const result: ExecutedNotebook = { notebook, status: executed.status, log: executed.log };
  if (executed.status === 0 && options.html !== false) {
    const html = await run(nbconvert, ["--to", "html", ...common, notebook], environment);
    result.log += html.log;
    if (html.status === 0) result.html = join(options.outputDirectory, `${name}.html`);
    else result.status = html.status;
  }
  return result;
}
