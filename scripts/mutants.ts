// npm run test:mutants [-- --only ID[,ID...]] [--list] [--timeout SECONDS] [--keep]
//
// A planted-bug check: applies each mutation of test/support/mutations.json (a realistic bug in the statistics,
// psychometrics, scoring, cache-key, rate-limiter or parser code) one at a time and runs the test files named for
// it; a mutation the tests do not fail "survived". Everything happens in a temporary copy of the project (tracked
// and untracked files, node_modules linked), so the working tree is never edited, whatever stops the run.
// Exit 0 when every mutation was killed; 1 when one survived, was stale (its snippet is gone from lib/) or the
// tests fail without any mutation; 2 usage; 130 interrupted. Not part of `npm test`: docs/testing.md has the result.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { dataDirectory, projectRoot } from "../lib/paths";
import { applyMutation, loadMutations, locateMutation, readSources, type Location, type Mutation } from "./mutation-list";

const USAGE = "usage: npm run test:mutants [-- --only ID[,ID...]] [--list] [--timeout SECONDS] [--keep]";

interface Options {
  only?: string[];
  list: boolean;
  timeoutSeconds: number;
  keep: boolean;
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = { list: false, timeoutSeconds: 300, keep: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === "--list") options.list = true;
    else if (arg === "--keep") options.keep = true;
    else if (arg === "--only") options.only = (args[++index] ?? "").split(",").filter(Boolean);
    else if (arg === "--timeout") options.timeoutSeconds = Number(args[++index]);
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else usage(`unknown option ${arg}`);
  }
  if (options.only?.length === 0) usage("--only needs mutation ids");
  if (!(options.timeoutSeconds > 0)) usage("--timeout must be a positive number of seconds");
  return options;
}

function usage(message: string): never {
  console.error(`mutants: ${message}\n${USAGE}`);
  process.exit(2);
}

/** Files to copy: what git tracks plus untracked files it does not ignore; without git, everything but the bulky folders. */
function projectFiles(root: string): string[] {
  const git = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  if (git.status === 0) return git.stdout.split("\0").filter((file) => file && existsSync(join(root, file)));
  const skip = new Set(["node_modules", ".git", "cache", "out", ".jupyter", "raw"]);
  const walk = (folder: string): string[] =>
    readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (skip.has(entry.name)) return [];
      return entry.isDirectory() ? walk(path) : [path];
    });
  return walk("");
}

