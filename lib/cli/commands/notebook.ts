import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliCommand } from "../command";
import { EXIT, UsageError } from "../../errors";
import { parseSets } from "../../notebook/notebook-parameters";
import { NotebookCellError, resolveNotebook, runNotebook } from "../../notebook/run-notebook";
import { projectRoot } from "../../paths";

const HELP = `usage: persona-talks notebook run NAME [--set key=value]... [--out DIR]

Executes a notebook headless (nbconvert with the project-local tslab kernel) with the --set values written into
its config cell (the code cell whose first line is "// Configuration", or tagged "parameters"), and writes the
executed notebook DIR/<name>.ipynb and an HTML copy DIR/<name>.html.

  NAME           "01", "01-rq1-traits" (notebooks/NN-*.ipynb) or a path to an .ipynb file
  --set k=v      a value of the config cell: a property of pt.session({ ... }) (provider, model, n, seed,
                 cacheMode, ...) or a top-level const there; numbers, true/false and JSON as written, other
                 text as a string. Repeatable. A --set value wins over PERSONA_TALKS_* variables.
  --out DIR      default out/notebooks

Exit status: 0 done; 1 a cell failed (the message names it); 2 usage (unknown notebook, a --set name the config
cell does not have); 3 Jupyter (nbconvert) missing.`;

export const command: CliCommand = {
  summary: "Run a notebook headless with parameters (--set n=100): the executed .ipynb and an HTML copy",
  subcommands: ["run"],
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { set: { type: "string", multiple: true }, out: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(HELP);
      return EXIT.done;
    }
    const [action, name, ...rest] = positionals;
    if (action !== "run" || !name || rest.length) throw new UsageError("write persona-talks notebook run NAME [--set key=value]... [--out DIR]");
    const path = resolveNotebook(name);
    const out = resolve(values.out ?? join(projectRoot(), "out", "notebooks"));
    try {
      const result = await runNotebook(path, { sets: parseSets(values.set ?? []), outputDirectory: out, log: (line) => console.error(line) });
      console.log(`wrote ${result.notebook}\nwrote ${result.html}`);
      return EXIT.done;
    } catch (error) {
      if (!(error instanceof NotebookCellError)) throw error;
      console.error(`persona-talks notebook: ${error.message}`);
      return EXIT.partial;
    }
  },
};
