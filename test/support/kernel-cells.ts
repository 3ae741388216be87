import { spawn } from "node:child_process";
import { join } from "node:path";
import { findNbconvert, jupyterEnvironment, pythonOf } from "../../lib/notebook/jupyter";
import { projectRoot } from "../../lib/paths";

/** A code cell to execute, or a request of the editor: Shift-Tab (`inspect`) or Tab (`complete`) at `cursor`. */
export type KernelStep = string | { inspect: string; cursor: number } | { complete: string; cursor: number };

export interface KernelStepResult {
  status: string;
  /** A code cell's stream, result and error outputs, in order ("" for an editor request). */
  text: string;
  /** When the step ended (epoch seconds). */
  ended: number;
  /** An editor request's reply content (inspect_reply, complete_reply). */
  reply?: Record<string, unknown>;
}

export interface KernelRun {
  cells: KernelStepResult[];
  /** When the driver interrupted the kernel (epoch seconds), if asked to. */
  interruptedAt: number | null;
}

/**
 * Runs the steps in one real tslab kernel (the project-local registration; register it first) through
 * jupyter_client, as Jupyter does (test/support/kernel-cells.py), with `environment` added to the kernel's;
 * `interrupt` interrupts the kernel `after` seconds into step `cell`, as Jupyter's Stop button does.
 */
export function runKernelSteps(
  steps: KernelStep[],
  options: { cwd: string; environment?: NodeJS.ProcessEnv; timeoutSeconds?: number; interrupt?: { cell: number; after: number } },
): Promise<KernelRun> {
  const nbconvert = findNbconvert();
  if (!nbconvert) return Promise.reject(new Error("jupyter-nbconvert (and jupyter_client) is not installed"));
  return new Promise((resolve, reject) => {
    const child = spawn(pythonOf(nbconvert), [join(projectRoot(), "test", "support", "kernel-cells.py")], { env: jupyterEnvironment(options.environment ?? {}), stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`kernel-cells.py exited ${code}:\n${err.slice(-3000)}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!) as KernelRun);
    });
    child.stdin.end(JSON.stringify({ cells: steps, cwd: options.cwd, interrupt: options.interrupt ?? null, timeout: options.timeoutSeconds ?? 300 }));
  });
}
