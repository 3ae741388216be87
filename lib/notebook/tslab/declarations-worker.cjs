// Quick reloads in a notebook kernel: the library's declarations (.jupyter/build/types) rebuilt by a TypeScript
// program kept in memory, in a worker thread of the kernel.
//
// A one-shot `tsc --emitDeclarationOnly` after a one-line edit takes 10-13 s, and almost all of it is parsing and
// binding the ~1,400 files the library reaches (its own ~370, the SDKs', zod's, Node's and the DOM's
// declarations), even when only one file changed. This worker parses them once (in the background, after the
// kernel's first `load()`), keeps every parsed file, and on each request re-reads only the files whose mtime
// changed, re-checks what they affect and writes only the declarations whose text changed (tslab watches them).
// After a one-line edit the load cell waits for the declarations of the edited file only (0.1-0.4 s); those of
// the files that import it, which a changed declaration may affect, follow in the background (compiler() below).
//
// The loader (notebooks/persona-talks.cjs) uses it only inside a tslab kernel with PERSONA_TALKS_TYPES_WORKER=on,
// which `npm run jupyter` sets (headless runs, scripts and tests run tsc once; set it to off before
// `npm run jupyter` to do so there too). It costs the memory of one compiler program (about 400 MB) for the
// kernel's lifetime, and ends with the kernel (an unref'd thread).
//
// The kernel asks synchronously (load() is synchronous): it posts a request with a SharedArrayBuffer, blocks in
// Atomics.wait, and reads the answer from a MessagePort with receiveMessageOnPort.
"use strict";
const { existsSync, readFileSync, statSync } = require("node:fs");
const { Worker, MessageChannel, isMainThread, parentPort, workerData, receiveMessageOnPort } = require("node:worker_threads");

/** The worker side: answers every request, with { error } when the compiler could not be set up. */
function serve(data) {
  let build;
  let warm;
  const failed = (error) => ({ error: String(error && error.stack ? error.stack : error) });
  try {
    build = compiler(data);
    // Warm up at once: parse and bind everything while the user runs the first cells.
    build.quick();
    warm = build.full();
  } catch (error) {
    warm = failed(error);
  }
  parentPort.on("message", ({ port, signal, kind }) => {
    let answer;
    try {
      answer = kind === "warm" || !build ? warm : build.quick();
    } catch (error) {
      answer = failed(error);
    }
    port.postMessage(answer);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
    // The kernel goes on; the declarations of the files that import what changed follow (next message waits).
    if (kind === "build" && build) {
      try {
        build.full();
      } catch {
        // the next build tries again
      }
    }
  });
}

/**
 * One incremental builder program over tsconfig.types.json. `quick()` makes the program anew (reusing every file
 * whose mtime is unchanged) and writes the declarations of the files that changed: what the load cell waits for.
 * `full()` then writes those of every file the change may affect (their importers, when a declaration changed,
 * and theirs in turn) and the .tsbuildinfo: checking every importer of a type much of the library uses takes
 * seconds, so the kernel does not wait for it. Until it is done, an importer's declaration that spelled out the
 * changed type (an inferred type, not a name) is the old one; tslab sees the new one when it is written.
 */
function compiler({ root, config }) {
  const ts = require(require.resolve("typescript", { paths: [root] }));
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed) throw new Error(`cannot read ${config}`);
  const host = ts.createIncrementalCompilerHost(parsed.options, ts.sys);
  // Parsed (and, once checked, bound) files are kept while their mtime stays: createProgram then reuses them.
  const files = new Map();
  // The files read again since the last program: the ones that changed.
  const changed = new Set();
  const mtimeOf = (fileName) => {
    try {
      return statSync(fileName).mtimeMs;
    } catch {
      return -1;
    }
  };
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const mtime = mtimeOf(fileName);
    const kept = files.get(fileName);
    if (kept && kept.mtime === mtime) return kept.sourceFile;
    const sourceFile = getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (sourceFile) files.set(fileName, { mtime, sourceFile });
    changed.add(fileName);
    return sourceFile;
  };
  // An unchanged declaration is not rewritten, so tslab (which watches them) re-checks nothing for a body edit.
  const writeFile = host.writeFile.bind(host);
  let written = 0;
  host.writeFile = (fileName, text, ...rest) => {
    if (!fileName.endsWith(".tsbuildinfo") && existsSync(fileName) && readFileSync(fileName, "utf8") === text) return;
    if (!fileName.endsWith(".tsbuildinfo")) written += 1;
    writeFile(fileName, text, ...rest);
  };
  const answer = (diagnostics, started) => {
    const errors = diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
    const text = errors.length ? ts.formatDiagnostics(errors.slice(0, 10), { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => "\n" }) : "";
    return { written, errors: errors.length, text, seconds: (performance.now() - started) / 1000 };
  };
  // The state of the last one-shot tsc (its .tsbuildinfo), so the first build emits only what changed since.
  let builder = ts.readBuilderProgram(parsed.options, { useCaseSensitiveFileNames: () => true, getCurrentDirectory: () => root, readFile: ts.sys.readFile });
  let first = true;
  const quick = () => {
    const started = performance.now();
    written = 0;
    builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram(parsed.fileNames, parsed.options, host, builder, ts.getConfigFileParsingDiagnostics(parsed), parsed.projectReferences);
    const diagnostics = [];
    // The first program has read every file: full() writes what the .tsbuildinfo says changed.
    if (!first) {
      const program = builder.getProgram();
      for (const fileName of changed) {
        const sourceFile = program.getSourceFile(fileName);
        if (!sourceFile || sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile)) continue;
        diagnostics.push(...program.emit(sourceFile, host.writeFile, undefined, true).diagnostics);
      }
    }
    first = false;
    changed.clear();
    return answer(diagnostics, started);
  };
  const full = () => {
    const started = performance.now();
    written = 0;
    return answer(builder.emit().diagnostics, started);
  };
  return { quick, full };
}

if (!isMainThread && workerData && workerData.persona_talks_declarations) serve(workerData);

let worker;

/** Starts the worker for this project (once per process); it warms up in the background. */
function startDeclarationsWorker(root, config) {
  if (worker) return worker;
  worker = new Worker(__filename, { workerData: { persona_talks_declarations: true, root, config }, stdout: false, stderr: false });
  worker.unref();
  worker.on("error", () => (worker = undefined));
  worker.on("exit", () => (worker = undefined));
  return worker;
}

/**
 * Asks the worker to rebuild (`kind: "build"`) or only to finish its warm-up (`"warm"`) and waits for it, at most
 * `timeoutMs`. Returns its answer ({ written, errors, text, seconds } or { error }), or undefined when there is no
 * worker or it did not answer in time (the caller then runs tsc once).
 */
function requestDeclarations(kind = "build", timeoutMs = 120_000) {
  if (!worker) return undefined;
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  worker.postMessage({ port: port2, signal, kind }, [port2]);
  const outcome = Atomics.wait(signal, 0, 0, timeoutMs);
  const message = outcome === "timed-out" ? undefined : receiveMessageOnPort(port1);
  port1.close();
  return message?.message;
}

module.exports = { startDeclarationsWorker, requestDeclarations };
