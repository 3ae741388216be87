// Loads the persona-talks library into a tslab notebook, typed:
//
//   const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();
//
// tslab type-checks every imported .ts file with its own fixed, non-strict compiler options, under which the
// library (written for `strict`) does not compile. So the library runs as one CommonJS bundle built by esbuild
// (npm packages stay external), and its types come from declarations that tsc emits (`--emitDeclarationOnly`,
// incremental) into .jupyter/build/types/: tslab reads those, so `pt.` completes and a wrong option is a type
// error in the cell. load() rebuilds both only when a file under lib/ changed since the last build: edit a file,
// re-run the cell, and the edit is used. In a kernel the declarations are rebuilt by a compiler kept warm in a
// worker thread (lib/notebook/tslab/declarations-worker.cjs), so a reload after an edit takes a second or two. The bundle carries an inline source map and source maps are switched on,
// so an error thrown in the library names lib/<file>.ts:<line>.
"use strict";
const { join, relative } = require("node:path");
const { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } = require("node:fs");
const { spawnSync } = require("node:child_process");

const root = process.env.PERSONA_TALKS_ROOT || join(__dirname, "..");
const lib = join(root, "lib");
const entry = join(lib, "notebook", "notebook-api.ts");
// .jupyter/ is git-ignored project-local Jupyter state; the bundle and declarations are build products, so they live there too.
const build = join(root, ".jupyter", "build");
const bundle = join(build, "persona-talks.cjs");
const types = join(build, "types");
const typesStamp = join(types, ".built");
const bundleStamp = join(build, ".bundle-built");
const workerModule = join(lib, "notebook", "tslab", "declarations-worker.cjs");
const lockPath = join(build, ".prepare.lock");

/** The newest modification time of the library's sources (.ts and the data files they import). */
function newestSource(directory = lib) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function upToDate(stamp, newest) {
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newest;
}

/**
 * Inside a tslab kernel (`node .../tslab/... kernel`) with PERSONA_TALKS_TYPES_WORKER=on, which `npm run jupyter`
 * sets for its kernels. Headless runs (nbconvert, `notebook run`, reproduce, the tests) load once and need no warm
 * compiler, so they do without its start-up work and memory.
 */
function useDeclarationsWorker() {
  return process.env.PERSONA_TALKS_TYPES_WORKER === "on" && process.argv.some((argument) => /(^|[\\/])tslab([\\/]|$)/.test(argument));
}

/** The declaration-only tsconfig (the project's, emitting the declarations of what notebook-api.ts reaches). */
function writeTypesConfig() {
  mkdirSync(types, { recursive: true });
  const config = join(build, "tsconfig.types.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(root, "tsconfig.json"),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        incremental: true,
        tsBuildInfoFile: join(types, ".tsbuildinfo"),
        outDir: types,
        rootDir: lib,
      },
      files: [entry],
      include: [],
    }),
  );
  return config;
}

/** One run of tsc (incremental, from the last .tsbuildinfo): ~10 s, nearly all of it parsing what lib/ imports. */
function runTsc(config) {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, "-p", config], { cwd: root, encoding: "utf8" });
  if (result.error) throw result.error;
  return { ok: result.status === 0, status: result.status, text: result.stdout + result.stderr };
}

/**
 * Emits the library's declarations into .jupyter/build/types unless they are newer than every file under lib/.
 * Returns true when it built. In a kernel of `npm run jupyter` the compiler stays warm in a worker thread (started by the first
 * call, which then parses in the background): a rebuild after an edit takes a second or two. Elsewhere, or when
 * the worker fails, tsc runs once (incremental: ~10 s). Type errors in the library do not stop the emit; they are
 * printed (npm run typecheck shows them all).
 */
function buildTypes(options = {}) {
  const newest = options.newest ?? newestSource();
  const stale = options.force || !upToDate(typesStamp, newest);
  const config = stale || useDeclarationsWorker() ? writeTypesConfig() : undefined;
  const worker = useDeclarationsWorker() ? require(workerModule) : undefined;
  if (worker) worker.startDeclarationsWorker(root, config);
  if (!stale) return false;
  const started = Date.now();
  const answer = worker?.requestDeclarations("build");
  const result = answer && !answer.error ? { ok: answer.errors === 0, status: answer.errors, text: answer.text } : runTsc(config);
  if (!existsSync(join(types, "notebook", "notebook-api.d.ts"))) {
    throw new Error(`the library's declarations could not be emitted (tsc exit ${result.status}):\n${result.text}`);
  }
  if (!result.ok) console.error(`tsc reports type errors in lib/ (the notebook still loads):\n${result.text.split("\n").slice(0, 10).join("\n")}`);
  // Stamped with the time the build started: an edit saved during the build makes the next load build again.
  writeFileSync(typesStamp, new Date(started).toISOString());
  utimesSync(typesStamp, started / 1000, started / 1000);
  return true;
}

