// npm run jupyter [-- extra jupyter-notebook options]: registers the tslab kernel in .jupyter/ (project-local, no global
// state) and starts Jupyter Notebook on 127.0.0.1 in notebooks/, without opening a browser. Stop it with Ctrl-C.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { findJupyterNotebook, JUPYTER_INSTALL_HINT, jupyterEnvironment, registerTslabKernel } from "../lib/notebook/jupyter";
import { projectRoot } from "../lib/paths";

const notebook = findJupyterNotebook();
if (!notebook) {
  console.error(`Jupyter Notebook (jupyter-notebook) was not found.\n${JUPYTER_INSTALL_HINT}`);
  process.exit(1);
}
const kernel = registerTslabKernel(notebook);
console.log(`tslab kernel registered in ${kernel}`);
const port = process.env.PERSONA_TALKS_JUPYTER_PORT ?? "8888";
const child = spawn(
  notebook,
  [
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    `--notebook-dir=${join(projectRoot(), "notebooks")}`,
    // Jupyter refuses to start as root (containers, CI) unless told to.
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ...process.argv.slice(2),
  ],
  { env: jupyterEnvironment(), stdio: ["inherit", "inherit", "pipe"] },
);
// Jupyter prints its URL (with the access token) on stderr; pass everything through and repeat the URL clearly.
let announced = false;
child.stderr.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  const url = /(http:\/\/127\.0\.0\.1:\d+\/\S*token=\S+)/.exec(chunk.toString());
  if (url && !announced) {
    announced = true;
    console.log(`\nOpen ${url[1]}\n(notebooks run in the "TypeScript" (tslab) kernel; Ctrl-C here stops the server)`);
  }
});
const stop = () => child.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
