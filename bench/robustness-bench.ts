/**
 * The robustness grid's speed (issue 23, "Speed"; docs/robustness.md): `npm run bench:robustness`, and part of
 * `npm run bench`.
 *
 * - the dry run of `analyze robustness --n 1155` with 2 x 2 x 2 x 3 conditions (the default design, the paper's
 *   inventories when present) as a user runs it (wall time of the command, Node start included; goal <= 3 s), and
 *   the estimate in-process;
 * - the whole grid at `--n 50` on sim into a fresh cache and folder (goal <= 2 minutes on a 2-core machine).
 *
 * The last line is one JSON object.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../lib/paths";
import { createPipelineContext } from "../lib/pipeline/pipeline-context";
import { estimateAnalysis } from "../lib/questions/shared/estimate-analysis";

const { values } = parseArgs({ options: { n: { type: "string", default: "50" }, "dry-n": { type: "string", default: "1155" } } });
const root = projectRoot();
const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function command(args: string[], env: NodeJS.ProcessEnv): { seconds: number; stdout: string; stderr: string } {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["bin/persona-talks.js", ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`persona-talks ${args.join(" ")} exited ${child.status}:\n${child.stderr.slice(-2000)}`);
  return { seconds, stdout: child.stdout, stderr: child.stderr };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), "robustness-bench-"));
  try {
    const dryArgs = ["analyze", "robustness", "--n", String(values["dry-n"]), "--dry-run"];
    const dry = command(dryArgs, { PERSONA_TALKS_CACHE: join(directory, "dry") });
    const design = dry.stdout.split("\n").find((line) => line.startsWith("Design:")) ?? "";
    say(`persona-talks ${dryArgs.join(" ")}: ${dry.seconds.toFixed(2)} s (goal <= 3 s); ${design}`);

    const context = createPipelineContext({ model: { provider: "openai", model: "gpt-4o-mini" }, cachePath: join(directory, "dry.sqlite") });
    let estimateSeconds = 0;
    let estimateCalls = 0;
    try {
      const started = performance.now();
      const estimate = await estimateAnalysis("robustness", { context, n: Number(values["dry-n"]) });
      estimateSeconds = (performance.now() - started) / 1000;
      estimateCalls = estimate.calls;
      say(`  in-process estimate (openai): ${estimate.calls} calls in ${estimateSeconds.toFixed(2)} s`);
    } finally {
      context.close();
    }

    const gridArgs = ["analyze", "robustness", "--n", String(values.n), "--out", join(directory, "out"), "--quiet"];
    const grid = command(gridArgs, { PERSONA_TALKS_CACHE: join(directory, "grid") });
    const summary = grid.stderr.split("\n").find((line) => line.startsWith("Summary:")) ?? "";
    say(`persona-talks ${gridArgs.join(" ").replace(directory, "$TMP")} on sim, fresh cache: ${grid.seconds.toFixed(1)} s (goal <= 120 s); ${summary}`);
    say(JSON.stringify({ robustnessDryRunCliSeconds: round(dry.seconds), robustnessEstimateSeconds: round(estimateSeconds), robustnessEstimateCalls: estimateCalls, robustnessGridSeconds: round(grid.seconds, 1), robustnessGridN: Number(values.n) }));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
