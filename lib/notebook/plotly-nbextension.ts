import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { projectRoot } from "../paths";
import { jupyterDataDirectory } from "./jupyter";

/** The nbextension's name: its folder under nbextensions/ and its require path `persona-talks-plotly/main`. */
export const PLOTLY_NBEXTENSION = "persona-talks-plotly";

export interface InstalledNbextension {
  /** The folder the Notebook server serves as /nbextensions/persona-talks-plotly/. */
  directory: string;
  /** The nbconfig file that enables it for every notebook. */
  config: string;
}

/** Copies `from` to `to` unless `to` already has the same size and is not older. */
function copyIfChanged(from: string, to: string): void {
  if (existsSync(to)) {
    const source = statSync(from);
    const target = statSync(to);
    if (source.size === target.size && target.mtimeMs >= source.mtimeMs) return;
  }
  copyFileSync(from, to);
}

/**
 * Installs the Plotly renderer for the classic Notebook into the project-local Jupyter folders (no global state):
 * `.jupyter/share/jupyter/nbextensions/persona-talks-plotly/{main.js,plotly.min.js}` (plotly.js from the installed
 * plotly.js-dist-min, served by the Notebook server itself) and `load_extensions` in
 * `.jupyter/config/nbconfig/notebook.json` (other entries there are kept). Idempotent; `npm run jupyter` calls it.
 */
export function installPlotlyNbextension(): InstalledNbextension {
  const root = projectRoot();
  const directory = join(jupyterDataDirectory(), "nbextensions", PLOTLY_NBEXTENSION);
  mkdirSync(directory, { recursive: true });
  const plotly = createRequire(join(root, "package.json")).resolve("plotly.js-dist-min/plotly.min.js");
  copyIfChanged(plotly, join(directory, "plotly.min.js"));
  copyIfChanged(join(root, "lib", "notebook", "nbextension", "plotly-renderer.js"), join(directory, "main.js"));

  const config = join(root, ".jupyter", "config", "nbconfig", "notebook.json");
  mkdirSync(dirname(config), { recursive: true });
  let settings: { load_extensions?: Record<string, boolean> } & Record<string, unknown> = {};
  if (existsSync(config)) {
    try {
      settings = JSON.parse(readFileSync(config, "utf8")) as typeof settings;
    } catch {
      settings = {}; // a broken file of ours: rewritten
    }
  }
  const key = `${PLOTLY_NBEXTENSION}/main`;
  if (settings.load_extensions?.[key] !== true) {
    settings = { ...settings, load_extensions: { ...settings.load_extensions, [key]: true } };
    writeFileSync(config, `${JSON.stringify(settings, null, 2)}\n`);
  }
  return { directory, config };
}
