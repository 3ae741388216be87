/**
 * Start-up of the built command line against `node -e 0` (issue 27: within 5x and at most 100 MB): the median of
 * several runs of `persona-talks --help` and `persona-talks data stats --json` (after one run that remembers the
 * counts), wall and CPU time, and peak RSS, measured with /usr/bin/time (GNU time) when present.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

export interface StartupFigures {
  nodeSeconds: number;
  helpSeconds: number;
  statsSeconds: number;
  helpRatio: number;
  statsRatio: number;
  helpCpuRatio: number;
  statsCpuRatio: number;
  helpRssMb?: number;
  statsRssMb?: number;
  /** How bin/persona-talks.js ran: "built" (dist/cli.mjs) or the line it printed when it fell back to tsx. */
  mode: string;
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
  rssMb?: number;
  stderr: string;
}

const TIME = "/usr/bin/time";

function timed(root: string, args: string[], env: NodeJS.ProcessEnv): Timing {
  const report = join(tmpdir(), `pt-startup-${process.pid}.txt`);
  const useTime = existsSync(TIME);
  const started = performance.now();
  const child = useTime
    ? spawnSync(TIME, ["-o", report, "-f", "%e %U %S %M", process.execPath, ...args], { cwd: root, env, encoding: "utf8" })
    : spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8" });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  if (!useTime) return { seconds: wall, cpuSeconds: wall, stderr: child.stderr };
  const [elapsed, user, system, rssKb] = readFileSync(report, "utf8").trim().split(/\s+/).slice(-4).map(Number);
  rmSync(report, { force: true });
  return { seconds: elapsed, cpuSeconds: user + system, rssMb: rssKb / 1024, stderr: child.stderr };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function medianTiming(runs: Timing[]): Timing {
  return {
    seconds: median(runs.map((run) => run.seconds)),
    cpuSeconds: median(runs.map((run) => run.cpuSeconds)),
    rssMb: runs[0].rssMb === undefined ? undefined : Math.max(...runs.map((run) => run.rssMb ?? 0)),
    stderr: runs[0].stderr,
  };
}

export function measureStartup(root: string, runs = 5): StartupFigures {
  const env = { ...process.env };
  delete env.PERSONA_TALKS_SOURCE;
  const repeat = (args: string[]) => medianTiming(Array.from({ length: runs }, () => timed(root, args, env)));
  const node = repeat(["-e", "0"]);
  const help = repeat(["bin/persona-talks.js", "--help"]);
  timed(root, ["bin/persona-talks.js", "data", "stats", "--json"], env);
  const stats = repeat(["bin/persona-talks.js", "data", "stats", "--json"]);
  const fallback = help.stderr.split("\n").find((line) => line.startsWith("persona-talks:"));
  const round = (value: number) => Number(value.toFixed(2));
  return {
    nodeSeconds: round(node.seconds),
    helpSeconds: round(help.seconds),
    statsSeconds: round(stats.seconds),
    helpRatio: round(help.seconds / node.seconds),
    statsRatio: round(stats.seconds / node.seconds),
    helpCpuRatio: round(help.cpuSeconds / Math.max(node.cpuSeconds, 0.01)),
    statsCpuRatio: round(stats.cpuSeconds / Math.max(node.cpuSeconds, 0.01)),
    helpRssMb: help.rssMb === undefined ? undefined : Math.round(help.rssMb),
    statsRssMb: stats.rssMb === undefined ? undefined : Math.round(stats.rssMb),
    mode: fallback ?? "built",
  };
}