/**
 * Waits until the kernel's declarations worker has parsed the library (the first load() starts it in the
 * background); the bench calls it so that it measures a reload with a warm compiler. False when there is none.
 */
function typesReady() {
  if (!useDeclarationsWorker()) return false;
  const answer = require(workerModule).requestDeclarations("warm");
  return Boolean(answer && !answer.error);
}

/** Bundles lib/notebook/notebook-api.ts into .jupyter/build/persona-talks.cjs unless it is newer than lib/. */
function buildBundle(options = {}) {
  const newest = options.newest ?? newestSource();
  if (!options.force && existsSync(bundle) && upToDate(bundleStamp, newest)) return false;
  const esbuild = require(require.resolve("esbuild", { paths: [root] }));
  mkdirSync(build, { recursive: true });
  // Written beside and renamed into place: a kernel requiring the bundle meanwhile reads the old one or the new one.
  const temporary = `${bundle}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    sourcesContent: false,
    logLevel: "error",
  });
  renameSync(temporary, bundle);
  writeFileSync(bundleStamp, new Date().toISOString());
  return true;
}

/** True while process `pid` runs (signal 0 checks without sending anything). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Takes the lock if nobody holds it: created exclusively, then given this process's pid. */
function takeFreeLock() {
  let descriptor;
  try {
    descriptor = openSync(lockPath, "wx");
  } catch (error) {
    if (error.code === "EEXIST") return false;
    throw error;
  }
  writeSync(descriptor, String(process.pid));
  closeSync(descriptor);
  return true;
}

/**
 * True when the lock's holder is gone: its pid no longer runs, or no pid was written within a few seconds (a
 * process killed between creating the file and writing it). False while it is held, or when it was just released.
 */
function holderGone() {
  try {
    const holder = Number(readFileSync(lockPath, "utf8"));
    if (Number.isInteger(holder) && holder > 0) return !alive(holder);
    return Date.now() - statSync(lockPath).mtimeMs > 5_000;
  } catch {
    return false;
  }
}

/**
 * Runs `work` holding .jupyter/build/.prepare.lock (a file holding the holder's pid), so that two kernels, or a
 * kernel and the tests, never emit the declarations or the bundle at once (one would read the other's half-written
 * files). A lock left by a process that ended (a kernel stopped mid-build) is taken over: this pid is renamed over
 * it, and the lock is ours only if it still reads our pid a moment later (two processes may find it stale at once).
 */
function withBuildLock(work) {
  mkdirSync(build, { recursive: true });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const sleep = (milliseconds) => Atomics.wait(pause, 0, 0, milliseconds);
  const own = String(process.pid);
  for (;;) {
    if (takeFreeLock()) break;
    if (holderGone()) {
      const temporary = `${lockPath}.${own}.tmp`;
      writeFileSync(temporary, own);
      renameSync(temporary, lockPath);
      sleep(100);
      if (readFileSync(lockPath, "utf8") === own) break;
    } else sleep(100);
  }
  try {
    return work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

/** Builds what is stale (declarations, bundle); `npm run jupyter`, reproduce and the tests call this first. */
function prepare(options = {}) {
  return withBuildLock(() => prepareUnlocked(options));
}

function prepareUnlocked(options) {
  const newest = newestSource();
  const started = performance.now();
  const types = buildTypes({ ...options, newest });
  const typesDone = performance.now();
  const bundle = buildBundle({ ...options, newest });
  timings.typesSeconds = (typesDone - started) / 1000;
  timings.bundleSeconds = (performance.now() - typesDone) / 1000;
  return { types, bundle };
}

/** Seconds the last load() took: in all, and for the declarations and the bundle (`npm run bench` reports them). */
const timings = { loadSeconds: 0, typesSeconds: 0, bundleSeconds: 0 };

/** The library as a module: rebuilt and re-required when lib/ changed since the last load, else the loaded one. */
function load(options = {}) {
  // Stack traces through the bundle name lib/<file>.ts:<line> (the bundle's inline source map).
  if (typeof process.setSourceMapsEnabled === "function") process.setSourceMapsEnabled(true);
  const started = performance.now();
  const built = prepare(options);
  const path = require.resolve(bundle);
  if (built.bundle) delete require.cache[path];
  const loaded = require(path);
  timings.loadSeconds = (performance.now() - started) / 1000;
  if (built.types && options.quiet !== true && !process.env.PERSONA_TALKS_QUIET_LOAD) {
    console.log(`persona-talks: rebuilt the bundle and declarations from ${relative(process.cwd(), lib) || "lib"}/ (the new types reach cells run a moment from now)`);
  }
  return loaded;
}

module.exports = { load, prepare, buildTypes, buildBundle, typesReady, withBuildLock, timings, bundle, types };
