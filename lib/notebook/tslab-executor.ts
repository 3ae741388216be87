import { createRequire } from "node:module";
import { join } from "node:path";
import { inspect } from "node:util";
import { projectRoot } from "../paths";

// Runs TypeScript cells in-process with tslab's own converter and executor (the code behind the Jupyter kernel,
// without Jupyter): the same type check with the same compiler options and the same execution, in a fraction of the
// time nbconvert needs. Used by the tests that run the docs' notebook examples and check that misuse fails type
// checking. These are tslab internals (dist/converter, dist/executor): package.json pins tslab to an exact version.

export interface CellRun {
  code: string;
  ok: boolean;
  /** What the cell printed (console.log) and its errors (type errors, exceptions with their stacks). */
  output: string;
  errors: string;
  /** The display outputs the cell sent (tslab's display: one MIME bundle each). */
  displays: Array<Record<string, unknown>>;
  milliseconds: number;
}

export interface TslabSession {
  run(code: string): Promise<CellRun>;
  close(): void;
}

interface TslabExecutor {
  execute(code: string): Promise<boolean>;
  close(): void;
}

/** Opens a tslab executor whose working directory is `directory` (default notebooks/, as in Jupyter). */
export function openTslabSession(directory = join(projectRoot(), "notebooks")): TslabSession {
  const load = createRequire(join(projectRoot(), "package.json"));
  const { createConverter } = load("tslab/dist/converter.js") as { createConverter(options: { isJS: boolean; isBrowser: boolean }): { close(): void } };
  const { createExecutor } = load("tslab/dist/executor.js") as {
    createExecutor(root: string, converters: unknown, console: { log(...args: unknown[]): void; error(...args: unknown[]): void }): TslabExecutor;
  };
  const previous = process.cwd();
  process.chdir(directory);
  const node = createConverter({ isJS: false, isBrowser: false });
  const converters = {
    node,
    get browser(): never {
      throw new Error("browser cells are not supported here");
    },
    close: () => node.close(),
  };
  let output = "";
  let errors = "";
  let displays: Array<Record<string, unknown>> = [];
  // What the kernel would send to the front end as display_data: collected instead.
  const kernel = load("tslab/dist/jupyter.js") as { lastWriteDisplayData?: (message: { data: Record<string, unknown> }) => void };
  kernel.lastWriteDisplayData = (message) => displays.push(message.data);
  const format = (args: unknown[]) => {
    // tslab reports type errors as console.error("%s%d:%d - %s", prefix, line, column, message).
    if (typeof args[0] === "string" && args[0].includes("%")) {
      let rest = args.slice(1);
      return args[0].replace(/%[sd]/g, () => String(rest.shift() ?? "")) + (rest.length ? ` ${rest.join(" ")}` : "");
    }
    // As the kernel prints them: errors with their (source-mapped) stacks.
    return args.map((arg) => (typeof arg === "string" ? arg : inspect(arg))).join(" ");
  };
  const executor = createExecutor(directory, converters, {
    log: (...args) => (output += `${format(args)}\n`),
    error: (...args) => (errors += `${format(args)}\n`),
  });
  return {
    async run(code) {
      output = "";
      errors = "";
      displays = [];
      const started = Date.now();
      const originalLog = console.log;
      // Library code logs with the global console; collect that too.
      console.log = (...args: unknown[]) => (output += `${format(args)}\n`);
      try {
        const ok = await executor.execute(code);
        return { code, ok, output, errors, displays, milliseconds: Date.now() - started };
      } finally {
        console.log = originalLog;
      }
    },
    close() {
      executor.close();
      converters.close();
      process.chdir(previous);
    },
  };
}
