import { main } from "../../lib/cli/main";

/** `persona-talks annotate ARGS` in process through main(), as bin/persona-talks.js runs it (a spawned tsx start costs seconds on a busy machine). */
export async function annotateCli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const original = { log: console.log, error: console.error };
  console.log = (...parts: unknown[]) => void stdout.push(parts.join(" "));
  console.error = (...parts: unknown[]) => void stderr.push(parts.join(" "));
  try {
    const status = await main(["annotate", ...args]);
    return { status, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
  } finally {
    Object.assign(console, original);
  }
}
