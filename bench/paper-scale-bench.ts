/**
 * `npm run bench`: the LLM-layer benchmark (bench/llm-bench.ts: rate-limited throughput, 500,000-answer replay
 * against its floor) plus the paper-scale figures of the cache and pipeline:
 *
 * - cold `analyze rq1 --n N` on sim in a fresh cache (answers per second end to end), then the same warm
 *   (every answer cached) against its floor measured in the same process (bench/warm-rq1-child.ts), and the
 *   warm run's peak RSS;
 * - bytes per inventory answer on disk, from loopback OpenAI response bodies (bench/bytes-per-answer.ts);
 * - paper-scale dry runs (`run inventory --n 3025 --dry-run`, `analyze rq1|rq2|rq3 --n 1155 --dry-run`) as a
 *   user runs them (wall time of the whole command, Node start included) and in-process (the estimate itself).
 *
 * - start-up of the built command line (`--help`, `data stats --json`) against `node -e 0` (bench/startup-bench.ts);
 * - the notebook loop in a real tslab kernel: re-running the load cell after a one-line lib/ edit (goal <= 5 s) and
 *   exporting a figure after the first (goal <= 1 s) (bench/notebook-loop-bench.ts);
 * - the robustness grid (bench/robustness-bench.ts): its dry run at --n 1155 (2 x 2 x 2 x 3 conditions, goal <= 3 s)
 *   and the whole grid at --n 50 on sim (goal <= 2 min).
 *
 * Ratios are given for wall time and for CPU time: on a shared machine the wall times of two phases of one
 * process see different loads, while CPU time measures the work. The last line is one JSON object.
 * Options: --n 300 (rq1 personas per dataset), --cached 500000 (replay size), --requests 3000 (throughput);
 * --only ENTRY (repeatable) runs only those entries: llm, rq1, bytes, startup, dry-run, notebook, robustness.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadStandardInventory } from "../lib/inventory/load-inventory";
import { projectRoot } from "../lib/paths";
import { createPipelineContext } from "../lib/pipeline/pipeline-context";
import { estimateAnalysis } from "../lib/questions/shared/estimate-analysis";
import { measureBytesPerAnswer } from "./bytes-per-answer";
import { measureNotebookLoop, notebookLoopLines } from "./notebook-loop-bench";
import { measureStartup } from "./startup-bench";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "300" },
    cached: { type: "string", default: "500000" },
    requests: { type: "string", default: "3000" },
    "bytes-personas": { type: "string", default: "20" },
    only: { type: "string", multiple: true },
  },
});
const ENTRIES = ["llm", "rq1", "bytes", "startup", "dry-run", "notebook", "robustness"];
const unknownEntry = (values.only ?? []).find((entry) => !ENTRIES.includes(entry));
if (unknownEntry) {
  process.stderr.write(`--only ${unknownEntry}: no such bench entry (the entries: ${ENTRIES.join(", ")})\n`);
  process.exit(2);
}
/** Whether an entry runs: all of them unless --only names some. */
const want = (entry: string) => !values.only || values.only.includes(entry);
const root = projectRoot();
const say = (line: string) => process.stdout.write(line + "\n");
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function runNode(args: string[], env: NodeJS.ProcessEnv = {}): { stdout: string; seconds: number; status: number | null } {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] });
  return { stdout: child.stdout, seconds: (performance.now() - started) / 1000, status: child.status };
}

function lastJson(stdout: string): Record<string, number> {
  const line = stdout.trim().split("\n").filter((entry) => entry.startsWith("{")).pop();
  if (!line) throw new Error(`no JSON line in:\n${stdout.slice(-2000)}`);
  return JSON.parse(line) as Record<string, number>;
}

