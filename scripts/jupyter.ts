// npm run jupyter [-- --port N] [-- extra jupyter-notebook options]: registers the tslab kernel in .jupyter/ (project-local, no global
// state), builds the library bundle and its declarations (so `pt` is typed in the first cell), and starts Jupyter
// Notebook on 127.0.0.1 in notebooks/, without opening a browser. Ctrl-C, or SIGTERM to npm or to this process,
// stops the server and its kernels; nothing is left listening on the port.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { findJupyterNotebook, JUPYTER_INSTALL_HINT, jupyterEnvironment, prepareNotebookLibrary, registerTslabKernel } from "../lib/notebook/jupyter";
import { chooseJupyterPort, DEFAULT_JUPYTER_PORT, parseLauncherArguments } from "../lib/notebook/jupyter-port";
import { installPlotlyNbextension } from "../lib/notebook/plotly-nbextension";
import { projectRoot } from "../lib/paths";

// --port wins over PERSONA_TALKS_JUPYTER_PORT; a taken port is replaced by a free one (said in one line, below).
let launcher: ReturnType<typeof parseLauncherArguments>;
let wanted: number;
try {
  launcher = parseLauncherArguments(process.argv.slice(2));
  const fromEnvironment = process.env.PERSONA_TALKS_JUPYTER_PORT ? parseLauncherArguments(["--port", process.env.PERSONA_TALKS_JUPYTER_PORT]).port : undefined;
  wanted = launcher.port ?? fromEnvironment ?? DEFAULT_JUPYTER_PORT;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

const notebook = findJupyterNotebook();
if (!notebook) {
  console.error(`Jupyter Notebook (jupyter-notebook) was not found.\n${JUPYTER_INSTALL_HINT}`);
  process.exit(1);
}
const kernel = registerTslabKernel();
console.log(`tslab kernel registered in ${kernel}`);
// Live charts in the classic Notebook: a renderer for Plotly's MIME type, plotly.js served locally.
installPlotlyNbextension();
const started = Date.now();
const built = prepareNotebookLibrary();
if (built.types || built.bundle) console.log(`library bundle and declarations built in .jupyter/build (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const { port, notice } = await chooseJupyterPort(wanted);
if (notice) console.log(notice);
// Its own process group (detached), with no terminal input: a Ctrl-C in the terminal reaches only this script,
// which stops Jupyter with SIGTERM. (Jupyter answers a SIGINT from a terminal with a "Shutdown? (y/[n])" prompt
// and, from npm's forwarded signal, with nothing at all; SIGTERM shuts it and its kernels down at once.)
const child = spawn(
  notebook,
  [
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    // notebooks/ unless the user names another folder (Jupyter rejects the option twice).
    ...(launcher.rest.some((argument) => /^--(?:NotebookApp\.)?notebook[-_]dir(?:=|$)/.test(argument)) ? [] : [`--notebook-dir=${join(projectRoot(), "notebooks")}`]),
    // Jupyter refuses to start as root (containers, CI) unless told to.
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ...launcher.rest,
  ],
  // Its kernels keep a compiler warm for quick reloads of the load cell (notebooks/persona-talks.cjs).
  { env: jupyterEnvironment({ PERSONA_TALKS_TYPES_WORKER: process.env.PERSONA_TALKS_TYPES_WORKER || "on" }), stdio: ["ignore", "inherit", "pipe"], detached: true },
);
// Jupyter prints its URL (with the access token) on stderr; pass everything through and repeat the URL clearly.
let announced = false;
child.stderr!.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  const url = /(http:\/\/127\.0\.0\.1:\d+\/\S*token=\S+)/.exec(chunk.toString());
  if (url && !announced) {
    announced = true;
    console.log(`\nOpen ${url[1]}\n(notebooks run in the "TypeScript" (tslab) kernel; Ctrl-C here stops the server)`);
  }
});
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.error(`\n${signal}: stopping Jupyter (pid ${child.pid}) and its kernels ...`);
  // The whole group: the server and the kernels it started.
  const kill = (how: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, how);
    } catch {
      // already gone
    }
  };
  kill("SIGTERM");
  // A server that has not stopped after 10 s is killed, so the port is always freed.
  setTimeout(() => kill("SIGKILL"), 10_000).unref();
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGHUP", () => stop("SIGHUP"));
// npm runs this through `sh -c`; should npm die without passing its signal on (or be killed with -9), this script
// is re-parented: stop the server then too, rather than leave it on the port.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop("SIGHUP");
}, 1000).unref();
child.on("exit", (code, signal) => {
  // Kernels are in the same process group: make sure none outlives the server.
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // nothing left
  }
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
