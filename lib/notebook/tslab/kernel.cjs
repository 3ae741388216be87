// The project's tslab kernel: tslab 1.0.22 (pinned) with short errors and help in the editor (editor-help.cjs). Registered by registerTslabKernel
// (lib/notebook/jupyter.ts) as the kernel's command, in place of node_modules/.bin/tslab:
//
//   node lib/notebook/tslab/kernel.cjs kernel --config-path {connection_file}
//
// An error a cell throws is printed as one line (its name and message, which carries the hint) and the library's
// own frames as `lib/<file>.ts:<line>` (the bundle's source map names them); the frames of the cell's evalmachine,
// node:vm, Node internals, tslab and npm packages are hidden. PERSONA_TALKS_STACK=full (in the environment, or
// `process.env.PERSONA_TALKS_STACK = "full"` in a cell) prints the whole stack instead. Plain CommonJS, not
// TypeScript: it runs before anything could compile TypeScript. (The folder is named tslab so that
// inTslabKernel() still knows the process for a kernel.)
"use strict";
const { join, relative, sep, isAbsolute } = require("node:path");
const { convertersWithEditorHelp, handleCompleteWithTypes } = require("./editor-help.cjs");

const ROOT = process.env.PERSONA_TALKS_ROOT || join(__dirname, "..", "..", "..");

/** `    at name (file:line:col)` or `    at file:line:col` -> { name, file, line }. */
function parseFrame(line) {
  const match = /^\s*at (?:(.*?) \()?(.+?):(\d+):\d+\)?$/.exec(line);
  if (!match) return undefined;
  return { name: match[1], file: match[2].replace(/^file:\/\//, ""), line: Number(match[3]) };
}

/**
 * The short form of an error: `Name: message`, then the frames in the library's TypeScript sources as
 * `    at name (lib/<file>.ts:<line>)`. `full` (default: PERSONA_TALKS_STACK=full) gives the whole stack.
 */
function shortError(error, options = {}) {
  const full = options.full ?? process.env.PERSONA_TALKS_STACK === "full";
  const root = options.root ?? ROOT;
  const stack = typeof error.stack === "string" ? error.stack : "";
  if (full && stack) return stack;
  const head = `${error.name || "Error"}: ${error.message}`;
  const frames = [];
  for (const line of stack.split("\n")) {
    const frame = parseFrame(line);
    if (!frame || !isAbsolute(frame.file)) continue;
    const path = relative(root, frame.file);
    if (path.startsWith("..") || !path.startsWith(`lib${sep}`) || !/\.ts$/.test(path) || path.includes(`${sep}node_modules${sep}`)) continue;
    const where = `${path.split(sep).join("/")}:${frame.line}`;
    frames.push(`    at ${frame.name ? `${frame.name} (${where})` : where}`);
  }
  return [head, ...frames.slice(0, options.maxFrames ?? 5)].join("\n");
}

/** The executor's console with errors shortened; everything else passes through. */
function shortErrorConsole(console, options) {
  return {
    ...console,
    log: console.log,
    error: (...args) => (args.length === 1 && args[0] instanceof Error ? console.error(shortError(args[0], options)) : console.error(...args)),
  };
}

function startKernel(argv) {
  const index = argv.indexOf("--config-path");
  if (argv[0] !== "kernel" || index < 0 || !argv[index + 1]) {
    console.error("usage: node lib/notebook/tslab/kernel.cjs kernel --config-path CONNECTION_FILE");
    process.exit(2);
  }
  // tslab's main creates the executor through this module's export (looked up at call time), so replacing it here
  // gives the kernel's executor the short-error console.
  // Its converters get the editor help of editor-help.cjs (Shift-Tab inside a call, prefix-only completion), and
  // the completion reply the names' types.
  const executor = require("tslab/dist/executor");
  const createExecutor = executor.createExecutor;
  executor.createExecutor = (rootDirectory, converters, console) => createExecutor(rootDirectory, convertersWithEditorHelp(converters), shortErrorConsole(console));
  require("tslab/dist/jupyter").JupyterHandlerImpl.prototype.handleComplete = handleCompleteWithTypes;
  require("tslab/dist/main").startKernel({ configPath: argv[index + 1], enableFindLocal: false });
}

module.exports = { shortError, shortErrorConsole };
if (require.main === module) startKernel(process.argv.slice(2));
