import { spawn } from "node:child_process";
import { basename, join } from "node:path";
import { jupyterEnvironment } from "./jupyter";

/**
 * nbconvert's output priority for HTML with the static image first. nbconvert's default puts text/html before
 * image/png, so an output carrying both would show its HTML (which needs JavaScript for a chart); this order shows a
 * chart's PNG or SVG, and outputs that only have HTML (tables, the case study) still show their HTML. The Plotly
 * JSON type is not listed: a static page cannot draw it.
 */
export const STATIC_FIRST_PRIORITY = ["image/svg+xml", "image/png", "image/jpeg", "text/html", "text/markdown", "text/latex", "application/pdf", "text/plain"];

/** The nbconvert argument that sets STATIC_FIRST_PRIORITY (a Python list literal, as traitlets reads it). */
export function staticFirstPriorityArgument(): string {
  return `--NbConvertBase.display_data_priority=[${STATIC_FIRST_PRIORITY.map((type) => `'${type}'`).join(",")}]`;
}

/**
 * Converts an executed notebook to `<outputDirectory>/<name>.html` with the static image of every chart preferred,
 * so the page shows every chart with JavaScript disabled. Resolves to the HTML path; rejects with nbconvert's log.
 */
export function notebookToHtml(notebook: string, options: { nbconvert: string; outputDirectory: string; environment?: NodeJS.ProcessEnv }): Promise<string> {
  const name = basename(notebook).replace(/\.ipynb$/, "");
  const args = ["--to", "html", staticFirstPriorityArgument(), `--output-dir=${options.outputDirectory}`, `--output=${name}`, notebook];
  return new Promise((resolve, reject) => {
    const child = spawn(options.nbconvert, args, { env: jupyterEnvironment(options.environment), stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    child.stderr.on("data", (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-20_000);
    });
    child.on("error", (error) => reject(new Error(`${options.nbconvert}: ${error.message}`)));
    child.on("close", (status) => (status === 0 ? resolve(join(options.outputDirectory, `${name}.html`)) : reject(new Error(`nbconvert --to html failed (exit ${status}):\n${log}`))));
  });
}
