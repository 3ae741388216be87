import { listProviders } from "../providers/registry";
import { main } from "./main";

/** What a command run in this process printed, and its exit code. */
export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI's main() in this process with `env` set for the call and no provider variable inherited (every key and
 * base-URL variable a registered provider reads is unset unless `env` gives it), capturing console output and
 * stderr instead of printing them (not process.stdout.write: node:test reports through it). The environment and the
 * console are restored afterwards. Used by `bundle verify` (a replay that must never call a model) and the tests.
 */
export async function runMainCaptured(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CapturedRun> {
  const saved = new Map<string, string | undefined>();
  const set = (name: string, value: string | undefined) => {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  const providerVariables = listProviders().flatMap((provider) => [provider.environment.key, provider.environment.baseURL]);
  for (const name of providerVariables) if (name) set(name, undefined);
  for (const [name, value] of Object.entries(env)) set(name, value);
  let stdout = "";
  let stderr = "";
  const original = { log: console.log, error: console.error, warn: console.warn, write: process.stderr.write };
  console.log = (...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`);
  console.error = console.warn = (...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`);
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  try {
    const code = await main([...args]);
    return { code, stdout, stderr };
  } catch (error) {
    // Attach what was printed before the throw, so a caller reporting the failure can show it.
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { captured: { stdout, stderr } });
  } finally {
    Object.assign(console, { log: original.log, error: original.error, warn: original.warn });
    process.stderr.write = original.write;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
