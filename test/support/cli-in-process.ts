import { main } from "../../lib/cli/main";
import type { Output } from "./cli-child";

/**
 * The CLI's main() in this process (no start-up cost), with `env` set for the call and no provider variable
 * inherited; console output and stderr are captured (not process.stdout.write: node:test reports through it). A command that throws past main() (a stack trace for the user) is
 * reported as code -1 with the error on stderr, so a test sees it as a failure.
 */
export async function cliInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<Output> {
  const saved = new Map<string, string | undefined>();
  const set = (name: string, value: string | undefined) => {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  for (const name of Object.keys(process.env)) if (/^(OPENAI|ANTHROPIC|LOCAL_LLM)_/.test(name)) set(name, undefined);
  for (const [name, value] of Object.entries(env)) set(name, value);
  let stdout = "";
  let stderr = "";
  const originals = { log: console.log, error: console.error, warn: console.warn, err: process.stderr.write };
  console.log = (...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`);
  console.error = console.warn = (...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`);
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  const started = performance.now();
  let code: number;
  try {
    code = await main(args);
  } catch (error) {
    code = -1;
    stderr += `${(error as Error).stack ?? String(error)}\n`;
  } finally {
    Object.assign(console, { log: originals.log, error: originals.error, warn: originals.warn });
    process.stderr.write = originals.err;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return { code, stdout, stderr, seconds: (performance.now() - started) / 1000 };
}

/** The lines a user sees on stderr, without blank lines and the "Online: ..." pace line. */
export function stderrLines(output: Output): string[] {
  return output.stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("Online:"));
}