async function main(): Promise<void> {
  const n = Number(values.n);
  const directory = mkdtempSync(join(tmpdir(), "paper-bench-"));
  // The last line: one JSON object with the figures of the entries that ran.
  const summary: Record<string, unknown> = {};
  try {
    let layer: Record<string, number> | undefined;
    if (want("llm")) {
      say(`LLM layer: node --import tsx bench/llm-bench.ts --cached ${values.cached} --requests ${values.requests}`);
      const llm = runNode(["--import", "tsx", "bench/llm-bench.ts", "--cached", String(values.cached), "--requests", String(values.requests)]);
      process.stdout.write(llm.stdout);
      layer = lastJson(llm.stdout);
    }

    if (want("rq1")) {
      const cachePath = join(directory, "rq1.sqlite");
      say(`Cold analyze rq1 --n ${n} on sim (fresh cache)`);
      const cold = lastJson(runNode(["--import", "tsx", "bench/warm-rq1-child.ts", cachePath, String(n)]).stdout);
      say(`  ${cold.calls} answers in ${cold.seconds.toFixed(1)} s (CPU ${cold.cpuSeconds.toFixed(1)} s): ${(cold.calls / cold.seconds).toFixed(0)} answers/s`);
      say(`Warm analyze rq1 --n ${n} (every answer cached), then its floor in the same process`);
      const warm = lastJson(runNode(["--import", "tsx", "bench/warm-rq1-child.ts", cachePath, String(n), "--floor"]).stdout);
      if (warm.paidCalls !== 0) throw new Error(`warm run paid ${warm.paidCalls} calls`);
      say(
        `  ${warm.cachedCalls} cached answers in ${warm.seconds.toFixed(2)} s (CPU ${warm.cpuSeconds.toFixed(1)} s), peak RSS ${warm.peakRssMb.toFixed(0)} MB; ` +
          `floor ${warm.floorSeconds.toFixed(2)} s (CPU ${warm.floorCpuSeconds.toFixed(1)} s) -> ${(warm.seconds / warm.floorSeconds).toFixed(2)}x (CPU ${(warm.cpuSeconds / warm.floorCpuSeconds).toFixed(2)}x)`,
      );
      Object.assign(summary, {
        warmRq1Seconds: round(warm.seconds),
        floorSeconds: round(warm.floorSeconds),
        warmRatio: round(warm.seconds / warm.floorSeconds),
        warmCpuSeconds: round(warm.cpuSeconds),
        floorCpuSeconds: round(warm.floorCpuSeconds),
        warmCpuRatio: round(warm.cpuSeconds / warm.floorCpuSeconds),
        warmPeakRssMb: round(warm.peakRssMb, 0),
        warmAnswers: warm.cachedCalls,
        coldRq1Seconds: round(cold.seconds, 1),
        coldRq1CpuSeconds: round(cold.cpuSeconds, 1),
        simAnswersPerSecond: round(cold.calls / cold.seconds, 0),
        simAnswersPerCpuSecond: round(cold.calls / cold.cpuSeconds, 0),
      });
    }

    if (want("bytes")) {
      const statements = [loadStandardInventory("hexaco60"), loadStandardInventory("csi96")].flatMap((inventory) => inventory.items.map((item) => item.text));
      const bytes = await measureBytesPerAnswer(Number(values["bytes-personas"]), statements);
      say(`Bytes per answer: ${bytes.bytesPerAnswer.toFixed(0)} (${bytes.answers} answers from loopback OpenAI bodies; raw body kept: ${bytes.rawKept})`);
      Object.assign(summary, { bytesPerAnswer: round(bytes.bytesPerAnswer, 0), rawBodyKept: bytes.rawKept });
    }

    if (layer) {
      Object.assign(summary, {
        replaySeconds: layer.replaySeconds,
        replayFloorSeconds: layer.replayFloorSeconds,
        replayRatio: layer.replayRatio,
        replayCpuRatio: layer.replayCpuRatio,
        replayAnonRssMb: layer.replayAnonRssMb,
      });
    }

    if (want("startup")) {
      const startup = measureStartup(root);
      say(
        `Start-up (${startup.mode}; median of 5): node -e 0 ${startup.nodeSeconds} s; --help ${startup.helpSeconds} s = ${startup.helpRatio}x (CPU ${startup.helpCpuRatio}x, ${startup.helpRssMb ?? "?"} MB); ` +
          `data stats --json ${startup.statsSeconds} s = ${startup.statsRatio}x (CPU ${startup.statsCpuRatio}x, ${startup.statsRssMb ?? "?"} MB)`,
      );
      Object.assign(summary, {
        startupHelpRatio: startup.helpRatio,
        startupStatsRatio: startup.statsRatio,
        startupHelpCpuRatio: startup.helpCpuRatio,
        startupStatsCpuRatio: startup.statsCpuRatio,
        startupHelpRssMb: startup.helpRssMb,
        startupStatsRssMb: startup.statsRssMb,
      });
    }

    if (want("dry-run")) {
      say("Dry runs at paper scale (wall time of the command, Node start included)");
      const dryCommands = [
        ["run", "inventory", "--n", "3025", "--dry-run"],
        ["analyze", "rq1", "--n", "1155", "--dry-run"],
        ["analyze", "rq2", "--n", "1155", "--dry-run"],
        ["analyze", "rq3", "--n", "1155", "--dry-run"],
      ];
      let dryRunCliSeconds = 0;
      for (const command of dryCommands) {
        const run = runNode(["bin/persona-talks.js", ...command], { PERSONA_TALKS_CACHE: join(directory, "dry") });
        if (run.status !== 0) throw new Error(`persona-talks ${command.join(" ")} exited ${run.status}`);
        say(`  persona-talks ${command.join(" ")}: ${run.seconds.toFixed(2)} s`);
        dryRunCliSeconds = Math.max(dryRunCliSeconds, run.seconds);
      }
      const context = createPipelineContext({ model: { provider: "openai", model: "gpt-4o-mini" }, cachePath: join(directory, "dry.sqlite") });
      let dryRunSeconds = 0;
      let dryRunCpuSeconds = 0;
      try {
        for (const question of ["rq1", "rq2", "rq3"] as const) {
          const started = performance.now();
          const cpu = process.cpuUsage();
          const estimate = await estimateAnalysis(question, { context, n: 1155 });
          const seconds = (performance.now() - started) / 1000;
          const used = process.cpuUsage(cpu);
          const cpuSeconds = (used.user + used.system) / 1e6;
          say(`  in-process estimate of analyze ${question} --n 1155 (openai): ${estimate.calls} calls in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)`);
          dryRunSeconds = Math.max(dryRunSeconds, seconds);
          dryRunCpuSeconds = Math.max(dryRunCpuSeconds, cpuSeconds);
        }
      } finally {
        context.close();
      }
      Object.assign(summary, { dryRunSeconds: round(dryRunSeconds), dryRunCpuSeconds: round(dryRunCpuSeconds), dryRunCliSeconds: round(dryRunCliSeconds) });
    }

    if (want("notebook")) {
      const loop = await measureNotebookLoop();
      for (const line of notebookLoopLines(loop)) say(line);
      const { skipped, exportSkipped, ...figures } = loop;
      void skipped;
      void exportSkipped;
      for (const [key, value] of Object.entries(figures)) summary[key] = round(value);
    }

    if (want("robustness")) {
      say("Robustness grid: node --import tsx bench/robustness-bench.ts");
      const robustnessRun = runNode(["--import", "tsx", "bench/robustness-bench.ts"]);
      if (robustnessRun.status !== 0) throw new Error(`bench/robustness-bench.ts exited ${robustnessRun.status}`);
      process.stdout.write(robustnessRun.stdout);
      Object.assign(summary, lastJson(robustnessRun.stdout));
    }

    if (layer) Object.assign(summary, { ratio: layer.ratio, lost: layer.lost, achievedRpm: layer.achievedRpm, cachedResponses: layer.cachedResponses });
    if (want("rq1")) summary.n = n;
    say(JSON.stringify(summary));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
