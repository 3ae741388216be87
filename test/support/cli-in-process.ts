import { runMainCaptured } from "../../lib/cli/captured-main";
import type { Output } from "./cli-child";

/**
 * The CLI's main() in this process (no start-up cost), through lib/cli/captured-main.ts: `env` set for the call, no
 * provider variable inherited, console output and stderr captured. A command that throws past main() (a stack trace
 * for the user) is reported as code -1 with the error on stderr, so a test sees it as a failure.
 */
export async function cliInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<Output> {
  const started = performance.now();
  try {
    const run = await runMainCaptured(args, env);
    return { ...run, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    const captured = (error as { captured?: { stdout: string; stderr: string } }).captured ?? { stdout: "", stderr: "" };
    return { code: -1, stdout: captured.stdout, stderr: `${captured.stderr}${(error as Error).stack ?? String(error)}\n`, seconds: (performance.now() - started) / 1000 };
  }
}

/** The lines a user sees on stderr, without blank lines and the "Online: ..." pace line. */
export function stderrLines(output: Output): string[] {
  return output.stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("Online:"));
}
