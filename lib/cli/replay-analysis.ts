import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMainCaptured } from "./captured-main";

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
  const { code, stderr } = await runMainCaptured([...replayableCommand(command), "--out", out, "--cache", "read-only", "--quiet"], env);
  return { code, out, stderr };
}
