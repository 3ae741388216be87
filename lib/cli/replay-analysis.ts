import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** `command` without the words a replay sets itself (--out, --cache, --quiet, --dry-run). */
export function replayableCommand(command: readonly string[]): string[] {
  const words: string[] = [];
  for (let index = 0; index < command.length; index++) {
    const word = command[index];
    if (word === "--out" || word === "--cache") index += 1;
    else if (!/^--(out|cache)=/.test(word) && word !== "--quiet" && word !== "--dry-run") words.push(word);
  }
  return words;
}

/**
 * Runs an analysis command in this process, read-only from the cache `PERSONA_TALKS_CACHE` names in `env`, into a
 * new temporary folder, with no provider key or base URL (a replay never calls a model) and its output captured
 * rather than printed. Returns the exit code, the folder and what the command wrote to stderr.
 */
export async function replayAnalysis(command: readonly string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string; stderr: string }> {
  const out = join(mkdtempSync(join(tmpdir(), "pt-replay-")), "out");
  const saved = new Map<string, string | undefined>();
  const set = (name: string, value: string | undefined) => {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  for (const name of Object.keys(process.env)) if (/^(OPENAI|ANTHROPIC|LOCAL_LLM)_/.test(name)) set(name, undefined);
  for (const [name, value] of Object.entries(env)) set(name, value);
  let stderr = "";
  const original = { log: console.log, error: console.error, warn: console.warn, write: process.stderr.write };
  console.log = () => {};
  console.error = console.warn = (...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`);
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  try {
    const { main } = await import("./main");
    const code = await main([...replayableCommand(command), "--out", out, "--cache", "read-only", "--quiet"]);
    return { code, out, stderr };
  } finally {
    Object.assign(console, { log: original.log, error: original.error, warn: original.warn });
    process.stderr.write = original.write;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