function makeCopy(root: string): string {
  const copy = mkdtempSync(join(tmpdir(), "persona-talks-mutants-"));
  for (const file of projectFiles(root)) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

interface TestRun {
  passed: boolean;
  timedOut: boolean;
  seconds: number;
  /** The first failing test's name, when one failed. */
  firstFailure?: string;
  skipped: number;
  output: string;
}

let running: ChildProcess | undefined;

function runTests(copy: string, tests: readonly string[], timeoutSeconds: number): Promise<TestRun> {
  const environment: NodeJS.ProcessEnv = { ...process.env, PERSONA_TALKS_ROOT: copy };
  delete environment.NODE_TEST_CONTEXT;
  // The tests that need the real data find it where this checkout does (the copy has no data/raw).
  if (existsSync(dataDirectory())) environment.PERSONA_TALKS_DATA = dataDirectory();
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=tap", ...tests], {
      cwd: copy,
      env: environment,
      detached: true, // its own process group: a timeout or Ctrl-C ends the test files it started too
      stdio: ["ignore", "pipe", "pipe"],
    });
    running = child;
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutSeconds * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      running = undefined;
      const failure = output.match(/^\s*not ok \d+ - (.*)$/m);
      const skipped = Number(output.match(/^# skipped (\d+)$/m)?.[1] ?? 0);
      resolve({ passed: code === 0 && !timedOut, timedOut, seconds: (performance.now() - started) / 1000, firstFailure: failure?.[1], skipped, output });
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

type Outcome = { mutation: Mutation; location: Location; result?: "killed" | "survived"; run?: TestRun };

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const root = projectRoot();
  let mutations = loadMutations(root);
  if (options.only) {
    const unknown = options.only.filter((id) => !mutations.some((mutation) => mutation.id === id));
    if (unknown.length) usage(`unknown mutation id ${unknown.join(", ")} (see --list)`);
    mutations = mutations.filter((mutation) => options.only!.includes(mutation.id));
  }
  const sources = readSources(root);
  const outcomes: Outcome[] = mutations.map((mutation) => ({ mutation, location: locateMutation(root, mutation, sources) }));
  const idWidth = Math.max(...mutations.map((mutation) => mutation.id.length));

  if (options.list) {
    for (const { mutation, location } of outcomes) {
      const where = location.status === "found" ? `${location.file}  <- ${location.tests.join(" ")}` : `STALE: ${location.reason}`;
      console.log(`${pad(mutation.id, idWidth)}  ${pad(mutation.area, 14)} ${where}`);
    }
    return outcomes.every((outcome) => outcome.location.status === "found") ? 0 : 1;
  }

  const found = outcomes.filter((outcome): outcome is Outcome & { location: Location & { status: "found" } } => outcome.location.status === "found");
  const started = performance.now();
  const copy = makeCopy(root);
  const cleanUp = () => {
    if (running) killGroup(running);
    if (options.keep) console.error(`mutants: the copy stays in ${copy}`);
    else rmSync(copy, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      cleanUp();
      console.error(`\nmutants: interrupted; nothing in ${root} was changed`);
      process.exit(130);
    });
  }
  try {
    console.log(`mutants: ${mutations.length} mutations from test/support/mutations.json, applied one at a time in a copy (${copy})`);
    const allTests = [...new Set(found.flatMap((outcome) => outcome.location.tests))].sort();
    const baseline = await runTests(copy, allTests, options.timeoutSeconds * 2);
    if (!baseline.passed) {
      console.log(baseline.output.split("\n").filter((line) => /^\s*not ok /.test(line)).join("\n"));
      console.error(`mutants: the ${allTests.length} test files fail without any mutation${baseline.timedOut ? " (timed out)" : ""}; fix them first`);
      return 1;
    }
    console.log(`baseline: ${allTests.length} test files pass unmutated (${baseline.seconds.toFixed(0)} s${baseline.skipped ? `, ${baseline.skipped} skipped` : ""})`);

    let index = 0;
    for (const outcome of outcomes) {
      index++;
      const counter = `[${String(index).padStart(String(outcomes.length).length)}/${outcomes.length}]`;
      const { mutation, location } = outcome;
      if (location.status !== "found") {
        console.log(`${counter} STALE     ${pad(mutation.id, idWidth)}  ${location.reason}`);
        continue;
      }
      const path = join(copy, location.file);
      const original = readFileSync(path, "utf8");
      writeFileSync(path, applyMutation(original, mutation));
      try {
        outcome.run = await runTests(copy, location.tests, options.timeoutSeconds);
      } finally {
        writeFileSync(path, original);
      }
      const run = outcome.run;
      outcome.result = run.passed ? "survived" : "killed";
      const by = run.timedOut ? `timed out after ${options.timeoutSeconds} s` : run.firstFailure ? `by "${run.firstFailure}"` : "the test run failed";
      const detail = run.passed ? `${mutation.bug}; ran ${location.tests.join(" ")}${run.skipped ? ` (${run.skipped} skipped)` : ""}` : by;
      console.log(`${counter} ${run.passed ? "SURVIVED " : "killed   "} ${pad(mutation.id, idWidth)}  ${location.file}  ${run.seconds.toFixed(1)} s  ${detail}`);
    }
  } finally {
    cleanUp();
  }

  const killed = outcomes.filter((outcome) => outcome.result === "killed").length;
  const survived = outcomes.filter((outcome) => outcome.result === "survived");
  const stale = outcomes.filter((outcome) => outcome.location.status !== "found");
  const minutes = (performance.now() - started) / 60_000;
  console.log(`\nmutants: ${killed} killed, ${survived.length} survived, ${stale.length} stale of ${outcomes.length} (${minutes.toFixed(1)} min)`);
  if (survived.length) console.log(`survived: ${survived.map((outcome) => outcome.mutation.id).join(", ")}: a test should fail with each of these bugs`);
  if (stale.length) console.log(`stale: ${stale.map((outcome) => outcome.mutation.id).join(", ")}: update their snippets in test/support/mutations.json`);
  return survived.length || stale.length ? 1 : 0;
}

process.exitCode = await main();
