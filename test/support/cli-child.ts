import { execFile } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../lib/paths";
import { realDataDirectory } from "../pipeline/helpers";

export interface Output {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** The CLI in a child process, with no provider variable inherited from this one. */
export function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Output> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(OPENAI|ANTHROPIC|LOCAL_LLM)_/.test(name)),
  ) as Record<string, string>;
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(projectRoot(), "bin", "persona-talks.js"), ...args],
      // PERSONA_TALKS_SOURCE: the tests run the sources under test (through tsx), never a dist/ build of another lib/.
      { cwd: projectRoot(), env: { ...base, PERSONA_TALKS_DATA: realDataDirectory() ?? "", PERSONA_TALKS_SOURCE: "1", ...env }, timeout: timeoutMs },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

